using System.Text;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// Worked cases, derived by hand from the rulebook, for the classes of pupils that got an empty or a wrong plan
/// (issue 11): a bbl wish before full leerplicht ends, havo/vwo pupils into mbo, entree before leerplicht ends, route
/// status that ignored where the pupil stands, rules tested on the wrong date, caveats that were not true, and plans
/// without a pathway or a note that says why. Each is asked through the pupil/plan JSON contract.
/// </summary>
public sealed class EveryPupilPlanTests
{
    // Born 1 Oct 2003: turns 16 on 1 Oct 2019, in school year 2019/20, so full leerplicht ends 31 July 2020 (L1).
    private const string KbBblWish = """
        { "on": "2019-03-15", "birthDate": "2003-10-01", "school": "vmbo", "leerweg": "kb", "leerjaar": 4, "mboLeerweg": "bbl", "goal": "mbo-3" }
        """;

    [Fact]
    public void Bbl_wish_before_full_leerplicht_ends_plans_bol_now_and_bbl_from_the_first_1_August_after_it()
    {
        var plan = PlanThroughJson.For(KbBblWish);
        Assert.NotEmpty(plan.Pathways);
        // M6: bbl only once full leerplicht has ended; the kb diploma (July 2019) admits to mbo-3 from 1 Aug 2019 in bol.
        var direct = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["vmbo-kb", "mbo-3"]));
        Assert.Equal(("2019-08-01", "bol", "2021-07-31"), (direct.Step(1, "from"), direct.Step(1, "leerweg"), direct.Step(1, "to")));
        // A step that starts after 31 July 2020 is bbl, as wished.
        var viaMbo2 = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["vmbo-kb", "mbo-2", "mbo-3"]));
        Assert.Equal(("bol", "2020-08-01", "bbl"), (viaMbo2.Step(1, "leerweg"), viaMbo2.Step(2, "from"), viaMbo2.Step(2, "leerweg")));
        Assert.Contains("bbl-pas-vanaf", plan.Notes);
        Assert.Equal("M6", plan.NoteRule("bbl-pas-vanaf"));
        Assert.Equal("2021-07-31", plan.FastestGoalOn);
        Assert.Equal("2020-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void Bbl_wish_with_an_unknown_birth_date_stays_bbl_with_the_M6_caveat()
    {
        var plan = PlanThroughJson.For(JsonFixture.Edit(KbBblWish, p => p.Remove("birthDate")));
        Assert.NotEmpty(plan.Pathways);
        Assert.All(plan.Pathways, p => Assert.Equal("bbl", p.Step(1, "leerweg")));
        Assert.Equal("M6", plan.NoteRule("bbl-leeftijd-onbekend"));
        Assert.DoesNotContain("bbl-pas-vanaf", plan.Notes);
    }

    [Fact]
    public void Havo_4_pupil_with_the_overgangsbewijs_enters_mbo_3_on_the_next_1_August()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2018-06-10", "school": "havo", "leerjaar": 4, "goal": "mbo-3",
              "diplomas": [ { "kind": "havo-overgang-3-4", "year": 2017 } ] }
            """
        );
        // A12: the overgangsbewijs 3→4 admits to mbo-2, -3 and -4; mbo-3 takes 2 years from 1 Aug 2018 (M5).
        var direct = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["mbo-3"]));
        Assert.Equal(("2018-08-01", "2020-07-31", "admissible"), (direct.Step(0, "from"), direct.Step(0, "to"), direct.Step(0, "admission")));
        Assert.Equal("2020-07-31", plan.FastestGoalOn);
        // Staying for the havo diploma remains a pathway too.
        Assert.Contains(plan.Pathways, p => p.Outcomes[0] == "havo");

        // The admission question agrees, also when the overgangsbewijs is only implied by leerjaar 4.
        var request = new ProgrammeRequest(MboLevel.Vak, null, Leerweg.Bol, [Leerweg.Bol, Leerweg.Bbl]);
        var implied = Admission.Decide(TestCatalogue.Catalogue, Situation("""{ "on": "2018-06-10", "school": "havo", "leerjaar": 4 }"""), request);
        Assert.Equal((AdmissionOutcome.Admissible, new DateOnly(2018, 8, 1)), (implied.Outcome, implied.Start));
    }

    [Fact]
    public void Havo_3_pupil_may_leave_for_mbo_with_the_overgangsbewijs_after_year_3()
    {
        var plan = PlanThroughJson.For("""{ "on": "2021-10-01", "school": "havo", "leerjaar": 3 }""");
        var leave = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["havo-overgang-3-4", "mbo-2"]));
        Assert.Equal(("2021-10-01", "2022-07-31", "A12"), (leave.Step(0, "from"), leave.Step(0, "to"), leave.Step(0, "rule")));
        Assert.Equal(("2022-08-01", "2023-07-31"), (leave.Step(1, "from"), leave.Step(1, "to")));
        var havo = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["havo"]));
        Assert.Equal("2024-07-31", havo.Step(0, "to"));
        Assert.Equal("2023-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void Vwo_diploma_admits_to_mbo_4_when_the_goal_is_mbo_4()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2020-09-01", "school": "none", "goal": "mbo-4", "diplomas": [ { "kind": "vwo", "year": 2020 } ] }
            """
        );
        // §5.1 (M1+): havo/vwo overgangsbewijs or diploma ✔ mbo-4; middenkader takes 3 years (M5). A vwo diploma is already an SK (L3).
        var mbo4 = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["mbo-4"]));
        Assert.Equal(("2021-08-01", "2024-07-31"), (mbo4.Step(0, "from"), mbo4.Step(0, "to")));
        Assert.Contains("heeft-al-startkwalificatie", plan.Notes);
        Assert.Null(plan.FastestStartkwalificatieOn);
        Assert.Equal("2024-07-31", plan.FastestGoalOn);
    }

    [Fact]
    public void Fifteen_year_old_without_a_diploma_enters_entree_only_after_full_leerplicht_ends()
    {
        const string pupil = """{ "on": "2017-06-01", "birthDate": "2002-03-01", "school": "none" }""";
        var plan = PlanThroughJson.For(pupil);
        // Turns 16 on 1 March 2018: full leerplicht runs to 31 July 2018 (L1); entree only after it (A6).
        Assert.Equal("2018-07-31", plan.LeerplichtEnds);
        plan.IsOpen("assistentenopleiding");
        Assert.Equal("2018-08-01", plan.Entry("assistentenopleiding"));
        var entree = plan.Pathway("assistentenopleiding");
        Assert.Equal(("entree", "2018-08-01"), (entree.Step(0, "outcome"), entree.Step(0, "from")));
        Assert.Equal("2020-07-31", plan.FastestStartkwalificatieOn);

        // The admission question agrees: by exception on 1 Aug 2017, admissible on 1 Aug 2018.
        var s = Situation(pupil);
        var request = new ProgrammeRequest(MboLevel.Entree, null, Leerweg.Bol, [Leerweg.Bol, Leerweg.Bbl]);
        Assert.Equal(AdmissionOutcome.ByException, Admission.Decide(TestCatalogue.Catalogue, s, request).Outcome);
        Assert.Equal(AdmissionOutcome.Admissible, Admission.Decide(TestCatalogue.Catalogue, s with { On = new DateOnly(2018, 8, 1) }, request).Outcome);
    }

    [Fact]
    public void A_vmbo_diploma_holder_is_not_offered_entree_or_the_leerwerktraject()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2021-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 4, "atRiskOfNoDiploma": true,
              "diplomas": [ { "kind": "vmbo-bb", "year": 2021 } ] }
            """
        );
        // A6: entree is open only to who does not meet the mbo-2 requirement; V6: the leerwerktraject leads to a bb diploma.
        plan.IsClosed("assistentenopleiding", "not-eligible", "A6");
        plan.IsClosed("leerwerktraject", "not-eligible", "V6");
        plan.IsOpen("normale-route");
    }

    [Fact]
    public void Leerwerktraject_for_a_bb_pupil_in_year_1_is_entered_at_the_start_of_year_3()
    {
        var plan = PlanThroughJson.For("""{ "on": "2019-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 1 }""");
        // V6: the leerwerktraject runs in leerjaar 3 and 4.
        plan.IsOpen("leerwerktraject");
        Assert.Equal("2021-08-01", plan.Entry("leerwerktraject"));
        var lwt = plan.Pathway("leerwerktraject");
        Assert.Equal(("2021-08-01", "2023-07-31", "vmbo-bb"), (lwt.Step(0, "from"), lwt.Step(0, "to"), lwt.Step(0, "outcome")));
        // A route the pupil is on now is entered on the question date, not at a past 1 August.
        Assert.Equal("2019-09-01", plan.Entry("normale-route"));
    }

    [Fact]
    public void Praktijkonderwijs_pupil_sees_entree_open_on_the_route_card_and_in_the_pathway_alike()
    {
        var plan = PlanThroughJson.For("""{ "on": "2019-09-01", "birthDate": "2003-03-01", "school": "praktijkonderwijs" }""");
        // Full leerplicht ended 31 July 2019 (L1), the pupil is still in pro this year; entree after it (R10.1, A6).
        plan.IsOpen("praktijkonderwijs");
        plan.IsOpen("assistentenopleiding");
        Assert.Equal("2020-08-01", plan.Entry("assistentenopleiding"));
        var pro = plan.Pathway("praktijkonderwijs");
        Assert.Equal(["pro", "entree", "mbo-2"], pro.Outcomes);
        Assert.Equal("2020-08-01", pro.Step(1, "from"));
        Assert.Equal("2022-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void Havo_doorstroom_right_is_tested_on_the_day_the_pupil_enters_havo_4()
    {
        // Asked in June 2020 (before M3), entering havo 4 on 1 Aug 2020 (M3: the right of R11.1 applies).
        var plan = PlanThroughJson.For(
            """
            { "on": "2020-06-01", "school": "vmbo", "leerweg": "tl", "leerjaar": 4,
              "diplomas": [ { "kind": "vmbo-tl", "year": 2020, "extraVak": true } ] }
            """
        );
        plan.IsOpen("havo-doorstroom");
        Assert.Equal("2020-08-01", plan.Entry("havo-doorstroom"));
        Assert.Contains(plan.Caveats("havo-doorstroom"), c => c is { Code: "havo-recht", Rule: "R11.1" });
        Assert.DoesNotContain(plan.Caveats("havo-doorstroom"), c => c.Code == "havo-geen-recht");
        var havo = plan.Pathway("havo-doorstroom");
        Assert.Equal(
            ("2020-06-01", "2020-07-31", "2020-08-01", "2022-07-31"),
            (havo.Step(0, "from"), havo.Step(0, "to"), havo.Step(1, "from"), havo.Step(1, "to"))
        );
    }

    [Fact]
    public void Risk_of_no_vmbo_diploma_is_said_only_when_true_and_explained_when_unknown()
    {
        const string bb = """{ "on": "2021-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 3 }""";
        // Unknown: say what it would change, never that the pupil is at risk (R3.1).
        var unknown = PlanThroughJson.For(bb).Caveats("normale-route").Select(c => c.Code).ToList();
        Assert.Contains("normale-route-risico-onbekend", unknown);
        Assert.DoesNotContain("normale-route-risico", unknown);
        var atRisk = PlanThroughJson.For(JsonFixture.Edit(bb, p => p["atRiskOfNoDiploma"] = true));
        Assert.Contains(atRisk.Caveats("normale-route"), c => c is { Code: "normale-route-risico", Rule: "R3.1" });
        // A vwo pupil or an mbo-3 graduate has no vmbo diploma to miss.
        foreach (
            var other in new[]
            {
                """{ "on": "2021-09-01", "school": "vwo", "leerjaar": 5 }""",
                """{ "on": "2021-09-01", "school": "none", "diplomas": [ { "kind": "mbo-3", "year": 2021 } ] }""",
            }
        )
        {
            Assert.DoesNotContain(PlanThroughJson.For(other).Caveats("normale-route"), c =>
                c.Code.StartsWith("normale-route-risico", StringComparison.Ordinal)
            );
        }
    }

    [Fact]
    public void A_level_refused_by_a_nadere_vooropleidingseis_is_explained_in_the_notes()
    {
        // N1a (2003 Doorstroomregeling): kb economie into a techniek mbo-3 is niet-verwant and needs wiskunde or nask1.
        var plan = PlanThroughJson.For(
            """
            { "on": "2013-06-01", "school": "none", "wantsSector": "techniek", "goal": "mbo-3",
              "diplomas": [ { "kind": "vmbo-kb", "year": 2013, "sector": "economie", "subjects": [ "nederlands", "engels", "economie", "geschiedenis" ] } ] }
            """
        );
        Assert.DoesNotContain(plan.Pathways, p => p.Outcomes[0] == "mbo-3");
        Assert.Equal("N1", plan.NoteRule("nadere-eis-vakken"));
    }

    [Fact]
    public void A_goal_no_open_route_reaches_gives_the_pathways_to_a_startkwalificatie_with_a_note()
    {
        // A bb pupil has no route to a havo diploma (R11.1 is for gl/tl).
        var plan = PlanThroughJson.For("""{ "on": "2021-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 4, "goal": "havo" }""");
        Assert.Contains("doel-niet-bereikbaar", plan.Notes);
        Assert.NotEmpty(plan.Pathways);
        Assert.Null(plan.FastestGoalOn);
        Assert.Equal("2023-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void Fastest_dates_are_the_minimum_over_the_pathways_given()
    {
        var plan = PlanThroughJson.For("""{ "on": "2022-09-01", "school": "vmbo", "leerweg": "kb", "leerjaar": 3, "goal": "hbo" }""");
        Assert.NotEmpty(plan.Pathways);
        // ISO dates order as strings.
        Assert.Equal(plan.Pathways.Select(p => p.GoalReachedOn).Order(StringComparer.Ordinal).First(), plan.FastestGoalOn);
        Assert.Equal(plan.Pathways.Select(p => p.StartkwalificatieOn).OfType<string>().Order(StringComparer.Ordinal).First(), plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void No_step_starts_before_the_question_date()
    {
        var plan = PlanThroughJson.For("""{ "on": "2021-03-01", "school": "mbo", "niveau": 3, "leerweg": "bol", "leerjaar": 2 }""");
        Assert.NotEmpty(plan.Pathways);
        Assert.All(plan.Pathways, p => Assert.True(string.CompareOrdinal(p.Step(0, "from"), "2021-03-01") >= 0, p.ToString()));
        Assert.Equal("2021-03-01", plan.Pathways[0].Step(0, "from"));
    }

    private static Situation Situation(string json)
    {
        var parsed = PupilJson.Parse(Encoding.UTF8.GetBytes(json), "case.json");
        Assert.True(parsed.Situation is not null, parsed.Problem?.ToString());
        return parsed.Situation!;
    }
}
