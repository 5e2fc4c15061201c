using Doorstroom.Domain;

namespace Doorstroom.Simulation;

/// <summary>
/// Generates one pupil at a time from one <see cref="Random"/>. Holds only the current pupil's events and, across pupils,
/// the running vsv population counts per niveau (see <see cref="Hazard"/>).
/// </summary>
internal sealed class PupilGenerator
{
    private const string NormaleRoute = "normale-route";
    private const string HavoRoute = "havo-doorstroom";
    private const string Vm2 = "vm2";

    /// <summary>
    /// The routes besides normale-route (rulebook §7): which vmbo leerwegen they are open to, in which leerjaar-3 years,
    /// for green or non-green vestigingen only, and their share.
    /// </summary>
    private static readonly RouteRule[] Routes =
    [
        new("leerwerktraject", [Leerweg.Bb], 2003, int.MaxValue, null, c => c.LeerwerktrajectShare),
        new(Vm2, [Leerweg.Bb, Leerweg.Kb], 2008, 2013, null, c => c.Vm2Share),
        new("vakmanschapsroute", [Leerweg.Bb, Leerweg.Kb], 2014, 2018, null, c => c.VakmanschapsrouteShare),
        new("technologieroute", [Leerweg.Gl, Leerweg.Tl], 2014, 2015, null, c => c.TechnologierouteShare),
        new("beroepsroute", [Leerweg.Kb, Leerweg.Gl, Leerweg.Tl], 2016, 2018, null, c => c.BeroepsrouteShare),
        new("vakcollege", [Leerweg.Bb, Leerweg.Kb], 2008, int.MaxValue, false, c => c.VakcollegeShare),
        new("groene-lyceum", [Leerweg.Gl, Leerweg.Tl], 2009, int.MaxValue, true, c => c.GroeneLyceumShare),
        new("doorlopende-leerroute", [Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl], 2020, int.MaxValue, null, c => c.DoorlopendeLeerrouteShare),
    ];

    private readonly WorldTables tables;
    private readonly Calibration cal;
    private readonly int seed;
    private Random random;
    private readonly List<TransitionEvent> events = new(48);
    private readonly LoopbaanGenerator loopbaan;
    private readonly long[] enrolled = new long[5];
    private readonly long[] enrolledWithoutSk = new long[5];
    private readonly double goOnShare;
    private readonly double havoGivenGlTl;
    private readonly string[][] routeIds = new string[8][];
    private readonly double[][] routeCumulative = new double[8][];
    private int leerjaar3Year;
    private string key = "";
    private DateOnly birth;
    private LoopbaanGenerator.Doubt doubt;
    private LoopbaanGenerator.Programme? chosen;

    public PupilGenerator(WorldTables tables, Calibration calibration, int seed)
    {
        this.tables = tables;
        cal = calibration;
        this.seed = seed;
        random = new Random(seed);
        loopbaan = new LoopbaanGenerator(tables, calibration);
        goOnShare = calibration.MboShareOfLeavers + calibration.HavoShareOfLeavers;
        havoGivenGlTl = tables.GlTlFraction > 0 ? Math.Min(goOnShare, calibration.HavoShareOfLeavers / tables.GlTlFraction) : 0;
    }

    /// <summary>Sets the routes open to the cohort that enters leerjaar 3 on 1 August of <paramref name="cohort"/> − 2.</summary>
    /// <remarks>
    /// Each cohort draws from its own <see cref="Random"/> seeded by (seed, cohort) and starts its own vsv counters, so
    /// pupil SIM-&lt;seed&gt;-&lt;cohort&gt;-&lt;n&gt; is the same pupil whatever other cohorts or how many pupils a run makes:
    /// simulating again into a store adds only pupils it does not hold, and never contradicts one it does.
    /// </remarks>
    public void StartCohort(int cohort)
    {
        random = new Random(unchecked(seed * 1_000_003 + cohort));
        Array.Clear(enrolled);
        Array.Clear(enrolledWithoutSk);
        leerjaar3Year = cohort - 2;
        for (var lw = 0; lw < 4; lw++)
        {
            for (var g = 0; g < 2; g++)
            {
                var ids = new List<string>();
                var cumulative = new List<double>();
                var sum = 0.0;
                foreach (var rule in Routes)
                {
                    if (!rule.Leerwegen.Contains((Leerweg)lw) || leerjaar3Year < rule.From || leerjaar3Year > rule.To)
                        continue;
                    if (rule.Green is { } green && green != (g == 1))
                        continue;
                    sum += rule.Share(cal);
                    ids.Add(rule.Id);
                    cumulative.Add(sum);
                }
                routeIds[lw * 2 + g] = [.. ids];
                routeCumulative[lw * 2 + g] = [.. cumulative];
            }
        }
    }

