using Doorstroom.Domain;

namespace Doorstroom.Simulation;

/// <summary>
/// The loopbaan part of a simulated vmbo pupil (issue 16, decision 0031): how sure of a choice and how active in LOB the pupil is
/// (drawn before the pupil's career, which it shifts), and the LOB activities, choices and meeloopdagen of the exam year and the
/// year before (written after it, when the pupil's mbo programme is known). Every rate comes from <see cref="Calibration"/>.
/// </summary>
internal sealed class LoopbaanGenerator(WorldTables tables, Calibration cal)
{
    /// <summary>LOB activities of the year before the exam year (all at the vo school), repeated by weight.</summary>
    private static readonly LobSoort[] YearBefore =
    [
        LobSoort.Beroepenorientatie,
        LobSoort.Beroepenorientatie,
        LobSoort.PraktischeSectororientatie,
        LobSoort.PraktischeSectororientatie,
        LobSoort.Interessetest,
        LobSoort.Interessetest,
        LobSoort.GesprekMentor,
        LobSoort.GesprekMentor,
        LobSoort.VoorlichtingMboStudenten,
        LobSoort.Stage,
    ];

    /// <summary>LOB activities of the exam year, repeated by weight; an open dag is at an mbo location, the rest at the vo school.</summary>
    private static readonly LobSoort[] ExamYear =
    [
        LobSoort.OpenDag,
        LobSoort.OpenDag,
        LobSoort.OpenDag,
        LobSoort.GesprekDecaan,
        LobSoort.GesprekDecaan,
        LobSoort.GesprekMentor,
        LobSoort.GesprekMentor,
        LobSoort.GesprekOuders,
        LobSoort.VoorlichtingMboStudenten,
        LobSoort.Interessetest,
        LobSoort.Stage,
    ];

    /// <summary>The peildatum of the choice: 1 February of the exam year (the default of the doubt signal).</summary>
    public static DateOnly Peildatum(int exam) => new(exam, 2, 1);

    /// <summary>Draws how sure the pupil is on the peildatum (null: no choice yet) and whether the pupil takes no part in LOB in the exam year.</summary>
    public Doubt Draw(Random random)
    {
        var shares = cal.KeuzeOnPeildatum;
        var u = random.NextDouble();
        Keuzezekerheid? zekerheid =
            u < shares.Geen ? null
            : u < shares.Geen + shares.GeenIdee ? Keuzezekerheid.GeenIdee
            : u < shares.InDoubt ? Keuzezekerheid.Twijfel
            : u < shares.InDoubt + shares.RedelijkZeker ? Keuzezekerheid.RedelijkZeker
            : Keuzezekerheid.Zeker;
        return new Doubt(zekerheid, random.NextDouble() < cal.NoLobShare);
    }

    /// <summary>The factor on the first-year switch chance: the relative risks, divided by their mean so the average stays the setting.</summary>
    public double SwitchFactor(Doubt d) => Factor(d, cal.DoubtSwitchRelativeRisk, cal.NoLobSwitchRelativeRisk);

    /// <summary>The factor on the yearly vsv chance.</summary>
    public double VsvFactor(Doubt d) => Factor(d, cal.DoubtVsvRelativeRisk, cal.NoLobVsvRelativeRisk);

    /// <summary>The factor on the chance of a diploma only after five years.</summary>
    public double DelayFactor(Doubt d) => Factor(d, cal.DoubtDelayRelativeRisk, cal.NoLobDelayRelativeRisk);

    private double Factor(Doubt d, double doubtRisk, double noLobRisk)
    {
        var inDoubt = cal.KeuzeOnPeildatum.InDoubt;
        var noLob = cal.NoLobShare;
        return (d.InDoubt ? doubtRisk : 1) / (1 - inDoubt + inDoubt * doubtRisk) * (d.NoLob ? noLobRisk : 1) / (1 - noLob + noLob * noLobRisk);
    }

