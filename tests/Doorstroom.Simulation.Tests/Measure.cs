using Doorstroom.Domain;

namespace Doorstroom.Simulation.Tests;

/// <summary>
/// Small counting helpers that read only the events, the way the rulebook defines the indicators (the real indicator
/// functions come with the monitor). A rate is checked against its setting within four binomial standard errors.
/// </summary>
internal static class Measure
{
    /// <summary>A hand-built world: five vestigingen (one green, one in a plaats without mbo), six mbo locations (two AOC), four domains × niveau
    /// 1–4.</summary>
    public static World World { get; } = BuildWorld();

    private static World BuildWorld()
    {
        var builder = new WorldBuilder()
            .Vo("01AA00", "Utrecht", bb: 120, kb: 150, gl: 30, tl: 200)
            .Vo("02BB00", "Utrecht", kb: 80, tl: 300)
            .Vo("03CC01", "Zwolle", bb: 60, kb: 90, gl: 40, tl: 50, green: true)
            .Vo("04DD00", "Groningen", bb: 200, kb: 100, gl: 10, tl: 90)
            .Vo("05EE00", "Emmen", bb: 30, kb: 30, gl: 30, tl: 30)
            .Mbo("25LG00", "Utrecht")
            .Mbo("25LG01", "Utrecht")
            .Mbo("26AB00", "Zwolle")
            .Mbo("27CD00", "Groningen")
            .Mbo("28EF00", "Dronten", aoc: true)
            .Mbo("28EF01", "Zwolle", aoc: true);
        (string Name, Direction Direction)[] domains =
        [
            ("Zorg en welzijn", Direction.ZorgEnWelzijn),
            ("Techniek en procesindustrie", Direction.Techniek),
            ("Handel en ondernemerschap", Direction.Economie),
            ("Voedsel, natuur en leefomgeving", Direction.Groen),
        ];
        for (var n = 1; n <= 4; n++)
        {
            for (var d = 0; d < domains.Length; d++)
            {
                for (var k = 0; k < 2; k++)
                    builder.Qualification(20000 + n * 100 + d * 10 + k, (MboLevel)n, domains[d].Name, domains[d].Direction);
            }
        }
        return builder.Build();
    }

    /// <summary>True when <paramref name="measured"/> is within four standard errors of a binomial rate <paramref name="p"/> over <paramref name="n"/>
    /// trials.</summary>
    public static void Near(double p, double measured, long n, string what)
    {
        Assert.True(n > 0, $"{what}: nobody to measure");
        var sigma = Math.Sqrt(p * (1 - p) / n);
        Assert.True(Math.Abs(measured - p) <= 4 * sigma, $"{what}: measured {measured:F4} over {n}, setting {p:F4}, allowed ±{4 * sigma:F4} (4σ)");
    }

    public static bool IsMbo(TransitionEvent e) => e.Leerweg is Leerweg.Bol or Leerweg.Bbl || e.Niveau is not null;

    /// <summary>The pupil's first mbo enrolment, or -1.</summary>
    public static int FirstMboEnrolment(SimulatedPupil pupil)
    {
        for (var i = 0; i < pupil.Events.Length; i++)
        {
            if (pupil.Events[i].Kind == EventKind.Ingeschreven && IsMbo(pupil.Events[i]))
                return i;
        }
        return -1;
    }

    /// <summary>
    /// D6: the cohort of bol students entering mbo directly from vo (left a vo school in the two months before) at niveau ≥ 2,
    /// and those of them who changed domain in their first year.
    /// </summary>
    public static (int Population, int Switchers, List<(SimulatedPupil Pupil, int Entry, bool Switched)> Members) FirstYearSwitch(
        IEnumerable<SimulatedPupil> pupils,
        World world
    )
    {
        var domainOf = world.Qualifications.ToDictionary(q => q.Crebo, q => q.Domain);
        var members = new List<(SimulatedPupil, int, bool)>();
        int population = 0,
            switchers = 0;
        foreach (var pupil in pupils)
        {
            var i = FirstMboEnrolment(pupil);
            if (i < 0)
                continue;
            var entry = pupil.Events[i];
            if (entry.Leerweg != Leerweg.Bol || entry.Niveau < 2)
                continue;
            var direct = pupil
                .Events.Take(i)
                .Any(e => e.Kind == EventKind.Uitgeschreven && !IsMbo(e) && e.Date < entry.Date && e.Date >= entry.Date.AddDays(-62));
            if (!direct)
                continue;
            population++;
            var domain = domainOf[entry.Crebo!.Value];
            var yearEnd = entry.Date.AddYears(1);
            var switched = pupil.Events.Skip(i + 1).Any(e => e.Kind == EventKind.Geswitcht && e.Date < yearEnd && domainOf[e.Crebo!.Value] != domain);
            if (switched)
                switchers++;
            members.Add((pupil, i, switched));
        }
        return (population, switchers, members);
    }

    /// <summary>
    /// D2 per mbo niveau: everyone enrolled in mbo on 1 October t at that niveau and younger than 22, and of them those not
    /// enrolled anywhere on 1 October t+1 without a startkwalificatie (mbo 2+ or havo diploma) by then.
    /// </summary>
    public static (long[] Population, long[] Vsv) NewVsv(IEnumerable<SimulatedPupil> pupils)
    {
        var population = new long[6];
        var vsv = new long[6];
        foreach (var pupil in pupils)
        {
            var spells = Spells(pupil);
            var sk = DateOnly.MaxValue;
            foreach (var e in pupil.Events)
            {
                var isSk = e.Kind == EventKind.DiplomaBehaald && (e.Niveau >= 2 || (e.Leerweg is null && e.Niveau is null));
                if (isSk && e.Date < sk)
                    sk = e.Date;
            }
            foreach (var (start, end, niveau) in spells)
            {
                if (niveau is not { } n)
                    continue;
                for (var t = start.Year - 1; t <= Math.Min(end.Year, start.Year + 12); t++)
                {
                    var october = new DateOnly(t, 10, 1);
                    if (october < start || october > end || pupil.BirthDate.AddYears(22) <= october)
                        continue;
                    population[n]++;
                    var next = october.AddYears(1);
                    var enrolled = spells.Any(s => s.Start <= next && next <= s.End);
                    if (!enrolled && sk > next)
                        vsv[n]++;
                }
            }
        }
        return (population, vsv);
    }

    /// <summary>The enrolment spells: from an Ingeschreven to the Uitgeschreven at the same institution (open: MaxValue).</summary>
    public static List<(DateOnly Start, DateOnly End, int? Niveau)> Spells(SimulatedPupil pupil)
    {
        var spells = new List<(DateOnly, DateOnly, int?)>();
        var open = new Dictionary<string, (DateOnly Start, int? Niveau)>();
        foreach (var e in pupil.Events)
        {
            if (e.Kind == EventKind.Ingeschreven)
                open[e.Institution!] = (e.Date, e.Niveau);
            else if (e.Kind == EventKind.Uitgeschreven && open.Remove(e.Institution!, out var s))
                spells.Add((s.Start, e.Date, s.Niveau));
        }
        foreach (var s in open.Values)
            spells.Add((s.Start, DateOnly.MaxValue, s.Niveau));
        return spells;
    }
}
