using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>One broken promise of a plan: which invariant (a short stable id) and what exactly is wrong.</summary>
internal sealed record Violation(string Invariant, string Detail);

/// <summary>
/// The invariants every plan must satisfy (issue 11), as a plain function over (catalogue, situation, plan), so that
/// the property test can run it over generated pupils and the self-tests can feed it hand-made wrong plans.
/// <list type="bullet">
/// <item>(i) a pathway that reaches a startkwalificatie or the goal, or a note that says why there is none (a note that
/// the pupil already has a startkwalificatie explains only when the pupil already holds the goal).</item>
/// <item>(ii) every onward mbo step (route null) carries an admissible outcome (admissible or admissible-not-entitled)
/// and <see cref="Admission.Decide(RouteCatalogue, Situation, IReadOnlyList{Diploma}, DateOnly, ProgrammeRequest, bool)"/>
/// gives that same outcome for the diplomas held at the step's start (the situation's, an overgangsbewijs implied by
/// havo/vwo leerjaar ≥ 4, and what the earlier steps of the pathway yield); a route's own step into an mbo programme is
/// admissible by Admission too. Every planned step at mbo level, the rest of the current school excepted: no bbl
/// unless full leerplicht ended before it (M6); no entree outside a vmbo route (route null, or the pupil not in vmbo)
/// unless full leerplicht ended before it and the pupil does not meet the mbo-2 requirement (A6; from 1 August 2014,
/// as under M0 the assistent opleiding had no requirement). With an unknown birth date M6/A6 are not violated:
/// Admission admits with a caveat (bbl-leeftijd-onbekend, entree-leeftijd-onbekend). And the one-pupil entry point
/// <see cref="Admission.Decide(RouteCatalogue, Situation, ProgrammeRequest)"/> (the `doorstroom admission` command and
/// /api/v1/admission) gives the same start and an admissible outcome for the first onward mbo step after the current
/// school, where it asks the same question (see <see cref="IsFirstAfterCurrentSchool"/>).</item>
/// <item>(iii) no step starts before the question date (classed apart: the rest of the current school, another step
/// from 1 August of the current school year, anything earlier); each step ends after it starts; steps do not overlap.</item>
/// <item>(iv) fastestStartkwalificatieOn is the minimum over the pathways (null when none has one, also when the pupil
/// already holds one: that case is classed apart); fastestGoalOn the minimum over the pathways that reach the goal.</item>
/// <item>(v) a pathway through a route implies the route is eligible.</item>
/// </list>
/// (vi) "no exception" is checked by the caller (<see cref="InvariantRun"/>) around the planner and this function.
/// </summary>
internal static class PlanInvariants
{
    public const string NoAnswer = "i-geen-pad-geen-uitleg";
    public const string NoTarget = "i-pad-zonder-sk-of-doel";
    public const string AdmissionMissing = "ii-mbo-stap-zonder-toelating";
    public const string NotAdmissibleOutcome = "ii-toelating-niet-toelaatbaar";
    public const string AdmissionDisagrees = "ii-toelating-oneens";
    public const string RouteStepNotAdmissible = "ii-routestap-mbo-niet-toelaatbaar";
    public const string BblLeerplichtig = "ii-m6-bbl-leerplichtig";
    public const string EntreeLeerplichtig = "ii-a6-entree-leerplichtig";
    public const string EntreeDiplomaHolder = "ii-a6-entree-diplomahouder";
    public const string PublicStart = "ii-admission-cmd-andere-start";
    public const string PublicStartApplied = "ii-admission-cmd-andere-start-aanmelding";
    public const string PublicOutcome = "ii-admission-cmd-niet-toelaatbaar";
    public const string BeforeOnRestOfSchool = "iii-start-voor-on-rest-school";
    public const string BeforeOnThisSchoolYear = "iii-start-voor-on-dit-schooljaar";
    public const string BeforeOn = "iii-start-voor-on";
    public const string Overlap = "iii-overlap";
    public const string Duration = "iii-eind-voor-start";
    public const string FastestSk = "iv-snelste-sk";
    public const string FastestSkAlreadyHeld = "iv-snelste-sk-al-sk";
    public const string FastestGoal = "iv-snelste-doel";
    public const string PathwayDates = "iv-pad-data";
    public const string RouteNotEligible = "v-route-niet-open";
    public const string Exception = "vi-exceptie";

    private static readonly ImmutableArray<Leerweg> BolBbl = [Leerweg.Bol, Leerweg.Bbl];

    private static bool Admissible(AdmissionOutcome o) => o is AdmissionOutcome.Admissible or AdmissionOutcome.AdmissibleNotEntitled;

