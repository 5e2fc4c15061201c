using System.Collections.Immutable;

namespace Doorstroom.Domain;

public enum RouteStatus
{
    Eligible,
    NotEligible,
    NotInForce,
}

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
    AdmissionOutcome? Admission
);

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
    ImmutableArray<Reason> Notes
);

/// <summary>
/// The pathway planner: a search over education states whose edges are route phases and admissions (§5, §8).
/// Pure: the date comes in with the situation; the catalogue is data.
/// </summary>
public sealed class Planner(RouteCatalogue catalogue)
{
    public RouteCatalogue Catalogue { get; } = catalogue;

    /// <summary>Evaluates every route of the catalogue for the situation.</summary>
    public ImmutableArray<RouteAnswer> Routes(Situation s)
    {
        var sink = new ReasonSink();
        var answers = ImmutableArray.CreateBuilder<RouteAnswer>(Catalogue.Routes.Length);
        foreach (var route in Catalogue.Routes)
            answers.Add(Evaluate(route, s, sink));
        return answers.MoveToImmutable();
    }

    /// <summary>
    /// When the pupil would really enter the route: never before the question date; for a route that begins at a vmbo
    /// leerjaar, the 1 August that leerjaar starts; for one that begins after the current school, the first 1 August after
    /// it (a praktijkonderwijs pupil leaves when full leerplicht ends, V9); for a pupil without a school, the next 1 August.
    /// </summary>
    public DateOnly EntryDate(EntryPoint point, Situation s)
    {
        var current = SchoolYear.StartOf(s.On);
        DateOnly entry;
        if (s.School == SchoolType.None)
            entry = SchoolYear.NextStart(s.On);
        else if (point == EntryPoint.AfterSchool || (s.School == SchoolType.Praktijkonderwijs && point != EntryPoint.Now))
            entry = CurrentSchoolEnds(s) is { } ends ? ends.AddDays(1) : SchoolYear.NextStart(s.On);
        else
        {
            int target = point switch
            {
                EntryPoint.VmboLeerjaar1 => 1,
                EntryPoint.VmboLeerjaar3 => 3,
                EntryPoint.VmboLeerjaar4 => 4,
                _ => 0,
            };
            if (target == 0)
                entry = current;
            else if (s.School != SchoolType.Vmbo)
                entry = SchoolYear.NextStart(s.On);
            else
                entry = s.Leerjaar is { } lj && lj < target ? current.AddYears(target - lj) : current;
        }
        return entry < s.On ? s.On : entry;
    }

    /// <summary>
    /// The 31 July the pupil's current school ends at the earliest: vmbo after leerjaar 4 (V1), havo after 5 and vwo after 6,
    /// praktijkonderwijs when full leerplicht ends (not before the end of the current year), mbo after the shortest
    /// duration of the niveau (M4/M5). Null without a school, or when the leerjaar (or leerweg) it depends on is unknown.
    /// </summary>
    public DateOnly? CurrentSchoolEnds(Situation s)
    {
        var current = SchoolYear.StartOf(s.On);
        switch (s.School)
        {
            case SchoolType.Vmbo:
                return s.Leerjaar is { } lj ? SchoolYear.EndAfter(current, Math.Max(1, 4 - lj + 1)) : null;
            case SchoolType.Havo or SchoolType.Vwo:
                return s.Leerjaar is { } ly ? SchoolYear.EndAfter(current, Math.Max(1, (s.School == SchoolType.Havo ? 5 : 6) - ly + 1)) : null;
            case SchoolType.Praktijkonderwijs:
            {
                var leaves = s.BirthDate is { } b ? Leerplicht.FullLeerplichtEnds(b) : SchoolYear.EndAfter(current, 1);
                return leaves < current ? SchoolYear.EndAfter(current, 1) : leaves;
            }
            case SchoolType.Mbo:
            {
                var level = (MboLevel)Math.Clamp(s.Niveau ?? 2, 1, 4);
                var min = Catalogue.DurationsOn(current).Levels[level].Min;
                return SchoolYear.EndAfter(current, Math.Max(1, min - ((s.Leerjaar ?? 1) - 1)));
            }
            default:
                return null;
        }
    }

