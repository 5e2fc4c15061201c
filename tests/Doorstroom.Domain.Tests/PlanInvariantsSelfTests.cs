using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// The invariant checker can fail: hand-made plans that break one invariant each are reported under that invariant,
/// and a hand-made correct plan is reported clean. Independent of the planner: only the catalogue and Admission.
/// </summary>
public sealed class PlanInvariantsSelfTests
{
    private static readonly RouteCatalogue Catalogue = TestCatalogue.Catalogue;
    private static readonly DateOnly Aug2018 = new(2018, 8, 1);

    /// <summary>A kb leaver of 2018, 18 years old, wanting a startkwalificatie: mbo-2 from 1 August 2018 is admissible by right.</summary>
    private static readonly Situation KbLeaver = new(new DateOnly(2018, 6, 1), SchoolType.None)
    {
        BirthDate = new DateOnly(2000, 3, 1),
        Diplomas = [new Diploma(DiplomaKind.VmboKb, 2018)],
        Goal = Goal.Startkwalificatie,
    };

    private static Step Mbo(
        int level,
        DateOnly from,
        int years,
        AdmissionOutcome? admission = AdmissionOutcome.Admissible,
        Leerweg leerweg = Leerweg.Bol,
        string? route = null
    ) =>
        new(
            route,
            SchoolType.Mbo,
            level,
            leerweg,
            from,
            SchoolYear.EndAfter(from, years),
            SchoolYear.EndAfter(from, years + 1),
            Vocabulary.MboDiploma((MboLevel)level, from),
            "A4",
            admission
        );

    private static RouteAnswer Open(string id, DateOnly entry) => new(id, RouteStatus.Eligible, entry, [], []);

    private static Pathway Through(string route, params Step[] steps)
    {
        var sk = steps.FirstOrDefault(s => s.Outcome.IsStartkwalificatie())?.To;
        return new Pathway([route], [.. steps], steps[^1].To, sk);
    }

    private static Plan PlanOf(Situation s, ImmutableArray<RouteAnswer> routes, params Pathway[] pathways)
    {
        DateOnly? sk = pathways.Where(p => p.StartkwalificatieOn is not null).Select(p => p.StartkwalificatieOn).Min();
        DateOnly? goal = pathways.Length == 0 ? null : pathways.Min(p => p.GoalReachedOn);
        return new Plan(Catalogue.Version, s.On, s.Goal, [], routes, [.. pathways], sk, goal, null, null, []);
    }