    /// <summary>
    /// A6/A4 (M1+, rulebook §5.1): a vmbo diploma of any leerweg, havo/vwo 3→4 proof or a havo/vwo diploma, an
    /// entree (assistent, mbo-1) diploma, or any higher mbo or hbo diploma meets the mbo-2 requirement. Pro does not.
    /// Written from the rulebook, not read from the catalogue's matrix, so that it checks the matrix too.
    /// </summary>
    public static bool MeetsMbo2Requirement(DiplomaKind kind) => kind != DiplomaKind.Pro;

    public static List<Violation> Check(RouteCatalogue catalogue, Situation s, Plan plan)
    {
        var found = new List<Violation>();
        // The same wrong step shared by several pathways (the rest of the current school, a common first mbo step) counts once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string invariant, string detail)
        {
            var cut = detail.StartsWith('[') ? detail.IndexOf("] ", StringComparison.Ordinal) + 2 : 0;
            if (seen.Add(invariant + " " + detail[cut..]))
                found.Add(new Violation(invariant, detail));
        }

        // (i) an answer: a pathway to a startkwalificatie or the goal, or a note that explains.
        if (plan.Pathways.IsEmpty)
        {
            var holdsGoal = s.Diplomas.Any(d => d.Kind.Reaches(s.Goal));
            var explains = plan.Notes.Any(n => n.Code != "heeft-al-startkwalificatie") || (holdsGoal && !plan.Notes.IsEmpty);
            if (!explains)
                Add(NoAnswer, $"no pathway; notes [{string.Join(",", plan.Notes.Select(n => n.Code))}]");
        }
        else if (!plan.Pathways.Any(p => p.StartkwalificatieOn is not null || (!p.Steps.IsEmpty && p.Steps[^1].Outcome.Reaches(s.Goal))))
        {
            Add(NoTarget, $"{plan.Pathways.Length} pathways, none reaches a startkwalificatie or {s.Goal}");
        }

        var publicAsked = new HashSet<(DateOnly, int, Leerweg?)>();
        foreach (var p in plan.Pathways)
        {
            var held = Implied(s);
            for (var i = 0; i < p.Steps.Length; i++)
            {
                var step = p.Steps[i];
                var where = $"[{string.Join(",", p.Routes)}] step {i} {step.School} {step.Outcome} {step.Leerweg} {Iso(step.From)}";

                // (iii) dates.
                var current = IsRestOfCurrentSchool(catalogue, s, step, i);
                if (step.From < s.On)
                {
                    // Three classes for triage: the rest of the current school, another step from 1 August of the current
                    // school year (a route entered "now"), and a start before the current school year.
                    var kind =
                        current ? BeforeOnRestOfSchool
                        : step.From >= SchoolYear.StartOf(s.On) ? BeforeOnThisSchoolYear
                        : BeforeOn;
                    Add(kind, $"{where} starts before on {Iso(s.On)}");
                }
                if (step.To < step.From || step.LatestTo < step.To)
                    Add(Duration, $"{where} ends {Iso(step.To)}–{Iso(step.LatestTo)}");
                if (i > 0 && step.From <= p.Steps[i - 1].To)
                    Add(Overlap, $"{where} starts before step {i - 1} ends {Iso(p.Steps[i - 1].To)}");

                // (ii) the mbo constraints of every planned step at mbo level, inside a route or onward (the rest of the
                // pupil's current school is a given, not a plan: a pupil in bbl now stays there).
                var level = step.Outcome.MboLevelOf();
                if (!current && step.Leerweg == Leerweg.Bbl && Leerplicht.FullLeerplichtEndedBefore(s.BirthDate, step.From) == false)
                {
                    Add(BblLeerplichtig, $"{where}: full leerplicht ends {Iso(Leerplicht.FullLeerplichtEnds(s.BirthDate!.Value))}");
                }
                var vmboRoute = step.Route is not null && s.School == SchoolType.Vmbo;
                if (!current && level == 1 && !vmboRoute && step.From >= Dates.Entree)
                {
                    if (Leerplicht.FullLeerplichtEndedBefore(s.BirthDate, step.From) == false)
                    {
                        Add(EntreeLeerplichtig, $"{where}: full leerplicht ends {Iso(Leerplicht.FullLeerplichtEnds(s.BirthDate!.Value))}");
                    }
                    var meets = held.FirstOrDefault(d => MeetsMbo2Requirement(d.Kind));
                    if (meets is not null)
                        Add(EntreeDiplomaHolder, $"{where}: already holds {meets.Kind} ({meets.Year})");
                }

                // (ii) a route's own step into an mbo programme (e.g. the entree programme after leaving school) is an mbo
                // admission as well: Admission must admit it for what is held at its start (decision 0003).
                if (!current && step.School == SchoolType.Mbo && step.Route is not null && level > 0)
                {
                    var request = new ProgrammeRequest((MboLevel)level, s.WantsSector?.DirectionOf(), step.Leerweg, BolBbl);
                    var decided = Admission.Decide(catalogue, s, held, step.From, request, explain: false).Outcome;
                    if (!Admissible(decided))
                        Add(RouteStepNotAdmissible, $"{where}: Admission {decided} for held [{Held(held)}]");
                }

                // (ii) onward admission steps: an admissible outcome, the one Admission gives for what is held then.
                if (step.School == SchoolType.Mbo && step.Route is null)
                {
                    if (step.Admission is not { } outcome)
                    {
                        Add(AdmissionMissing, $"{where} has no admission outcome");
                    }
                    else if (level > 0)
                    {
                        if (!Admissible(outcome))
                            Add(NotAdmissibleOutcome, $"{where} planned with outcome {outcome}");
                        var request = new ProgrammeRequest((MboLevel)level, s.WantsSector?.DirectionOf(), step.Leerweg, BolBbl);
                        var decided = Admission.Decide(catalogue, s, held, step.From, request, explain: false).Outcome;
                        if (decided != outcome)
                            Add(AdmissionDisagrees, $"{where}: planner {outcome}, Admission {decided} for held [{Held(held)}]");
                        if (IsFirstAfterCurrentSchool(s, p, i) && publicAsked.Add((step.From, level, step.Leerweg)))
                        {
                            var result = Admission.Decide(catalogue, s, request);
                            if (result.Start != step.From)
                            {
                                // Split off the pupils who apply after the planned start: the entry point then waits a year, the planner does not.
                                var late = s.AppliedOn is { } applied && SchoolYear.NextStart(applied) > step.From;
                                Add(
                                    late ? PublicStartApplied : PublicStart,
                                    $"{where}: admission command starts {Iso(result.Start)} ({result.Outcome}), " + $"appliedOn {Iso(s.AppliedOn)}"
                                );
                            }
                            else if (!Admissible(result.Outcome))
                                Add(
                                    PublicOutcome,
                                    $"{where}: admission command says {result.Outcome}: " + $"{string.Join("; ", result.Reasons.Select(x => x.Code))}"
                                );
                        }
                    }
                }

                HeldAfter(catalogue, s, step, held);
            }

            // (iv) a pathway's own dates follow from its steps: the goal (or its end) with the last step, the first
            // startkwalificatie with the step that gives it, none when the pupil holds one already.
            if (p.GoalReachedOn != p.Steps[^1].To)
                Add(PathwayDates, $"[{string.Join(",", p.Routes)}] goalReachedOn {Iso(p.GoalReachedOn)}, last step ends " + $"{Iso(p.Steps[^1].To)}");
            DateOnly? firstSk = s.Diplomas.Any(d => d.Kind.IsStartkwalificatie()) ? null : p.Steps.FirstOrDefault(x => x.Outcome.IsStartkwalificatie())?.To;
            if (p.StartkwalificatieOn != firstSk)
                Add(PathwayDates, $"[{string.Join(",", p.Routes)}] startkwalificatieOn {Iso(p.StartkwalificatieOn)}, its " + $"steps give {Iso(firstSk)}");

            // (v) every route of the pathway is open.
            foreach (var id in p.Routes.Concat(p.Steps.Where(x => x.Route is not null).Select(x => x.Route!)).Distinct())
            {
                var answer = plan.Routes.FirstOrDefault(a => a.Id == id);
                if (answer is null || answer.Status != RouteStatus.Eligible || !p.Routes.Contains(id))
                {
                    Add(RouteNotEligible, $"pathway [{string.Join(",", p.Routes)}] goes through {id}, which is {answer?.Status.ToString() ?? "absent"}");
                }
            }
        }

        // (iv) the fastest dates are the minimum over the pathways.
        DateOnly? minSk = plan.Pathways.Where(p => p.StartkwalificatieOn is not null).Select(p => p.StartkwalificatieOn).Min();
        // Pathways that only reach a startkwalificatie (given when the goal is out of reach, with a note) do not count for the goal.
        var toGoal = plan.Pathways.Where(p => p.Steps.Any(x => x.Outcome.Reaches(s.Goal))).ToList();
        DateOnly? minGoal = toGoal.Count == 0 ? null : toGoal.Min(p => p.GoalReachedOn);
        if (plan.FastestStartkwalificatieOn != minSk)
        {
            var already = s.Diplomas.Any(d => d.Kind.IsStartkwalificatie());
            Add(
                already ? FastestSkAlreadyHeld : FastestSk,
                $"fastestStartkwalificatieOn {Iso(plan.FastestStartkwalificatieOn)}, minimum over pathways " + $"{Iso(minSk)}"
            );
        }
        if (plan.FastestGoalOn != minGoal)
            Add(FastestGoal, $"fastestGoalOn {Iso(plan.FastestGoalOn)}, minimum over pathways {Iso(minGoal)}");
        return found;
    }