    public SimulatedPupil Next(int cohort, int n)
    {
        events.Clear();
        key = $"SIM-{seed}-{cohort}-{n}";
        var cell = tables.Cell(random.NextInt64(tables.TotalPupils));
        var v = tables.CellVestiging[cell];
        var lw = tables.CellLeerweg[cell];
        var vestiging = tables.World.VoVestigingen[v];
        var vo = vestiging.Brin6;
        birth = new DateOnly(leerjaar3Year - 15, 10, 1).AddDays(random.Next(365));
        if (random.NextDouble() < cal.OverAgeShare)
            birth = birth.AddYears(-1);
        var route = DrawRoute(lw, vestiging.Green);
        doubt = loopbaan.Draw(random);
        chosen = null;

        Add(new(key, Aug1(leerjaar3Year), EventKind.Ingeschreven, vo, lw, Leerjaar: 3, Route: route));
        if (random.NextDouble() < cal.VmboDropoutRate)
        {
            LeaveDuringYear(vo, lw, leerjaar3Year, 3, months: 8);
            return Finish(v, cohort);
        }
        Add(new(key, Aug1(leerjaar3Year + 1), EventKind.Bevorderd, vo, lw, Leerjaar: 4, Route: route));
        if (random.NextDouble() < cal.VmboDropoutRate)
        {
            LeaveDuringYear(vo, lw, leerjaar3Year + 1, 4, months: 5);
            return Finish(v, cohort);
        }
        var exam = cohort;
        var passed = true;
        if (random.NextDouble() < cal.VmboRepeatShare)
        {
            Add(new(key, Aug1(cohort), EventKind.Gedoubleerd, vo, lw, Leerjaar: 4, Route: route));
            exam = cohort + 1;
            passed = random.NextDouble() < cal.VmboRetakePassShare;
        }
        if (passed)
            LeaveWithDiploma(v, lw, route, exam);
        else
            LeaveWithoutDiploma(v, lw, exam);
        return Finish(v, exam);
    }

    /// <summary>
    /// Adds the loopbaan events of the exam year and the year before, up to the day the pupil left the vo school, and puts all
    /// events in date order (a stable sort: events of one day keep the order they were made in).
    /// </summary>
    private SimulatedPupil Finish(int v, int exam)
    {
        var vo = tables.World.VoVestigingen[v].Brin6;
        var left = new DateOnly(exam, 7, 31);
        foreach (var e in events)
        {
            if (e.Kind == EventKind.Uitgeschreven && e.Institution == vo)
            {
                left = e.Date;
                break;
            }
        }
        var main = events.Count;
        loopbaan.Emit(random, doubt, key, v, exam, left, chosen, events);
        for (var i = main; i < events.Count; i++)
        {
            var e = events[i];
            var j = i - 1;
            while (j >= 0 && events[j].Date > e.Date)
            {
                events[j + 1] = events[j];
                j--;
            }
            events[j + 1] = e;
        }
        return new SimulatedPupil(key, birth, [.. events]);
    }

