using System.Collections.Immutable;

namespace Doorstroom.Domain;

public enum RouteStatus { Eligible, NotEligible, NotInForce }

/// <summary>One route's answer for a pupil: its status, why (reasons), and what is uncertain or assumed (caveats).</summary>
public sealed record RouteAnswer(string Id, RouteStatus Status, DateOnly Entry, ImmutableArray<Reason> Reasons, ImmutableArray<Reason> Caveats);

/// <summary>
/// One dated step of a pathway. <see cref="To"/> is the earliest end (the lower bound of the duration band),
/// <see cref="LatestTo"/> the latest end within the band.
/// </summary>
public sealed record Step(
    string? Route,
    SchoolType School,
    int? Niveau,
    Leerweg? Leerweg,
    DateOnly From,
    DateOnly To,
    DateOnly LatestTo,
    DiplomaKind Outcome,
    string Rule,
    AdmissionOutcome? Admission);

public sealed record Pathway(ImmutableArray<string> Routes, ImmutableArray<Step> Steps, DateOnly GoalReachedOn, DateOnly? StartkwalificatieOn);

public sealed record Plan(
    string CatalogueVersion,
    DateOnly On,
    Goal Goal,
    ImmutableArray<string> Regimes,
    ImmutableArray<RouteAnswer> Routes,
    ImmutableArray<Pathway> Pathways,
    DateOnly? FastestStartkwalificatieOn,
    DateOnly? FastestGoalOn,
    DateOnly? LeerplichtEnds,
    DateOnly? KwalificatieplichtEnds,
    ImmutableArray<Reason> Notes);

/// <summary>
/// The pathway planner: a search over education states whose edges are route phases and admissions (§5, §8).
/// Pure: the date comes in with the situation; the catalogue is data.
/// </summary>
public sealed class Planner(RouteCatalogue catalogue)
{
    private const int MaxOnwardSteps = 4;
    private static readonly MboLevel[] OnwardLevels = [MboLevel.Entree, MboLevel.Basisberoeps, MboLevel.Vak, MboLevel.Middenkader];

    public RouteCatalogue Catalogue { get; } = catalogue;

    /// <summary>Evaluates every route of the catalogue for the situation.</summary>
    public ImmutableArray<RouteAnswer> Routes(Situation s)
    {
        var sink = new ReasonSink();
        var answers = ImmutableArray.CreateBuilder<RouteAnswer>(Catalogue.Routes.Length);
        foreach (var route in Catalogue.Routes) answers.Add(Evaluate(route, s, sink));
        return answers.MoveToImmutable();
    }

    /// <summary>When the pupil would enter the route (1 August of the school year in which it begins).</summary>
    public static DateOnly EntryDate(EntryPoint point, Situation s)
    {
        var current = SchoolYear.StartOf(s.On);
        if (s.School == SchoolType.None) return SchoolYear.NextStart(s.On);
        int target = point switch { EntryPoint.VmboLeerjaar1 => 1, EntryPoint.VmboLeerjaar3 => 3, EntryPoint.VmboLeerjaar4 => 4, _ => 0 };
        if (target == 0) return current;
        if (s.School != SchoolType.Vmbo) return SchoolYear.NextStart(s.On);
        return s.Leerjaar is { } lj && lj < target ? current.AddYears(target - lj) : current;
    }

    public RouteAnswer Evaluate(Route route, Situation s, ReasonSink sink)
    {
        var entry = EntryDate(route.EntersAt, s);
        if (!route.Intake.Contains(entry))
        {
            var before = entry < route.Intake.From;
            var reason = Catalogue.Reason(
                before ? "route-nog-niet-van-kracht" : "route-niet-meer-van-kracht",
                ("route", route.Name),
                ("van", Admission.Format(route.Intake.From)),
                ("tot", route.Intake.To is { } to ? Admission.Format(to) : ""),
                ("instroom", Admission.Format(entry))) with { Rule = before ? route.Intake.Rule : route.Intake.EndRule ?? route.Intake.Rule };
            return new RouteAnswer(route.Id, RouteStatus.NotInForce, entry, [reason], []);
        }

        sink.Clear();
        var verdict = Conditions.Evaluate(route.Entry, s, entry, sink);
        if (verdict == Verdict.Fail)
        {
            return new RouteAnswer(route.Id, RouteStatus.NotEligible, entry, [.. sink.FailedReasons], []);
        }

        var caveats = ImmutableArray.CreateBuilder<Reason>();
        caveats.AddRange(sink.UnknownReasons);
        foreach (var caveat in route.Caveats)
        {
            sink.Clear();
            if (caveat.When is null || Conditions.Evaluate(caveat.When, s, entry, sink) != Verdict.Fail) caveats.Add(caveat.Reason);
        }
        return new RouteAnswer(route.Id, RouteStatus.Eligible, entry, [], caveats.ToImmutable());
    }