    /// <summary>The correct plan for <see cref="KbLeaver"/>: mbo-2 by the normal route from 1 August 2018.</summary>
    private static Plan GoodPlan() => PlanOf(KbLeaver, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, Aug2018, 1)));

    private static IReadOnlyList<string> Found(Situation s, Plan plan) => [.. PlanInvariants.Check(Catalogue, s, plan).Select(v => v.Invariant).Distinct()];

    [Fact]
    public void A_correct_plan_breaks_no_invariant()
    {
        Assert.Empty(PlanInvariants.Check(Catalogue, KbLeaver, GoodPlan()));
    }

    [Fact]
    public void Iv_a_pathway_whose_own_dates_do_not_follow_from_its_steps_is_reported()
    {
        var good = Through("normale-route", Mbo(2, Aug2018, 1));
        var lateGoal = good with { GoalReachedOn = good.GoalReachedOn.AddYears(1) };
        Assert.Contains(PlanInvariants.PathwayDates, Found(KbLeaver, PlanOf(KbLeaver, [Open("normale-route", Aug2018)], lateGoal)));
        var noSk = good with { StartkwalificatieOn = null };
        Assert.Contains(PlanInvariants.PathwayDates, Found(KbLeaver, PlanOf(KbLeaver, [Open("normale-route", Aug2018)], noSk)));
    }

    [Fact]
    public void I_an_empty_plan_without_a_note_is_reported()
    {
        var plan = PlanOf(KbLeaver, [Open("normale-route", Aug2018)]);
        Assert.Equal([PlanInvariants.NoAnswer], Found(KbLeaver, plan));
        var explained = plan with { Notes = [new Reason("leerjaar-onbekend", "R1.1", "…")] };
        Assert.Empty(Found(KbLeaver, explained));
    }

    [Fact]
    public void I_a_note_that_the_pupil_already_has_a_startkwalificatie_does_not_explain_a_missing_path_to_a_higher_goal()
    {
        var mbo2Holder = KbLeaver with { Diplomas = [new Diploma(DiplomaKind.Mbo2, 2018)], Goal = Goal.Mbo3 };
        var plan = PlanOf(mbo2Holder, [Open("normale-route", Aug2018)]) with { Notes = [new Reason("heeft-al-startkwalificatie", "L3", "…")] };
        Assert.Equal([PlanInvariants.NoAnswer], Found(mbo2Holder, plan));
        Assert.Empty(Found(mbo2Holder with { Goal = Goal.Mbo2 }, plan with { Goal = Goal.Mbo2 }));
    }

    [Fact]
    public void Ii_a_step_planned_by_exception_is_reported()
    {
        var plan = PlanOf(KbLeaver, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, Aug2018, 1, AdmissionOutcome.ByException)));
        var found = Found(KbLeaver, plan);
        Assert.Contains(PlanInvariants.NotAdmissibleOutcome, found);
        Assert.Contains(PlanInvariants.AdmissionDisagrees, found);
    }

    [Fact]
    public void Ii_a_step_that_Admission_refuses_is_reported_even_when_marked_admissible()
    {
        // vmbo-bb does not admit to mbo-3 (A1).
        var bb = KbLeaver with { Diplomas = [new Diploma(DiplomaKind.VmboBb, 2018)] };
        var plan = PlanOf(bb, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(3, Aug2018, 2)));
        // …and the one-pupil admission entry point, asked about the same first step, refuses it too.
        Assert.Equal([PlanInvariants.AdmissionDisagrees, PlanInvariants.PublicOutcome], Found(bb, plan));
    }

    [Fact]
    public void Ii_an_onward_mbo_step_without_an_admission_outcome_is_reported()
    {
        var plan = PlanOf(KbLeaver, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, Aug2018, 1, admission: null)));
        Assert.Equal([PlanInvariants.AdmissionMissing], Found(KbLeaver, plan));
    }

    [Fact]
    public void Ii_held_diplomas_include_the_outcomes_of_earlier_steps()
    {
        // mbo-3 after mbo-2: admissible only because the mbo-2 diploma of the first step is held (A2) — for a bb pupil.
        var bb = KbLeaver with { Diplomas = [new Diploma(DiplomaKind.VmboBb, 2018)], Goal = Goal.Mbo3 };
        var plan = PlanOf(bb, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, Aug2018, 1), Mbo(3, new DateOnly(2019, 8, 1), 2)));
        Assert.Empty(Found(bb, plan));
    }

    [Fact]
    public void Ii_a_havo_4_pupil_holds_the_overgangsbewijs_by_being_there()
    {
        // A12: in havo 4 the first three years are done; leaving for mbo-3 now is admissible without listing the proof.
        var havo4 = new Situation(new DateOnly(2018, 6, 1), SchoolType.Havo)
        {
            BirthDate = new DateOnly(2001, 3, 1),
            Leerjaar = 4,
            Goal = Goal.Mbo3,
        };
        var plan = PlanOf(havo4, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(3, Aug2018, 2)));
        Assert.DoesNotContain(PlanInvariants.AdmissionDisagrees, Found(havo4, plan));
        // In havo 3 it is not there yet.
        var havo3 = havo4 with { Leerjaar = 3 };
        Assert.Contains(PlanInvariants.AdmissionDisagrees, Found(havo3, plan));
    }

    [Fact]
    public void Ii_M6_bbl_before_full_leerplicht_ended_is_reported()
    {
        // Born 1 October 2003: turns 16 in 2019/20, full leerplicht ends 31 July 2020; bbl from 1 August 2019 is too early.
        var young = KbLeaver with { On = new DateOnly(2019, 6, 1), BirthDate = new DateOnly(2003, 10, 1), Diplomas = [new Diploma(DiplomaKind.VmboKb, 2019)] };
        var aug2019 = new DateOnly(2019, 8, 1);
        var plan = PlanOf(young, [Open("normale-route", aug2019)], Through("normale-route", Mbo(2, aug2019, 1, AdmissionOutcome.Admissible, Leerweg.Bbl)));
        Assert.Contains(PlanInvariants.BblLeerplichtig, Found(young, plan));
        // Born 31 July 2003: full leerplicht ended on 31 July 2019, the day before the start.
        var old = young with { BirthDate = new DateOnly(2003, 7, 31) };
        Assert.Empty(Found(old, plan));
    }

    [Fact]
    public void Ii_A6_entree_for_a_pupil_still_leerplichtig_is_reported()
    {
        // Issue 11, example 3: left school without a diploma at 15; full leerplicht runs to 31 July 2018.
        var leaver = new Situation(new DateOnly(2017, 6, 1), SchoolType.None) { BirthDate = new DateOnly(2002, 3, 1), Goal = Goal.Mbo1 };
        var aug2017 = new DateOnly(2017, 8, 1);
        var entree = Mbo(1, aug2017, 1, admission: null, route: "assistentenopleiding") with { Rule = "A6" };
        var plan = PlanOf(leaver, [Open("assistentenopleiding", aug2017)], Through("assistentenopleiding", entree));
        Assert.Equal([PlanInvariants.EntreeLeerplichtig, PlanInvariants.RouteStepNotAdmissible], Found(leaver, plan));
    }

    [Fact]
    public void Ii_A6_entree_for_a_diploma_holder_is_reported_but_not_under_M0()
    {
        var entree = Mbo(1, Aug2018, 1, AdmissionOutcome.Admissible);
        var plan = PlanOf(KbLeaver with { Goal = Goal.Mbo1 }, [Open("normale-route", Aug2018)], Through("normale-route", entree));
        Assert.Contains(PlanInvariants.EntreeDiplomaHolder, Found(KbLeaver with { Goal = Goal.Mbo1 }, plan));

        // Before 1 August 2014 the assistent opleiding had no requirement (A6, M0).
        var m0 = KbLeaver with
        {
            On = new DateOnly(2012, 6, 1),
            BirthDate = new DateOnly(1994, 3, 1),
            Diplomas = [new Diploma(DiplomaKind.VmboKb, 2012)],
            Goal = Goal.Mbo1,
        };
        var aug2012 = new DateOnly(2012, 8, 1);
        var m0Plan = PlanOf(m0, [Open("normale-route", aug2012)], Through("normale-route", Mbo(1, aug2012, 1)));
        Assert.DoesNotContain(PlanInvariants.EntreeDiplomaHolder, Found(m0, m0Plan));
    }

    [Fact]
    public void Ii_the_admission_command_starting_elsewhere_is_reported()
    {
        // The planner starts a year late; the one-pupil admission entry point starts on 1 August 2018.
        var aug2019 = new DateOnly(2019, 8, 1);
        var plan = PlanOf(KbLeaver, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, aug2019, 1)));
        Assert.Equal([PlanInvariants.PublicStart], Found(KbLeaver, plan));
    }

    [Fact]
    public void Iii_a_step_before_the_question_date_is_reported()
    {
        var aug2017 = new DateOnly(2017, 8, 1);
        var plan = PlanOf(KbLeaver, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, aug2017, 1)));
        Assert.Contains(PlanInvariants.BeforeOnThisSchoolYear, Found(KbLeaver, plan));
        var earlier = PlanOf(KbLeaver, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, new DateOnly(2016, 8, 1), 1)));
        Assert.Contains(PlanInvariants.BeforeOn, Found(KbLeaver, earlier));
    }

    [Fact]
    public void Iii_the_rest_of_the_current_school_starting_before_the_question_date_is_its_own_class()
    {
        var pupil = new Situation(new DateOnly(2018, 3, 1), SchoolType.Vmbo)
        {
            BirthDate = new DateOnly(2002, 3, 1),
            Leerweg = Leerweg.Kb,
            Leerjaar = 4,
            Goal = Goal.Startkwalificatie,
        };
        var rest = new Step(
            "normale-route",
            SchoolType.Vmbo,
            null,
            Leerweg.Kb,
            new DateOnly(2017, 8, 1),
            new DateOnly(2018, 7, 31),
            new DateOnly(2018, 7, 31),
            DiplomaKind.VmboKb,
            "R1.1",
            null
        );
        var plan = PlanOf(pupil, [Open("normale-route", new DateOnly(2017, 8, 1))], Through("normale-route", rest, Mbo(2, Aug2018, 1)));
        Assert.Equal([PlanInvariants.BeforeOnRestOfSchool], Found(pupil, plan));
        Assert.Empty(Found(pupil, plan with { Pathways = [Through("normale-route", rest with { From = pupil.On }, Mbo(2, Aug2018, 1))] }));
    }

    [Fact]
    public void Iii_overlapping_steps_are_reported()
    {
        var bb = KbLeaver with { Goal = Goal.Mbo3 };
        var plan = PlanOf(bb, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, Aug2018, 2), Mbo(3, new DateOnly(2019, 8, 1), 2)));
        Assert.Contains(PlanInvariants.Overlap, Found(bb, plan));
    }

    [Fact]
    public void Iv_a_fastest_date_that_is_not_the_minimum_over_the_pathways_is_reported()
    {
        var good = GoodPlan();
        Assert.Equal([PlanInvariants.FastestSk], Found(KbLeaver, good with { FastestStartkwalificatieOn = new DateOnly(2018, 7, 31) }));
        Assert.Equal([PlanInvariants.FastestSk], Found(KbLeaver, good with { FastestStartkwalificatieOn = null }));
        Assert.Equal([PlanInvariants.FastestGoal], Found(KbLeaver, good with { FastestGoalOn = new DateOnly(2020, 7, 31) }));
    }

    [Fact]
    public void Iv_pathways_that_reach_only_a_startkwalificatie_do_not_set_the_fastest_goal()
    {
        var wantsMbo4 = KbLeaver with { Goal = Goal.Mbo4 };
        var plan = PlanOf(wantsMbo4, [Open("normale-route", Aug2018)], Through("normale-route", Mbo(2, Aug2018, 1))) with { FastestGoalOn = null };
        Assert.Empty(Found(wantsMbo4, plan));
        Assert.Equal([PlanInvariants.FastestGoal], Found(wantsMbo4, plan with { FastestGoalOn = new DateOnly(2019, 7, 31) }));
    }

    [Fact]
    public void V_a_pathway_through_a_route_that_is_not_eligible_is_reported()
    {
        var good = GoodPlan();
        var closed = good with { Routes = [new RouteAnswer("normale-route", RouteStatus.NotEligible, Aug2018, [], [])] };
        Assert.Equal([PlanInvariants.RouteNotEligible], Found(KbLeaver, closed));
        Assert.Equal([PlanInvariants.RouteNotEligible], Found(KbLeaver, good with { Routes = [] }));
    }

    [Fact]
    public void Vi_an_exception_of_the_planner_is_reported_with_its_pupil()
    {
        var run = InvariantRun.Run(
            3,
            i => KbLeaver with { Goal = (Goal)i },
            Catalogue,
            s =>
                s.Goal == Goal.Mbo1
                    ? throw new InvalidOperationException("boom\nstack")
                    : TestPlanner.Planner.Plan(s) with
                    {
                        Pathways = [],
                        Notes = [new Reason("x", "y", "z")],
                    }
        );
        var finding = Assert.Single(run.Findings, f => f.Violation.Invariant == PlanInvariants.Exception);
        Assert.Equal((1, "InvalidOperationException: boom"), (finding.Index, finding.Violation.Detail));
        Assert.Contains("vi-exceptie | none | mbo-1", run.Report("self-test"), StringComparison.Ordinal);
    }
}