    public RouteAnswer Evaluate(Route route, Situation s, ReasonSink sink)
    {
        var entry = AdmissibleEntry(route, s, EntryDate(route.EntersAt, s), sink);
        if (!route.Intake.Contains(entry))
        {
            var before = entry < route.Intake.From;
            var reason = Catalogue.Reason(
                before ? "route-nog-niet-van-kracht" : "route-niet-meer-van-kracht",
                ("route", route.Name),
                ("van", DutchFormat.Date(route.Intake.From)),
                ("tot", route.Intake.To is { } to ? DutchFormat.Date(to) : ""),
                ("instroom", DutchFormat.Date(entry))
            ) with
            {
                Rule = before ? route.Intake.Rule : route.Intake.EndRule ?? route.Intake.Rule,
            };
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
            if (caveat.When is null)
            {
                caveats.Add(caveat.Reason);
                continue;
            }
            sink.Clear();
            // A caveat is said only when true; when the input leaves its fact unknown, what that fact would change.
            switch (Conditions.Evaluate(caveat.When, s, entry, sink))
            {
                case Verdict.Pass:
                    caveats.Add(caveat.Reason);
                    break;
                case Verdict.Unknown when caveat.IfUnknown is { } ifUnknown:
                    caveats.Add(ifUnknown);
                    break;
            }
        }
        return new RouteAnswer(route.Id, RouteStatus.Eligible, entry, [], caveats.ToImmutable());
    }

    /// <summary>
    /// A route that enrols the pupil in an mbo entree programme (outside vo) begins only when full leerplicht has ended
    /// (A6; before that only by the exception of Leerplichtwet art. 3b, L6): its entry moves to that 1 August, so the
    /// route card, the pathway and <see cref="Admission"/> give one answer.
    /// </summary>
    private static DateOnly AdmissibleEntry(Route route, Situation s, DateOnly entry, ReasonSink sink)
    {
        if (s.BirthDate is not { } birth || route.Phases.IsEmpty || route.Phases[0] is not Programme programme)
            return entry;
        foreach (var v in programme.Variants)
        {
            if (v.EnrolledAt != SchoolType.Mbo || v.Diplomas[^1].MboLevelOf() != 1)
                continue;
            sink.Clear();
            if (v.When is not null && Conditions.Evaluate(v.When, s, entry, sink) == Verdict.Fail)
                continue;
            var ends = Leerplicht.FullLeerplichtEnds(birth);
            return ends >= entry ? ends.AddDays(1) : entry;
        }
        return entry;
    }

    /// <summary>Answers the whole question: routes open and closed, every pathway to the goal, the fastest dates.</summary>
    /// <remarks>
    /// When no open route leads to the goal, the pathways to a startkwalificatie are given with a note that says so; when
    /// there is none of those either, a note says why. The fastest dates are the minimum over the pathways given.
    /// </remarks>
    public Plan Plan(Situation s)
    {
        var answers = Routes(s);
        var notes = ImmutableArray.CreateBuilder<Reason>();
        var alreadySk = false;
        foreach (var d in s.Diplomas)
            alreadySk |= d.Kind.IsStartkwalificatie();
        if (alreadySk)
            notes.Add(Catalogue.Reason("heeft-al-startkwalificatie"));
        else if (s.Goal != Goal.Startkwalificatie && s.Diplomas.Any(d => d.Kind.Reaches(s.Goal)))
            notes.Add(Catalogue.Reason("doel-al-bereikt", ("doel", DutchText.Goal(s.Goal))));

        var search = new Search(this, s, s.Goal, alreadySk);
        search.Run(answers, notes);
        var pathways = search.Results;
        if (pathways.Count == 0 && s.Goal != Goal.Startkwalificatie && !alreadySk)
        {
            var toSk = new Search(this, s, Goal.Startkwalificatie, alreadySk);
            toSk.Run(answers, notes);
            if (toSk.Results.Count > 0)
                notes.Add(Catalogue.Reason("doel-niet-bereikbaar", ("doel", DutchText.Goal(s.Goal))));
            pathways = toSk.Results;
        }
        if (pathways.Count == 0)
            notes.Add(NoPathway(s, answers, alreadySk));

        pathways.Sort(ComparePathways);
        DateOnly? fastestGoal = null,
            fastestSk = null;
        foreach (var p in pathways)
        {
            if (p.Steps[^1].Outcome.Reaches(s.Goal) && (fastestGoal is null || p.GoalReachedOn < fastestGoal))
                fastestGoal = p.GoalReachedOn;
            if (p.StartkwalificatieOn is { } sk && (fastestSk is null || sk < fastestSk))
                fastestSk = sk;
        }
        var regimes = Catalogue.RegimesOn(s.On).Select(r => r.Id).ToImmutableArray();
        DateOnly? leerplicht = s.BirthDate is { } b ? Leerplicht.FullLeerplichtEnds(b) : null;
        DateOnly? kwalificatieplicht = s.BirthDate is { } b2 && !s.Holds(DiplomaKind.Pro) && !alreadySk ? Leerplicht.KwalificatieplichtEnds(b2) : null;
        return new Plan(
            Catalogue.Version,
            s.On,
            s.Goal,
            regimes,
            answers,
            [.. pathways],
            fastestSk,
            fastestGoal,
            leerplicht,
            kwalificatieplicht,
            notes.ToImmutable()
        );
    }