    /// <summary>Answers the whole question: routes open and closed, every pathway to the goal, the fastest dates.</summary>
    public Plan Plan(Situation s)
    {
        var answers = Routes(s);
        var notes = ImmutableArray.CreateBuilder<Reason>();
        var search = new Search(this, s);
        var alreadySk = false;
        foreach (var d in s.Diplomas) alreadySk |= d.Kind.IsStartkwalificatie();
        if (alreadySk) notes.Add(Catalogue.Reason("heeft-al-startkwalificatie"));

        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i].Status != RouteStatus.Eligible) continue;
            search.FromRoute(Catalogue.Routes[i], answers[i].Entry, notes);
        }

        var pathways = search.Results;
        pathways.Sort(ComparePathways);
        DateOnly? fastestGoal = pathways.Count > 0 ? pathways[0].GoalReachedOn : null;
        var regimes = Catalogue.RegimesOn(s.On).Select(r => r.Id).ToImmutableArray();
        DateOnly? leerplicht = s.BirthDate is { } b ? Leerplicht.FullLeerplichtEnds(b) : null;
        DateOnly? kwalificatieplicht = s.BirthDate is { } b2 && !s.Holds(DiplomaKind.Pro) && !alreadySk ? Leerplicht.KwalificatieplichtEnds(b2) : null;
        return new Plan(Catalogue.Version, s.On, s.Goal, regimes, answers, [.. pathways],
            alreadySk ? null : search.FastestStartkwalificatie, fastestGoal, leerplicht, kwalificatieplicht, notes.ToImmutable());
    }

    private static int ComparePathways(Pathway a, Pathway b)
    {
        var c = a.GoalReachedOn.CompareTo(b.GoalReachedOn);
        if (c != 0) return c;
        c = (a.StartkwalificatieOn ?? DateOnly.MaxValue).CompareTo(b.StartkwalificatieOn ?? DateOnly.MaxValue);
        if (c != 0) return c;
        return a.Steps.Length.CompareTo(b.Steps.Length);
    }

    /// <summary>Depth-first search state for one plan.</summary>
    private sealed class Search(Planner planner, Situation s)
    {
        private readonly RouteCatalogue catalogue = planner.Catalogue;
        private readonly List<Step> steps = new(8);
        private readonly List<Diploma> held = new(s.Diplomas);
        private readonly ReasonSink sink = new();
        private string routeId = "";
        public readonly List<Pathway> Results = [];
        public DateOnly? FastestStartkwalificatie;

        public void FromRoute(Route route, DateOnly entry, ImmutableArray<Reason>.Builder notes)
        {
            routeId = route.Id;
            steps.Clear();
            held.Clear();
            held.AddRange(s.Diplomas);
            Phases(route, 0, entry, notes);
        }

        private void Phases(Route route, int index, DateOnly entry, ImmutableArray<Reason>.Builder notes)
        {
            if (index == route.Phases.Length)
            {
                Onward(0);
                return;
            }
            switch (route.Phases[index])
            {
                case RestOfSchool rest:
                    {
                        if (!RestOfCurrentSchool(rest.Rule, notes, out var step))
                        {
                            Phases(route, index + 1, entry, notes);
                            return;
                        }
                        Push(step, null);
                        Phases(route, index + 1, entry, notes);
                        Pop();
                        return;
                    }
                case Programme programme:
                    {
                        var start = steps.Count > 0 ? Max(entry, steps[^1].To.AddDays(1)) : entry;
                        foreach (var v in programme.Variants)
                        {
                            sink.Clear();
                            if (v.When is not null && Conditions.Evaluate(v.When, s, start, sink) == Verdict.Fail) continue;
                            var outcome = Resolve(v.Diplomas[^1], start);
                            var niveau = outcome.MboLevelOf();
                            var step = new Step(routeId, v.EnrolledAt, niveau == 0 ? null : niveau, niveau == 0 ? null : MboLeerweg(v.MboLeerwegen, start),
                                start, SchoolYear.EndAfter(start, v.Duration.Min), SchoolYear.EndAfter(start, v.Duration.Max), outcome, v.Rule, null);
                            var added = held.Count;
                            if (v.WithVmboDiploma && s.Leerweg is { } lw && lw.IsVmboLeerweg()) held.Add(new Diploma(lw.VmboDiploma(), step.To.Year, s.Sector));
                            for (var i = 0; i < v.Diplomas.Length - 1; i++) held.Add(new Diploma(Resolve(v.Diplomas[i], start), step.To.Year, s.WantsSector ?? s.Sector));
                            Push(step, null);
                            Phases(route, index + 1, entry, notes);
                            Pop();
                            held.RemoveRange(added, held.Count - added);
                        }
                        return;
                    }
                default:
                    throw new InvalidOperationException("unknown phase kind");
            }
        }

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private static DiplomaKind Resolve(DiplomaKind kind, DateOnly start) =>
            kind is DiplomaKind.Mbo1 or DiplomaKind.Assistent or DiplomaKind.Entree ? Vocabulary.MboDiploma(MboLevel.Entree, start) : kind;

        /// <summary>bbl only where wished, offered and allowed (M6: full leerplicht ended before the start); otherwise bol.</summary>
        private Leerweg MboLeerweg(ImmutableArray<Leerweg> offered, DateOnly start)
        {
            if (s.MboLeerweg == Leerweg.Bbl && offered.Contains(Leerweg.Bbl) && Leerplicht.FullLeerplichtEndedBefore(s.BirthDate, start) == true) return Leerweg.Bbl;
            return offered.Contains(Leerweg.Bol) ? Leerweg.Bol : offered[0];
        }

        private bool RestOfCurrentSchool(string rule, ImmutableArray<Reason>.Builder notes, out Step step)
        {
            step = null!;
            var current = SchoolYear.StartOf(s.On);
            switch (s.School)
            {
                case SchoolType.Vmbo:
                    if (s.Leerweg is not { } lw || !lw.IsVmboLeerweg())
                    {
                        AddOnce(notes, "leerweg-onbekend");
                        return false;
                    }
                    if (s.Leerjaar is not { } lj)
                    {
                        AddOnce(notes, "leerjaar-onbekend");
                        return false;
                    }
                    var end = SchoolYear.EndAfter(current, Math.Max(1, 4 - lj + 1));
                    step = new Step(routeId, SchoolType.Vmbo, null, lw, current, end, end, lw.VmboDiploma(), rule, null);
                    return true;
                case SchoolType.Praktijkonderwijs:
                    {
                        var leaves = s.BirthDate is { } b ? Leerplicht.FullLeerplichtEnds(b) : SchoolYear.EndAfter(current, 1);
                        if (leaves < current) leaves = SchoolYear.EndAfter(current, 1);
                        step = new Step(routeId, SchoolType.Praktijkonderwijs, null, null, current, leaves, leaves, DiplomaKind.Pro, rule, null);
                        return true;
                    }
                case SchoolType.Havo or SchoolType.Vwo:
                    {
                        var final = s.School == SchoolType.Havo ? 5 : 6;
                        if (s.Leerjaar is not { } ly)
                        {
                            AddOnce(notes, "leerjaar-onbekend");
                            return false;
                        }
                        var e = SchoolYear.EndAfter(current, Math.Max(1, final - ly + 1));
                        step = new Step(routeId, s.School, null, null, current, e, e, s.School == SchoolType.Havo ? DiplomaKind.Havo : DiplomaKind.Vwo, rule, null);
                        return true;
                    }
                case SchoolType.Mbo:
                    {
                        var level = (MboLevel)Math.Clamp(s.Niveau ?? 2, 1, 4);
                        var years = catalogue.DurationsOn(current).Levels[level];
                        var done = (s.Leerjaar ?? 1) - 1;
                        var min = Math.Max(1, years.Min - done);
                        var max = Math.Max(min, years.Max - done);
                        step = new Step(routeId, SchoolType.Mbo, (int)level, s.Leerweg is Leerweg.Bol or Leerweg.Bbl ? s.Leerweg : Leerweg.Bol, current,
                            SchoolYear.EndAfter(current, min), SchoolYear.EndAfter(current, max), Vocabulary.MboDiploma(level, current), rule, null);
                        return true;
                    }
                default:
                    return false;
            }
        }

        private void AddOnce(ImmutableArray<Reason>.Builder notes, string code)
        {
            foreach (var n in notes)
            {
                if (n.Code == code) return;
            }
            notes.Add(catalogue.Reason(code));
        }

        private void Push(Step step, Sector? sector)
        {
            steps.Add(step);
            held.Add(new Diploma(step.Outcome, step.To.Year, sector ?? (step.Outcome.IsVmbo() ? s.Sector : s.WantsSector)));
        }

        private void Pop()
        {
            steps.RemoveAt(steps.Count - 1);
            held.RemoveAt(held.Count - 1);
        }

        /// <summary>
        /// How far a diploma reaches: onward steps only go up. A vmbo diploma or havo/vwo 3→4 proof counts as level 1,
        /// so a diploma holder is never sent down into an assistent/entree programme (A6) as a detour.
        /// </summary>
        private static int RankOf(DiplomaKind kind) => kind switch
        {
            DiplomaKind.HboBachelor => 6,
            DiplomaKind.Havo or DiplomaKind.Vwo => 5,
            DiplomaKind.VmboBb or DiplomaKind.VmboKb or DiplomaKind.VmboGl or DiplomaKind.VmboTl or DiplomaKind.HavoOvergang34 => 1,
            _ => kind.MboLevelOf(),
        };

        /// <summary>Continue by admission (§5, O1, O2) until the goal is reached; records the earliest startkwalificatie on the way.</summary>
        private void Onward(int depth)
        {
            var rank = 0;
            var skOn = (DateOnly?)null;
            var goal = false;
            foreach (var d in held) rank = Math.Max(rank, RankOf(d.Kind));
            foreach (var st in steps)
            {
                if (skOn is null && st.Outcome.IsStartkwalificatie()) skOn = st.To;
                goal |= st.Outcome.Reaches(s.Goal);
            }
            if (skOn is { } sk && (FastestStartkwalificatie is null || sk < FastestStartkwalificatie)) FastestStartkwalificatie = sk;
            if (goal)
            {
                Results.Add(new Pathway([routeId], [.. steps], steps[^1].To, skOn));
                return;
            }
            if (depth >= MaxOnwardSteps || steps.Count == 0 && held.Count == 0 && s.School != SchoolType.None) return;

            var start = steps.Count > 0 ? SchoolYear.NextStart(steps[^1].To.AddDays(1)) : SchoolYear.NextStart(s.On);
            var durations = catalogue.DurationsOn(start);
            // The wished direction applies to every onward step: nadere eisen (N1/N2) bite whenever a vmbo diploma is what admits.
            var direction = s.WantsSector?.DirectionOf();

            foreach (var level in OnwardLevels)
            {
                if ((int)level <= rank) continue;
                var request = new ProgrammeRequest(level, direction, s.MboLeerweg, [Leerweg.Bol, Leerweg.Bbl]);
                var admission = Admission.Decide(catalogue, s, held, start, request, explain: false);
                if (admission.Outcome > AdmissionOutcome.AdmissibleNotEntitled) continue;
                var band = durations.Levels[level];
                var outcome = Vocabulary.MboDiploma(level, start);
                var rule = catalogue.AdmissionOn(start).Cells[(BestPrior(), level)].Rule;
                Push(new Step(null, SchoolType.Mbo, (int)level, MboLeerweg([Leerweg.Bol, Leerweg.Bbl], start), start,
                    SchoolYear.EndAfter(start, band.Min), SchoolYear.EndAfter(start, band.Max), outcome, rule, admission.Outcome), null);
                Onward(depth + 1);
                Pop();
            }

            // O2/O4: an mbo-4, havo or vwo diploma admits to an hbo bachelor; only pursued when hbo is the goal.
            if (s.Goal == Goal.Hbo && rank is 4 or 5)
            {
                var hbo = catalogue.HboBachelor;
                Push(new Step(null, SchoolType.Hbo, null, null, start, SchoolYear.EndAfter(start, hbo.Min), SchoolYear.EndAfter(start, hbo.Max),
                    DiplomaKind.HboBachelor, rank == 4 ? "O2" : "O4", AdmissionOutcome.Admissible), null);
                Onward(depth + 1);
                Pop();
            }
        }

        private Prior BestPrior()
        {
            var best = Prior.None;
            foreach (var d in held)
            {
                var p = Admission.PriorOf(d.Kind);
                if (p > best) best = p;
            }
            return best;
        }
    }
}