    private void LeaveWithDiploma(int v, Leerweg lw, string route, int exam)
    {
        var vestiging = tables.World.VoVestigingen[v];
        var vo = vestiging.Brin6;
        var examDate = new DateOnly(exam, 6, 10).AddDays(random.Next(11));
        var u = random.NextDouble();
        var havo = lw is Leerweg.Gl or Leerweg.Tl ? havoGivenGlTl : 0;
        if (u < havo)
        {
            // R11: on to havo 4 at the same vestiging, havo diploma two years later or, failing that, mbo niveau 4 (A12).
            Add(new(key, examDate, EventKind.DiplomaBehaald, vo, lw, Route: route));
            Add(new(key, Jul31(exam), EventKind.Uitgeschreven, vo, lw, Leerjaar: 4, Detail: "diploma"));
            Add(new(key, Aug1(exam), EventKind.Ingeschreven, vo, Leerjaar: 4, Route: HavoRoute));
            var end = exam + 2;
            if (random.NextDouble() < cal.HavoDiplomaShare)
            {
                Add(new(key, new DateOnly(end, 6, 10).AddDays(random.Next(11)), EventKind.DiplomaBehaald, vo, Route: HavoRoute));
                Add(new(key, Jul31(end), EventKind.Uitgeschreven, vo, Leerjaar: 5, Detail: "diploma"));
                return;
            }
            var fromHavo = Place(v, vestiging.Green, 4, end, route: null);
            Apply(fromHavo, end);
            Add(new(key, Jul1(end), EventKind.Geplaatst, Brin(fromHavo), fromHavo.Leerweg, Niveau: 4, Crebo: Crebo(fromHavo)));
            Add(new(key, Jul31(end), EventKind.Uitgeschreven, vo, Leerjaar: 5, Detail: "overstap"));
            Career(fromHavo, end);
            return;
        }
        if (u >= goOnShare)
        {
            Add(new(key, examDate, EventKind.DiplomaBehaald, vo, lw, Route: route));
            Add(new(key, Jul31(exam), EventKind.Uitgeschreven, vo, lw, Leerjaar: 4, Detail: LeaveReason()));
            return;
        }
        var placement = Place(v, vestiging.Green, NiveauFor(lw, route), exam, route);
        chosen = Programme(placement);
        Apply(placement, exam);
        Add(new(key, examDate, EventKind.DiplomaBehaald, vo, lw, Route: route));
        Add(new(key, Jul1(exam), EventKind.Geplaatst, Brin(placement), placement.Leerweg, Niveau: placement.Niveau, Crebo: Crebo(placement), Route: route));
        Add(new(key, Jul31(exam), EventKind.Uitgeschreven, vo, lw, Leerjaar: 4, Detail: "diploma"));
        Career(placement, exam);
    }

    /// <summary>
    /// Leaves vmbo during the school year that starts on 1 August of <paramref name="year"/>, between 1 November and the end of the
    /// given number of months (leerjaar 4: before the exam), without a diploma and to no education: a new vsv'er of that year (D2).
    /// </summary>
    private void LeaveDuringYear(string vo, Leerweg lw, int year, int leerjaar, int months)
    {
        var from = new DateOnly(year, 11, 1);
        var left = from.AddDays(random.Next(from.AddMonths(months).DayNumber - from.DayNumber));
        Add(new(key, left, EventKind.Uitgeschreven, vo, lw, Leerjaar: leerjaar, Detail: "onbekend"));
    }

    /// <summary>Failed twice: entree (A6; the pupil is 16 by now) or no education.</summary>
    private void LeaveWithoutDiploma(int v, Leerweg lw, int year)
    {
        var vestiging = tables.World.VoVestigingen[v];
        if (random.NextDouble() >= goOnShare)
        {
            Add(new(key, Jul31(year), EventKind.Uitgeschreven, vestiging.Brin6, lw, Leerjaar: 4, Detail: LeaveReason()));
            return;
        }
        var entree = Place(v, vestiging.Green, 1, year, route: null);
        chosen = Programme(entree);
        Apply(entree, year);
        Add(new(key, Jul1(year), EventKind.Geplaatst, Brin(entree), entree.Leerweg, Niveau: 1, Crebo: Crebo(entree)));
        Add(new(key, Jul31(year), EventKind.Uitgeschreven, vestiging.Brin6, lw, Leerjaar: 4, Detail: "overstap"));
        Career(entree, year);
    }