    /// <summary>
    /// The diplomas the pupil holds when a pathway begins: those of the situation, plus the overgangsbewijs 3→4 that a
    /// havo or vwo pupil in leerjaar 4 or higher has by being there (A12: proof of completing the first three years).
    /// </summary>
    private static List<Diploma> Implied(Situation s)
    {
        var held = new List<Diploma>(s.Diplomas);
        if (s.School is SchoolType.Havo or SchoolType.Vwo && s.Leerjaar >= 4 && !s.Holds(DiplomaKind.HavoOvergang34))
        {
            held.Add(new Diploma(DiplomaKind.HavoOvergang34, SchoolYear.StartOf(s.On).Year - (s.Leerjaar.Value - 4)));
        }
        return held;
    }

    /// <summary>The step that is the rest of the pupil's current school: the first step of a route whose first phase is <see cref="RestOfSchool"/>.</summary>
    private static bool IsRestOfCurrentSchool(RouteCatalogue catalogue, Situation s, Step step, int i) =>
        i == 0
        && step.Admission is null
        && step.School == s.School
        && step.Route is not null
        && catalogue.FindRoute(step.Route) is { Phases: [RestOfSchool, ..] };

    /// <summary>
    /// The first onward mbo step right after the pupil's current school, where the one-pupil admission entry point
    /// asks the same question: the pupil is in no school or leaves now (the step is the pathway's first), or is in
    /// vmbo and the step follows the rest of vmbo (the entry point then assumes the expected vmbo diploma).
    /// </summary>
    private static bool IsFirstAfterCurrentSchool(Situation s, Pathway p, int i) =>
        i == 0 || (i == 1 && s.School == SchoolType.Vmbo && p.Steps[0].School == SchoolType.Vmbo && p.Steps[0].Outcome.IsVmbo());