    /// <summary>
    /// Adds the pupil's LOB activities, choices and meeloopdag steps from 1 August two years before <paramref name="exam"/> until
    /// the pupil left the vo school (<paramref name="left"/>, not included). Dates are not in order; the caller sorts.
    /// </summary>
    public void Emit(Random random, Doubt d, string key, int v, int exam, DateOnly left, Programme? chosen, List<TransitionEvent> events)
    {
        var vestiging = tables.World.VoVestigingen[v];
        var vo = vestiging.Brin6;
        var start = exam - 2;

        void Add(TransitionEvent e)
        {
            if (e.Date < left)
                events.Add(e);
        }

        void Activity(LobSoort soort, DateOnly date)
        {
            var at = soort == LobSoort.OpenDag ? Location(random, v, chosen) : vo;
            Add(new(key, date, EventKind.LobActiviteit, at, Detail: JsonSpelling.Of(soort)));
        }

        var before = Poisson(random, cal.LobActivitiesYearBefore * (d.NoLob ? 0.5 : 1));
        for (var i = 0; i < before; i++)
            Activity(YearBefore[random.Next(YearBefore.Length)], Between(random, new(start, 9, 15), new(start + 1, 6, 15)));
        if (!d.NoLob)
        {
            var during = 1 + Poisson(random, Math.Max(0, cal.LobActivitiesExamYear - 1));
            for (var i = 0; i < during; i++)
                Activity(ExamYear[random.Next(ExamYear.Length)], Between(random, new(start + 1, 9, 15), new(exam, 5, 31)));
        }

        // A meeloopdag: pupils without LOB sign up less and never come.
        if (random.NextDouble() < cal.MeeloopdagShare * (d.NoLob ? 0.25 : 1) && Meeloopdag(random, v, chosen) is { } day)
        {
            var on = Between(random, new(start + 1, 11, 1), new(exam, 3, 31));
            var id = $"synthetisch-{day.Brin}-{day.Crebo}-{on:yyyyMMdd}";
            Add(new(key, on.AddDays(-7 - random.Next(22)), EventKind.MeeloopdagAangemeld, day.Brin, Niveau: day.Niveau, Crebo: day.Crebo, Detail: id));
            var came = !d.NoLob && random.NextDouble() >= cal.MeeloopdagNoShowShare;
            Add(
                new(
                    key,
                    on,
                    came ? EventKind.MeeloopdagBijgewoond : EventKind.MeeloopdagNietVerschenen,
                    day.Brin,
                    Niveau: day.Niveau,
                    Crebo: day.Crebo,
                    Detail: id
                )
            );
        }

        // The choices: the one that holds on the peildatum, perhaps a tentative one a year earlier, perhaps a surer one later.
        var peil = Peildatum(exam);
        if (d.OnPeildatum is { } zeker)
        {
            if (random.NextDouble() < 0.25)
                Add(Choice(random, key, vo, Between(random, new(start + 1, 3, 1), new(start + 1, 6, 30)), Tentative(zeker), chosen));
            Add(Choice(random, key, vo, Between(random, new(start + 1, 10, 1), peil.AddDays(-1)), zeker, chosen));
            if (d.InDoubt && random.NextDouble() < cal.UnsureBecomeSureShare)
            {
                var surer = random.NextDouble() < 0.5 ? Keuzezekerheid.RedelijkZeker : Keuzezekerheid.Zeker;
                Add(Choice(random, key, vo, Between(random, peil.AddDays(1), new(exam, 5, 31)), surer, chosen));
            }
        }
        else if (random.NextDouble() < cal.LaterChoiceShare)
        {
            var u = random.NextDouble();
            var late =
                u < 0.3 ? Keuzezekerheid.Zeker
                : u < 0.7 ? Keuzezekerheid.RedelijkZeker
                : Keuzezekerheid.Twijfel;
            Add(Choice(random, key, vo, Between(random, peil.AddDays(1), new(exam, 5, 31)), late, chosen));
        }
    }

    /// <summary>A tentative choice a year before: no surer than geen-idee when that is all the pupil knows by the peildatum.</summary>
    private static Keuzezekerheid Tentative(Keuzezekerheid onPeildatum) =>
        onPeildatum == Keuzezekerheid.GeenIdee ? Keuzezekerheid.GeenIdee : Keuzezekerheid.Twijfel;

    /// <summary>A choice with the programme the pupil will enter (when sure) or another at that niveau (in doubt); none without a programme.</summary>
    private TransitionEvent Choice(Random random, string key, string vo, DateOnly date, Keuzezekerheid zekerheid, Programme? chosen)
    {
        var detail = JsonSpelling.Of(zekerheid);
        if (chosen is not { } p || zekerheid == Keuzezekerheid.GeenIdee)
            return new(key, date, EventKind.KeuzeVastgelegd, vo, Detail: detail);
        var crebo = p.Crebo;
        if (zekerheid == Keuzezekerheid.Twijfel && random.NextDouble() < 0.5 && tables.QualificationsAt[p.Niveau] is { Length: > 0 } at)
            crebo = tables.World.Qualifications[at[random.Next(at.Length)]].Crebo;
        return new(key, date, EventKind.KeuzeVastgelegd, vo, p.Leerweg, Niveau: p.Niveau, Crebo: crebo, Detail: detail);
    }

    /// <summary>The programme of a meeloopdag: mostly the one the pupil will enter, else one at a nearby location; null when the world has none.</summary>
    private Programme? Meeloopdag(Random random, int v, Programme? chosen)
    {
        if (chosen is { } p && random.NextDouble() < 0.7)
            return p;
        var niveau = chosen?.Niveau ?? 2 + random.Next(3);
        var at = tables.QualificationsAt[niveau];
        if (at.Length == 0)
            return null;
        var crebo = tables.World.Qualifications[at[random.Next(at.Length)]].Crebo;
        return new Programme(Location(random, v, chosen), crebo, niveau, Leerweg.Bol);
    }

    /// <summary>An mbo location the pupil may go to: the chosen one half of the time, else one in the pupil's plaats, else any.</summary>
    private string Location(Random random, int v, Programme? chosen)
    {
        if (chosen is { } p && random.NextDouble() < 0.5)
            return p.Brin;
        var local = tables.World.VoVestigingen[v].Green && random.NextDouble() < 0.5 ? tables.LocalAoc[v] : tables.LocalOther[v];
        var pool = local.Length > 0 ? local : tables.OtherLocations;
        return tables.World.MboLocations[pool[random.Next(pool.Length)]].Brin6;
    }

    private static DateOnly Between(Random random, DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>A Poisson draw (Knuth), capped at 30.</summary>
    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit && k < 30)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    /// <summary>How sure of a choice the pupil is on the peildatum (null: none yet), and whether the pupil has no LOB activity in the exam year.</summary>
    public readonly record struct Doubt(Keuzezekerheid? OnPeildatum, bool NoLob)
    {
        /// <summary>No choice, geen-idee or twijfel on the peildatum.</summary>
        public bool InDoubt => OnPeildatum is null or Keuzezekerheid.GeenIdee or Keuzezekerheid.Twijfel;
    }

    /// <summary>An mbo programme at a location: what a choice names and where a meeloopdag is.</summary>
    public readonly record struct Programme(string Brin, int Crebo, int Niveau, Leerweg Leerweg);
}