    /// <summary>
    /// The mbo years from 1 August of <paramref name="year"/>: a possible first-year switch (D6), a yearly chance to leave without
    /// a diploma (the vsv rate, D2), the diploma at nominal duration (or past five years, so the five-year diploma rate lands on
    /// its setting), and opstroom to the next niveau.
    /// </summary>
    private void Career(Placement p, int year)
    {
        var qualification = p.Qualification;
        var niveau = p.Niveau;
        var route = p.Route;
        var hasSk = false;
        var first = true;
        Add(new(key, Aug1(year), EventKind.Ingeschreven, Brin(p), p.Leerweg, Niveau: niveau, Crebo: CreboOf(qualification), Route: route));
        while (true)
        {
            var nominal = niveau switch
            {
                1 => 1,
                2 => 2,
                3 => 3,
                _ => random.NextDouble() < cal.Niveau4FourYearShare ? 4 : 3,
            };
            var switches =
                first
                && p.Leerweg == Leerweg.Bol
                && niveau >= 2
                && tables.CanSwitchAt[niveau]
                && random.NextDouble() < cal.FirstYearSwitchRate * loopbaan.SwitchFactor(doubt);
            var years = nominal;
            if (first)
            {
                var target = switches ? cal.SwitcherDiplomaWithinFiveYears : cal.NonSwitcherDiplomaWithinFiveYears;
                // Doubt raises this pupil's chance of delay by its factor; the chance itself is the average one, which lands the
                // five-year diploma rate on its setting.
                var survive = Math.Pow(1 - Hazard(niveau, hasSk: false), nominal);
                if (survive > 0 && random.NextDouble() < Math.Max(0, 1 - target / survive) * loopbaan.DelayFactor(doubt))
                    years = 6;
            }
            for (var k = 0; k < years; k++)
            {
                var t = year + k;
                if (birth.AddYears(22) > new DateOnly(t, 10, 1))
                {
                    enrolled[niveau]++;
                    if (!hasSk)
                        enrolledWithoutSk[niveau]++;
                }
                var switchDate = DateOnly.MinValue;
                if (switches && k == 0)
                {
                    switchDate = new DateOnly(t, 9, 1).AddDays(random.Next(153));
                    qualification = OtherDomain(qualification, niveau);
                    Add(new(key, switchDate, EventKind.Geswitcht, Brin(p), p.Leerweg, Niveau: niveau, Crebo: CreboOf(qualification), Route: route));
                }
                if (random.NextDouble() < Hazard(niveau, hasSk) * loopbaan.VsvFactor(doubt))
                {
                    var left = new DateOnly(t, 11, 1).AddDays(random.Next(242));
                    if (left <= switchDate)
                        left = switchDate.AddDays(1);
                    Add(new(key, left, EventKind.Uitgeschreven, Brin(p), p.Leerweg, Niveau: niveau, Crebo: CreboOf(qualification), Detail: LeaveReason()));
                    return;
                }
            }
            year += years;
            Add(
                new(
                    key,
                    new DateOnly(year, 7, 1).AddDays(random.Next(10)),
                    EventKind.DiplomaBehaald,
                    Brin(p),
                    p.Leerweg,
                    Niveau: niveau,
                    Crebo: CreboOf(qualification),
                    Route: route
                )
            );
            Add(new(key, Jul31(year), EventKind.Uitgeschreven, Brin(p), p.Leerweg, Niveau: niveau, Crebo: CreboOf(qualification), Detail: "diploma"));
            hasSk |= niveau >= 2;
            var up = niveau switch
            {
                1 => true,
                2 => random.NextDouble() < cal.OpstroomFromNiveau2,
                3 => random.NextDouble() < cal.OpstroomFromNiveau3,
                _ => false,
            };
            if (!up)
                return;
            niveau++;
            qualification = Pick(p.Aoc ? tables.GreenAt[niveau] : tables.OtherAt[niveau]);
            route = null;
            first = false;
            Add(new(key, Aug1(year), EventKind.Ingeschreven, Brin(p), p.Leerweg, Niveau: niveau, Crebo: CreboOf(qualification)));
        }
    }

    /// <summary>
    /// The yearly chance to leave without a diploma at a niveau. D2 counts only leavers without a startkwalificatie but divides
    /// by everyone enrolled, so for students without one the rate is raised by the running ratio of all enrolled to those
    /// without (opstromers at niveau 3 and 4 hold one): the measured vsv rate then lands on the setting.
    /// </summary>
    private double Hazard(int niveau, bool hasSk)
    {
        var rate = cal.VsvRate(niveau);
        if (hasSk || enrolledWithoutSk[niveau] == 0)
            return rate;
        return Math.Min(1, rate * enrolled[niveau] / enrolledWithoutSk[niveau]);
    }