    /// <summary>
    /// Adds what a step leaves the pupil with, as the planner models it: a route's extra diplomas (the vmbo diploma
    /// earned alongside, an intermediate mbo diploma) and the step's own outcome, dated by the step's end.
    /// </summary>
    private static void HeldAfter(RouteCatalogue catalogue, Situation s, Step step, List<Diploma> held)
    {
        if (VariantOf(catalogue, step) is { } v)
        {
            if (v.WithVmboDiploma && s.Leerweg is { } lw && lw.IsVmboLeerweg())
                held.Add(new Diploma(lw.VmboDiploma(), step.To.Year, s.Sector));
            for (var k = 0; k < v.Diplomas.Length - 1; k++)
                held.Add(new Diploma(Resolve(v.Diplomas[k], step.From), step.To.Year, s.WantsSector ?? s.Sector));
        }
        held.Add(new Diploma(step.Outcome, step.To.Year, step.Outcome.IsVmbo() ? s.Sector : s.WantsSector));
    }

    /// <summary>The route programme variant a step was planned from (same rule, school and outcome), if any.</summary>
    private static Variant? VariantOf(RouteCatalogue catalogue, Step step)
    {
        if (step.Route is null || catalogue.FindRoute(step.Route) is not { } route)
            return null;
        foreach (var phase in route.Phases)
        {
            if (phase is not Programme programme)
                continue;
            foreach (var v in programme.Variants)
            {
                if (v.Rule == step.Rule && v.EnrolledAt == step.School && Resolve(v.Diplomas[^1], step.From) == step.Outcome)
                    return v;
            }
        }
        return null;
    }

    private static DiplomaKind Resolve(DiplomaKind kind, DateOnly start) =>
        kind is DiplomaKind.Mbo1 or DiplomaKind.Assistent or DiplomaKind.Entree ? Vocabulary.MboDiploma(MboLevel.Entree, start) : kind;

    private static string Held(List<Diploma> held) => string.Join(",", held.Select(d => $"{d.Kind}/{d.Year}"));

    private static string Iso(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "null";
}