    /// <summary>Why no pathway exists: no open route, or open routes that lead nowhere the planner can date.</summary>
    private Reason NoPathway(Situation s, ImmutableArray<RouteAnswer> answers, bool alreadySk)
    {
        if (alreadySk)
            return Catalogue.Reason("geen-pad-al-startkwalificatie", ("doel", DutchText.Goal(s.Goal)));
        foreach (var a in answers)
        {
            if (a.Status == RouteStatus.Eligible)
                return Catalogue.Reason("geen-pad-onvoldoende-gegevens");
        }
        return Catalogue.Reason("geen-pad-geen-route");
    }

    private static int ComparePathways(Pathway a, Pathway b)
    {
        var c = a.GoalReachedOn.CompareTo(b.GoalReachedOn);
        if (c != 0)
            return c;
        c = (a.StartkwalificatieOn ?? DateOnly.MaxValue).CompareTo(b.StartkwalificatieOn ?? DateOnly.MaxValue);
        if (c != 0)
            return c;
        return a.Steps.Length.CompareTo(b.Steps.Length);
    }

    /// <summary>Depth-first search state for one plan.</summary>
    private sealed class Search(Planner planner, Situation s, Goal goal, bool alreadySk)
    {
        // Levels only go up (entree, 2, 3, 4) and hbo ends a pathway: five onward steps cover every chain.
        private const int MaxOnwardSteps = 5;
        private static readonly MboLevel[] OnwardLevels = [MboLevel.Entree, MboLevel.Basisberoeps, MboLevel.Vak, MboLevel.Middenkader];
        private static readonly ImmutableArray<Leerweg> BolAndBbl = [Leerweg.Bol, Leerweg.Bbl];

        private readonly RouteCatalogue catalogue = planner.Catalogue;
        private readonly List<Step> steps = new(8);
        private readonly List<Diploma> held = new(s.Diplomas);
        private readonly ReasonSink sink = new();

        // The current school's end, the same for every route of this plan.
        private readonly DateOnly? schoolEnds = planner.CurrentSchoolEnds(s);
        private ImmutableArray<Reason>.Builder notes = null!;
        private string routeId = "";
        public readonly List<Pathway> Results = [];