    private Placement Place(int v, bool green, int niveau, int year, string? route)
    {
        var aoc = green && random.NextDouble() < cal.GreenToAocShare;
        var local = aoc ? tables.LocalAoc[v] : tables.LocalOther[v];
        var location = local.Length > 0 && random.NextDouble() < cal.RegionalShare ? Pick(local) : Pick(aoc ? tables.AocLocations : tables.OtherLocations);
        var qualification = Pick(aoc ? tables.GreenAt[niveau] : tables.OtherAt[niveau]);
        var bbl = route != Vm2 && birth.AddYears(16) <= Aug1(year) && random.NextDouble() < cal.BblShare;
        return new Placement(location, qualification, niveau, bbl ? Leerweg.Bbl : Leerweg.Bol, route, aoc);
    }

    /// <summary>Aangemeld before 1 April (A10), intake, toelating: all before the vmbo exam results in June.</summary>
    private void Apply(Placement p, int year)
    {
        var applied = new DateOnly(year, 1, 15).AddDays(random.Next(76));
        var intake = applied.AddDays(7 + random.Next(36));
        var admitted = intake.AddDays(7 + random.Next(22));
        var crebo = Crebo(p);
        Add(new(key, applied, EventKind.Aangemeld, Brin(p), p.Leerweg, Niveau: p.Niveau, Crebo: crebo, Route: p.Route));
        Add(new(key, intake, EventKind.IntakeGehouden, Brin(p), p.Leerweg, Niveau: p.Niveau, Crebo: crebo, Detail: "positief"));
        Add(new(key, admitted, EventKind.Toegelaten, Brin(p), p.Leerweg, Niveau: p.Niveau, Crebo: crebo));
    }

    /// <summary>The mbo niveau by route and leerweg (A1: bb admits to niveau 2 only).</summary>
    private int NiveauFor(Leerweg lw, string route) =>
        route switch
        {
            Vm2 or "leerwerktraject" => 2,
            "vakmanschapsroute" => lw == Leerweg.Kb && leerjaar3Year >= 2016 ? 3 : 2,
            "vakcollege" => lw == Leerweg.Kb ? 3 : 2,
            "technologieroute" or "beroepsroute" or "groene-lyceum" => 4,
            _ when lw == Leerweg.Bb => 2,
            _ => DrawNiveau(cal.NiveauFor(lw)),
        };

    private int DrawNiveau(NiveauShares shares)
    {
        var u = random.NextDouble();
        return u < shares.Niveau2 ? 2
            : u < shares.Niveau2 + shares.Niveau3 ? 3
            : 4;
    }

    private string DrawRoute(Leerweg lw, bool green)
    {
        var index = (int)lw * 2 + (green ? 1 : 0);
        var cumulative = routeCumulative[index];
        var u = random.NextDouble();
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
                return routeIds[index][i];
        }
        return NormaleRoute;
    }

    /// <summary>A qualification at the same niveau in another domain (the caller checked there is one).</summary>
    private int OtherDomain(int qualification, int niveau)
    {
        var at = tables.QualificationsAt[niveau];
        var domain = tables.DomainOf[qualification];
        var start = random.Next(at.Length);
        for (var i = 0; i < at.Length; i++)
        {
            var candidate = at[(start + i) % at.Length];
            if (tables.DomainOf[candidate] != domain)
                return candidate;
        }
        return qualification;
    }

    private int Pick(int[] choices) => choices[random.Next(choices.Length)];

    private string LeaveReason() => random.NextDouble() < cal.LeaveForWorkShare ? "werk" : "onbekend";

    private LoopbaanGenerator.Programme Programme(Placement p) => new(Brin(p), Crebo(p), p.Niveau, p.Leerweg);

    private string Brin(Placement p) => tables.World.MboLocations[p.Location].Brin6;

    private int Crebo(Placement p) => CreboOf(p.Qualification);

    private int CreboOf(int qualification) => tables.World.Qualifications[qualification].Crebo;

    private void Add(TransitionEvent e) => events.Add(e);

    private static DateOnly Aug1(int year) => new(year, 8, 1);

    private static DateOnly Jul1(int year) => new(year, 7, 1);

    private static DateOnly Jul31(int year) => new(year, 7, 31);

    private sealed record RouteRule(string Id, Leerweg[] Leerwegen, int From, int To, bool? Green, Func<Calibration, double> Share);

    private readonly record struct Placement(int Location, int Qualification, int Niveau, Leerweg Leerweg, string? Route, bool Aoc);
}
