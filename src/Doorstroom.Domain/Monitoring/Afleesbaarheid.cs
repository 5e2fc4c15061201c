namespace Doorstroom.Domain;

/// <summary>
/// Whether one cohort of an indicator can be read on a date: <see cref="Vanaf"/> is the first day on which every pupil of the
/// cohort has had its whole measurement window, so its rate no longer grows with time. Before it the cohort is "nog niet af te
/// lezen": a rate then counts the pupils still inside their window as misses (e.g. a vmbo leaver of last summer cannot have an
/// mbo-2 diploma yet), which is not a 0 % but no answer.
/// </summary>
/// <param name="Afleesbaar">True when the data, complete through the date, covers the whole window.</param>
/// <param name="Vanaf">The first date the cohort can be read.</param>
/// <param name="Reden">Why that date, in words (for a page or a table's note).</param>
public sealed record Afleesbaarheid(Indicator Indicator, int Cohort, bool Afleesbaar, DateOnly Vanaf, string Reden)
{
    /// <summary>The years a vmbo leaver is given to reach a startkwalificatie before a cohort of <see cref="Indicator.TijdTotStartkwalificatie"/> is read:
    /// mbo-4 takes up to four years, plus one for a late start or a year over.</summary>
    public const int JarenTotStartkwalificatie = 5;

    /// <summary>
    /// The rule: can cohort <paramref name="cohort"/> of <paramref name="indicator"/> be read from data complete through
    /// <paramref name="through"/> (the monitor's <see cref="MonitorContext.Through"/>)? The window of each indicator follows its
    /// definition in <see cref="Indicator"/>: the last peildatum any member of the cohort is measured on.
    /// </summary>
    public static Afleesbaarheid Op(Indicator indicator, int cohort, DateOnly through)
    {
        var (vanaf, reden) = indicator switch
        {
            Indicator.NieuweVsv => (Oktober(cohort + 1), "wie op 1 oktober t ingeschreven stond, telt pas op 1 oktober t+1"),
            // Entries of school year t start up to 31 July t+1; their first year ends a year later.
            Indicator.Switch => (new DateOnly(cohort + 2, 8, 1), "het eerste jaar van wie tot en met 31 juli t+1 instroomde, is pas op 1 augustus t+2 voorbij"),
            Indicator.DiplomaNominaal => (Oktober(cohort + 4), "de nominale duur loopt tot 4 jaar (niveau 4): af te lezen op 1 oktober t+4"),
            Indicator.Jaarresultaat
            or Indicator.Diplomaresultaat
            or Indicator.Startersresultaat
            or Indicator.DoorstroomVoMboNaEenJaar
            or Indicator.Kwalificatiewinst => (Oktober(cohort + 1), "de peildatum is 1 oktober t+1"),
            Indicator.DoorstroomVoMbo => (Oktober(cohort), "de peildatum is 1 oktober t"),
            // Diplomas of school year t run to 31 July t+1; the first 1 October after them is at the latest 1 October t+1.
            Indicator.Opstroom => (Oktober(cohort + 1), "de eerste 1 oktober na een diploma uit studiejaar t is uiterlijk 1 oktober t+1"),
            Indicator.TijdTotStartkwalificatie => (
                Oktober(cohort + JarenTotStartkwalificatie),
                $"elke vmbo-verlater krijgt {JarenTotStartkwalificatie} jaar om een startkwalificatie te halen: af te lezen op 1 oktober "
                    + $"t+{JarenTotStartkwalificatie}"
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "unknown indicator"),
        };
        return new Afleesbaarheid(indicator, cohort, vanaf <= through, vanaf, reden);
    }

    /// <summary>True when cohort <paramref name="cohort"/> of <paramref name="indicator"/> can be read on <paramref name="through"/> (<see
    /// cref="Op"/>).</summary>
    public static bool Kan(Indicator indicator, int cohort, DateOnly through) => Op(indicator, cohort, through).Afleesbaar;

    private static DateOnly Oktober(int year) => new(year, 10, 1);
}