        public void Run(ImmutableArray<RouteAnswer> answers, ImmutableArray<Reason>.Builder planNotes)
        {
            notes = planNotes;
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i].Status != RouteStatus.Eligible)
                    continue;
                var route = catalogue.Routes[i];
                routeId = route.Id;
                steps.Clear();
                held.Clear();
                held.AddRange(s.Diplomas);
                Phases(route, 0, answers[i].Entry);
            }
        }

        private void Phases(Route route, int index, DateOnly entry)
        {
            if (index == route.Phases.Length)
            {
                Onward(0);
                return;
            }
            switch (route.Phases[index])
            {
                case RestOfSchool rest:
                    RestOfCurrentSchool(route, index, rest.Rule, entry);
                    return;
                case Programme programme:
                {
                    var start = steps.Count > 0 ? Max(entry, steps[^1].To.AddDays(1)) : entry;
                    // A programme joined part-way through a school year counts its years from that year's 1 August.
                    var yearStart = SchoolYear.StartOf(start);
                    foreach (var v in programme.Variants)
                    {
                        sink.Clear();
                        if (v.When is not null && Conditions.Evaluate(v.When, s, start, sink) == Verdict.Fail)
                            continue;
                        var outcome = Resolve(v.Diplomas[^1], start);
                        var niveau = outcome.MboLevelOf();
                        var step = new Step(
                            routeId,
                            v.EnrolledAt,
                            niveau == 0 ? null : niveau,
                            niveau == 0 ? null : PlannedLeerweg(v.MboLeerwegen, start),
                            start,
                            SchoolYear.EndAfter(yearStart, v.Duration.Min),
                            SchoolYear.EndAfter(yearStart, v.Duration.Max),
                            outcome,
                            v.Rule,
                            null
                        );
                        var added = held.Count;
                        if (v.WithVmboDiploma && s.Leerweg is { } lw && lw.IsVmboLeerweg())
                            held.Add(new Diploma(lw.VmboDiploma(), step.To.Year, s.Sector));
                        for (var i = 0; i < v.Diplomas.Length - 1; i++)
                            held.Add(new Diploma(Resolve(v.Diplomas[i], start), step.To.Year, s.WantsSector ?? s.Sector));
                        Push(step);
                        Phases(route, index + 1, entry);
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

        /// <summary>
        /// The mbo leerweg of a step: bol, or bbl where wished and offered and allowed (M6: full leerplicht ended before the
        /// start). A bbl wish that cannot be met yet is planned as bol with a note from when bbl can; with an unknown birth
        /// date bbl is planned with the M6 caveat.
        /// </summary>
        private Leerweg PlannedLeerweg(ImmutableArray<Leerweg> offered, DateOnly start)
        {
            var fallback = offered.Contains(Leerweg.Bol) || offered.IsEmpty ? Leerweg.Bol : offered[0];
            if (s.MboLeerweg != Leerweg.Bbl || !offered.Contains(Leerweg.Bbl))
                return fallback;
            switch (Leerplicht.FullLeerplichtEndedBefore(s.BirthDate, start))
            {
                case true:
                    return Leerweg.Bbl;
                case null:
                    AddOnce(catalogue.Reason("bbl-leeftijd-onbekend"));
                    return Leerweg.Bbl;
                default:
                    var ends = Leerplicht.FullLeerplichtEnds(s.BirthDate!.Value);
                    AddOnce(
                        catalogue.Reason(
                            "bbl-pas-vanaf",
                            ("start", DutchFormat.Date(start)),
                            ("einde", DutchFormat.Date(ends)),
                            ("vanaf", DutchFormat.Date(ends.AddDays(1)))
                        )
                    );
                    return fallback;
            }
        }

        /// <summary>
        /// The rest of the pupil's current school, from the question date (or the route's entry, when later) to its
        /// diploma. A havo or vwo pupil may also leave with the overgangsbewijs 3→4 (A12): after leerjaar 3, or now
        /// when past it.
        /// </summary>
        private void RestOfCurrentSchool(Route route, int index, string rule, DateOnly entry)
        {
            // A route entered at a later leerjaar of this school starts its part there; one entered after it, now.
            var from = entry > s.On && schoolEnds is { } ends && entry <= ends ? entry : s.On;
            switch (s.School)
            {
                case SchoolType.Vmbo:
                    if (s.Leerweg is not { } lw || !lw.IsVmboLeerweg())
                    {
                        AddOnce(catalogue.Reason("leerweg-onbekend"));
                        break;
                    }
                    if (schoolEnds is not { } end)
                    {
                        AddOnce(catalogue.Reason("leerjaar-onbekend"));
                        break;
                    }
                    Follow(route, index, entry, new Step(routeId, SchoolType.Vmbo, null, lw, from, end, end, lw.VmboDiploma(), rule, null));
                    return;
                case SchoolType.Praktijkonderwijs:
                {
                    var leaves = schoolEnds!.Value;
                    Follow(route, index, entry, new Step(routeId, SchoolType.Praktijkonderwijs, null, null, from, leaves, leaves, DiplomaKind.Pro, rule, null));
                    return;
                }
                case SchoolType.Havo or SchoolType.Vwo:
                {
                    if (schoolEnds is not { } diplomaOn)
                    {
                        AddOnce(catalogue.Reason("leerjaar-onbekend"));
                        break;
                    }
                    Follow(
                        route,
                        index,
                        entry,
                        new Step(
                            routeId,
                            s.School,
                            null,
                            null,
                            from,
                            diplomaOn,
                            diplomaOn,
                            s.School == SchoolType.Havo ? DiplomaKind.Havo : DiplomaKind.Vwo,
                            rule,
                            null
                        )
                    );
                    // A12: leaving for mbo with the overgangsbewijs 3→4.
                    if (s.Holds(DiplomaKind.HavoOvergang34) || s.Leerjaar >= 4)
                    {
                        var added = held.Count;
                        if (Admission.ImpliedDiploma(s) is { } implied)
                            held.Add(implied);
                        Phases(route, index + 1, entry);
                        held.RemoveRange(added, held.Count - added);
                    }
                    else
                    {
                        var after3 = SchoolYear.EndAfter(SchoolYear.StartOf(s.On), 3 - s.Leerjaar!.Value + 1);
                        Follow(route, index, entry, new Step(routeId, s.School, null, null, from, after3, after3, DiplomaKind.HavoOvergang34, "A12", null));
                    }
                    return;
                }
                case SchoolType.Mbo:
                {
                    var current = SchoolYear.StartOf(s.On);
                    var level = (MboLevel)Math.Clamp(s.Niveau ?? 2, 1, 4);
                    // The earliest end is the school's end; the latest takes the top of the niveau's duration band.
                    var earliest = schoolEnds!.Value;
                    var latest = SchoolYear.EndAfter(
                        current,
                        Math.Max(earliest.Year - current.Year, catalogue.DurationsOn(current).Levels[level].Max - ((s.Leerjaar ?? 1) - 1))
                    );
                    Follow(
                        route,
                        index,
                        entry,
                        new Step(
                            routeId,
                            SchoolType.Mbo,
                            (int)level,
                            s.Leerweg is Leerweg.Bol or Leerweg.Bbl ? s.Leerweg : Leerweg.Bol,
                            from,
                            earliest,
                            latest,
                            Vocabulary.MboDiploma(level, current),
                            rule,
                            null
                        )
                    );
                    return;
                }
            }
            Phases(route, index + 1, entry);
        }

        private void Follow(Route route, int index, DateOnly entry, Step step)
        {
            Push(step);
            Phases(route, index + 1, entry);
            Pop();
        }

        private void AddOnce(Reason reason)
        {
            foreach (var n in notes)
            {
                if (n.Code == reason.Code)
                    return;
            }
            notes.Add(reason);
        }

        private void Push(Step step)
        {
            steps.Add(step);
            held.Add(new Diploma(step.Outcome, step.To.Year, step.Outcome.IsVmbo() ? s.Sector : s.WantsSector));
        }

        private void Pop()
        {
            steps.RemoveAt(steps.Count - 1);
            held.RemoveAt(held.Count - 1);
        }

        /// <summary>
        /// How far a diploma reaches: onward steps only go up. A vmbo diploma or havo/vwo 3→4 proof counts as level 1,
        /// so a diploma holder is never sent down into an assistent/entree programme (A6) as a detour. A havo or vwo
        /// diploma admits to mbo 2–4 as well (§5.1): it counts as level 1 when the goal is an mbo level, else above mbo.
        /// </summary>
        private int RankOf(DiplomaKind kind) =>
            kind switch
            {
                DiplomaKind.HboBachelor => 6,
                DiplomaKind.Havo or DiplomaKind.Vwo => goal is >= Goal.Mbo1 and <= Goal.Mbo4 ? 1 : 5,
                DiplomaKind.VmboBb or DiplomaKind.VmboKb or DiplomaKind.VmboGl or DiplomaKind.VmboTl or DiplomaKind.HavoOvergang34 => 1,
                _ => kind.MboLevelOf(),
            };

        /// <summary>Continue by admission (§5, O1, O2) until the goal is reached.</summary>
        private void Onward(int depth)
        {
            var rank = 0;
            var skOn = (DateOnly?)null;
            var reached = false;
            foreach (var d in held)
                rank = Math.Max(rank, RankOf(d.Kind));
            foreach (var st in steps)
            {
                if (skOn is null && st.Outcome.IsStartkwalificatie())
                    skOn = st.To;
                reached |= st.Outcome.Reaches(goal);
            }
            if (reached)
            {
                Results.Add(new Pathway([routeId], [.. steps], steps[^1].To, alreadySk ? null : skOn));
                return;
            }
            if (depth >= MaxOnwardSteps || steps.Count == 0 && held.Count == 0 && s.School != SchoolType.None)
                return;

            var start = steps.Count > 0 ? SchoolYear.NextStart(steps[^1].To.AddDays(1)) : SchoolYear.NextStart(s.On);
            // The pupil's application (A10) is for the first mbo programme: that starts on the first 1 August after it.
            if (s.AppliedOn is { } applied && !AnyMboStep() && SchoolYear.NextStart(applied) > start)
                start = SchoolYear.NextStart(applied);
            var durations = catalogue.DurationsOn(start);
            // The wished direction applies to every onward step: nadere eisen (N1/N2) bite whenever a vmbo diploma is what admits.
            var direction = s.WantsSector?.DirectionOf();

            foreach (var level in OnwardLevels)
            {
                if ((int)level <= rank)
                    continue;
                var leerweg = PlannedLeerweg(BolAndBbl, start);
                var request = new ProgrammeRequest(level, direction, leerweg, BolAndBbl);
                var admission = Admission.Decide(catalogue, s, held, start, request, explain: false);
                if (admission.Outcome > AdmissionOutcome.AdmissibleNotEntitled)
                {
                    NoteWhyNot(level, start, request);
                    continue;
                }
                var band = durations.Levels[level];
                var outcome = Vocabulary.MboDiploma(level, start);
                var rule = catalogue.AdmissionOn(start).Cells[(BestPrior(), level)].Rule;
                Push(
                    new Step(
                        null,
                        SchoolType.Mbo,
                        (int)level,
                        leerweg,
                        start,
                        SchoolYear.EndAfter(start, band.Min),
                        SchoolYear.EndAfter(start, band.Max),
                        outcome,
                        rule,
                        admission.Outcome
                    )
                );
                Onward(depth + 1);
                Pop();
            }

            // O2/O4: an mbo-4, havo or vwo diploma admits to an hbo bachelor; only pursued when hbo is the goal.
            if (goal == Goal.Hbo && rank is 4 or 5)
            {
                var hbo = catalogue.HboBachelor;
                Push(
                    new Step(
                        null,
                        SchoolType.Hbo,
                        null,
                        null,
                        start,
                        SchoolYear.EndAfter(start, hbo.Min),
                        SchoolYear.EndAfter(start, hbo.Max),
                        DiplomaKind.HboBachelor,
                        rank == 4 ? "O2" : "O4",
                        AdmissionOutcome.Admissible
                    )
                );
                Onward(depth + 1);
                Pop();
            }
        }

        /// <summary>
        /// A level the pupil's diplomas would admit to by the matrix but that is refused for another reason (a nadere
        /// vooropleidingseis, N1/N2) is no silent gap: the plan says why in its notes.
        /// </summary>
        private void NoteWhyNot(MboLevel level, DateOnly start, ProgrammeRequest request)
        {
            var verdict = catalogue.AdmissionOn(start).Cells[(BestPrior(), level)].Verdict;
            if (verdict is not (MatrixVerdict.Admissible or MatrixVerdict.SameDirection or MatrixVerdict.SameBeroep))
                return;
            var explained = Admission.Decide(catalogue, s, held, start, request, explain: true);
            foreach (var reason in explained.Reasons)
                AddOnce(reason);
        }

        private bool AnyMboStep()
        {
            foreach (var st in steps)
            {
                if (st.Niveau is not null)
                    return true;
            }
            return false;
        }

        private Prior BestPrior()
        {
            var best = Prior.None;
            foreach (var d in held)
            {
                var p = Admission.PriorOf(d.Kind);
                if (p > best)
                    best = p;
            }
            return best;
        }
    }
}
