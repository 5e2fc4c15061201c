using System.Text.Json.Nodes;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// The worked cases of rulebook §12, each asked through the pupil/plan JSON contract: the routes the case says are
/// open and not open (with the rule that closes them), and its fastest startkwalificatie.
/// </summary>
public sealed class WorkedCaseTests
{
    private const string C01Pupil = """
        { "on": "2011-09-01", "birthDate": "1998-10-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2, "sector": "groen",
          "goal": "startkwalificatie", "wantsSector": "groen", "sureOfChoice": true, "atRiskOfNoDiploma": false }
        """;

    [Fact]
    public void C01_bb_year_2_green_dark_green_in_2011_has_VM2_and_the_normal_route_both_to_SK_in_July_2015()
    {
        var plan = PlanThroughJson.For(C01Pupil);
        plan.IsOpen("vm2");
        plan.IsOpen("normale-route");
        plan.IsOpen("leerwerktraject");
        plan.IsClosed("vakmanschapsroute", "not-in-force", "R5.1");
        plan.IsClosed("technologieroute", "not-in-force", "R6.1");
        plan.IsClosed("groene-lyceum", "not-eligible", "R7.2");
        plan.IsClosed("doorlopende-leerroute", "not-in-force", "R9.1");
        Assert.Equal("2015-07-31", plan.FastestStartkwalificatieOn);

        var vm2 = plan.Pathway("vm2");
        Assert.Equal(
            ("vmbo", "2", "bol", "2012-08-01", "2015-07-31", "mbo-2"),
            (vm2.Step(0, "school"), vm2.Step(0, "niveau"), vm2.Step(0, "leerweg"), vm2.Step(0, "from"), vm2.Step(0, "to"), vm2.Step(0, "outcome"))
        );

        // Normal route: bb diploma July 2014, mbo from Aug 2014 under M1 (M5: basisberoeps 1–2 years).
        var normal = plan.Pathway("normale-route");
        Assert.Equal(["vmbo-bb", "mbo-2"], normal.Outcomes);
        Assert.Equal(("2014-07-31", "2015-07-31", "2016-07-31"), (normal.Step(0, "to"), normal.Step(1, "to"), normal.Step(1, "latestTo")));
    }

    [Fact]
    public void C02_light_green_pupil_is_refused_VM2_by_the_uncertain_dark_green_intake_criterion_but_keeps_the_normal_route()
    {
        var plan = PlanThroughJson.For(JsonFixture.Edit(C01Pupil, p =>
            {
                p["sureOfChoice"] = false;
                p["wantsSector"] = "techniek";
            }));
        Assert.Equal("not-eligible", plan.Status("vm2"));
        Assert.Contains(plan.Reasons("vm2"), r => r is { Rule: "R4.3", Confidence: "low" });
        plan.IsOpen("normale-route");
        // A technical mbo-2 from bb landbouw is niet-verwant (N1a), met by wiskunde, a landbouw sector subject (V4).
        var normal = plan.Pathway("normale-route");
        Assert.Equal("admissible", normal.Step(1, "admission"));
        Assert.Equal("2015-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C04_bb_diploma_2013_enters_green_mbo_2_under_M0_and_reaches_SK_in_July_2015()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2013-08-01", "birthDate": "1997-05-01", "school": "none", "wantsSector": "groen", "mboLeerweg": "bbl",
              "diplomas": [ { "kind": "vmbo-bb", "year": 2013, "sector": "groen" } ] }
            """
        );
        plan.IsOpen("normale-route");
        var mbo2 = plan.Pathways.First(p => p.Step(0, "outcome") == "mbo-2");
        Assert.Equal(("2013-08-01", "2015-07-31", "2016-07-31"), (mbo2.Step(0, "from"), mbo2.Step(0, "to"), mbo2.Step(0, "latestTo")));
        // Turned 16 before 31 July 2013: full leerplicht ended, so bbl is open (M6).
        Assert.Equal("bbl", mbo2.Step(0, "leerweg"));
        Assert.Equal("2015-07-31", plan.FastestStartkwalificatieOn);
        // A1: a bb diploma never opens mbo-3 or mbo-4 directly.
        Assert.DoesNotContain(plan.Pathways, p => p.Step(0, "niveau") is "3" or "4");
    }

    [Fact]
    public void C04_a_pupil_still_leerplichtig_at_the_start_gets_bol_not_bbl()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2013-08-01", "birthDate": "1997-10-01", "school": "none", "mboLeerweg": "bbl",
              "diplomas": [ { "kind": "vmbo-bb", "year": 2013, "sector": "groen" } ] }
            """
        );
        Assert.All(plan.Pathways, p => Assert.Equal("bol", p.Step(0, "leerweg")));
    }

    [Fact]
    public void C06_tl_diploma_2011_may_go_to_havo_at_the_schools_discretion_SK_in_July_2013()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2011-08-01", "school": "none", "goal": "havo", "diplomas": [ { "kind": "vmbo-tl", "year": 2011, "sector": "groen" } ] }
            """
        );
        plan.IsOpen("havo-doorstroom");
        Assert.Contains(plan.Caveats("havo-doorstroom"), c => c is { Code: "havo-geen-recht", Rule: "R11.2" });
        var havo = plan.Pathway("havo-doorstroom");
        Assert.Equal(("havo", "2011-08-01", "2013-07-31"), (havo.Step(0, "outcome"), havo.Step(0, "from"), havo.Step(0, "to")));
        Assert.Equal("2013-07-31", plan.FastestStartkwalificatieOn);
        Assert.Equal("2013-07-31", plan.FastestGoalOn);
    }

    [Fact]
    public void C07_tl_diploma_2021_with_extra_subject_has_a_right_to_havo_but_a_one_year_mbo_2_is_the_fastest_SK()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2021-07-15", "school": "none", "diplomas": [ { "kind": "vmbo-tl", "year": 2021, "sector": "economie", "extraVak": true } ] }
            """
        );
        plan.IsOpen("havo-doorstroom");
        Assert.Contains(plan.Caveats("havo-doorstroom"), c => c is { Code: "havo-recht", Rule: "R11.1" });
        Assert.Equal("2023-07-31", plan.Pathway("havo-doorstroom").GoalReachedOn);
        Assert.Equal("2022-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C08_gl_diploma_registered_on_15_May_for_mbo_4_is_eligible_but_not_entitled()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2021-06-01", "school": "none", "goal": "mbo-4", "wantsSector": "groen", "appliedOn": "2021-05-15",
              "diplomas": [ { "kind": "vmbo-gl", "year": 2021, "sector": "groen" } ] }
            """
        );
        Assert.Contains(plan.Caveats("havo-doorstroom"), c => c.Code == "havo-zonder-extra-vak");
        var mbo4 = plan.Pathways.First(p => p.Steps.Count == 1 && p.Step(0, "outcome") == "mbo-4");
        Assert.Equal(("admissible-not-entitled", "2021-08-01", "2024-07-31"), (mbo4.Step(0, "admission"), mbo4.Step(0, "from"), mbo4.Step(0, "to")));
        Assert.Equal("2024-07-31", plan.FastestGoalOn);
        Assert.Equal("2022-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C10_bb_year_2_in_2015_has_the_vakmanschapsroute_but_not_VM2_technologie_or_beroepsroute()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2015-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2, "sector": "groen", "sureOfChoice": true }
            """
        );
        plan.IsOpen("vakmanschapsroute");
        plan.IsOpen("normale-route");
        plan.IsClosed("vm2", "not-in-force", "R4.4");
        plan.IsClosed("technologieroute", "not-eligible", "R6.1");
        plan.IsClosed("beroepsroute", "not-eligible", "R6.2");
        var route = plan.Pathway("vakmanschapsroute");
        Assert.Equal(("2016-08-01", "2019-07-31", "mbo-2"), (route.Step(0, "from"), route.Step(0, "to"), route.Step(0, "outcome")));
        Assert.Equal("2019-07-31", plan.Pathway("normale-route").StartkwalificatieOn);
        Assert.Equal("2019-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C13_Groene_Lyceum_from_year_1_in_2011_reaches_mbo_4_in_2017_and_hbo_in_2021()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2011-09-01", "school": "vmbo", "leerweg": "tl", "leerjaar": 1, "sector": "groen", "goal": "hbo" }
            """
        );
        plan.IsOpen("groene-lyceum");
        plan.IsOpen("havo-doorstroom");
        plan.IsClosed("vakmanschapsroute", "not-in-force", "R5.1");
        var hgl = plan.Pathway("groene-lyceum");
        Assert.Equal(["mbo-4", "hbo-bachelor"], hgl.Outcomes);
        // The pupil is in year 1 already: the step starts on the question date (no step before it), six years count from 1 Aug 2011.
        Assert.Equal(("2011-09-01", "2017-07-31"), (hgl.Step(0, "from"), hgl.Step(0, "to")));
        Assert.Equal("2017-07-31", hgl.StartkwalificatieOn);
        Assert.Equal("2021-07-31", hgl.GoalReachedOn);
        var havo = plan.Pathway("havo-doorstroom");
        Assert.Equal(["vmbo-tl", "havo", "hbo-bachelor"], havo.Outcomes);
        Assert.Equal("2017-07-31", havo.StartkwalificatieOn);
    }

    private const string C14Pupil = """
        { "on": "2012-06-01", "birthDate": "1996-03-01", "school": "praktijkonderwijs", "leerjaar": 5 }
        """;

    [Fact]
    public void C14_pro_leaver_in_2012_goes_via_assistent_or_a_drempelloze_mbo_2_fastest_SK_July_2014()
    {
        var plan = PlanThroughJson.For(C14Pupil);
        plan.IsOpen("praktijkonderwijs");
        plan.IsClosed("normale-route", "not-eligible", "R1.1");
        var viaAssistent = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["pro", "assistent", "mbo-2"]));
        Assert.Equal("2015-07-31", viaAssistent.StartkwalificatieOn);
        var drempelloos = plan.Pathways.Single(p => p.Outcomes.SequenceEqual(["pro", "mbo-2"]));
        Assert.Equal(("2012-08-01", "2014-07-31"), (drempelloos.Step(1, "from"), drempelloos.Step(1, "to")));
        Assert.Equal("2014-07-31", plan.FastestStartkwalificatieOn);
        // A1: mbo-3/4 are never open without a diploma that admits to them.
        Assert.DoesNotContain(plan.Pathways, p => p.Step(1, "niveau") is "3" or "4");
    }

    [Fact]
    public void C17_without_vmbo_diploma_before_2014_mbo_2_is_open_only_for_drempelloze_programmes()
    {
        var situation = new Situation(new DateOnly(2012, 6, 1), SchoolType.None) { Diplomas = [new Diploma(DiplomaKind.Pro, 2012)] };
        var answer = Admission.Decide(TestCatalogue.Catalogue, situation, new ProgrammeRequest(MboLevel.Basisberoeps, null, null, []));
        Assert.Equal(AdmissionOutcome.Admissible, answer.Outcome);
        Assert.Contains(answer.Caveats, c => c is { Code: "drempelloos", Rule: "A5" });
        Assert.Equal(new DateOnly(2012, 8, 1), answer.Start);
        Assert.Equal("2014-07-31", PlanThroughJson.For(C14Pupil).FastestStartkwalificatieOn);
    }

    [Fact]
    public void C18_leerwerktraject_diploma_2010_gives_green_mbo_2_by_July_2012_and_never_mbo_3_directly()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2009-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 4, "sector": "groen", "wantsSector": "groen" }
            """
        );
        plan.IsOpen("leerwerktraject");
        var lwt = plan.Pathway("leerwerktraject");
        Assert.Equal(["vmbo-bb", "mbo-2"], lwt.Outcomes);
        Assert.Equal(("2010-07-31", "2012-07-31"), (lwt.Step(0, "to"), lwt.Step(1, "to")));
        Assert.Equal("2012-07-31", plan.FastestStartkwalificatieOn);
        Assert.DoesNotContain(plan.Pathways, p => p.Steps.Count > 1 && p.Step(1, "niveau") is "3" or "4");
    }

    [Fact]
    public void C19_kb_zorg_en_welzijn_without_wiskunde_or_nask1_cannot_enter_technical_mbo_4_directly()
    {
        const string pupil = """
            { "on": "2013-08-01", "school": "none", "goal": "mbo-4", "wantsSector": "techniek",
              "diplomas": [ { "kind": "vmbo-kb", "year": 2013, "sector": "zorg-en-welzijn", "subjects": ["biologie", "nederlands"] } ] }
            """;
        var plan = PlanThroughJson.For(pupil);
        // N1a: niet-verwant into techniek needs wiskunde or nask1; kb → mbo-2 carries no such requirement.
        Assert.All(plan.Pathways, p => Assert.Equal("2", p.Step(0, "niveau")));
        Assert.Equal("2018-07-31", plan.FastestGoalOn);

        var withWiskunde = PlanThroughJson.For(JsonFixture.Edit(pupil, p => p["diplomas"]![0]!["subjects"] = new JsonArray("biologie", "wiskunde")));
        var direct = withWiskunde.Pathways.First();
        Assert.Equal(("4", "2013-08-01", "2016-07-31"), (direct.Step(0, "niveau"), direct.Step(0, "from"), direct.Step(0, "to")));
    }

    [Fact]
    public void C20_kb_landbouw_into_economie_mbo_4_meets_N1b_through_wiskunde_a_landbouw_sector_subject()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2013-08-01", "school": "none", "goal": "mbo-4", "wantsSector": "economie",
              "diplomas": [ { "kind": "vmbo-kb", "year": 2013, "sector": "landbouw" } ] }
            """
        );
        var direct = plan.Pathways.First();
        Assert.Equal(("4", "admissible", "2016-07-31"), (direct.Step(0, "niveau"), direct.Step(0, "admission"), direct.GoalReachedOn));
    }

    [Fact]
    public void C21_gl_Groen_2022_into_technical_mbo_4_is_flagged_as_uncertain_not_refused()
    {
        var situation = new Situation(new DateOnly(2022, 3, 1), SchoolType.None)
        {
            Diplomas = [new Diploma(DiplomaKind.VmboGl, 2022, Sector.Groen, ["nederlands", "biologie"])],
            AppliedOn = new DateOnly(2022, 3, 1),
        };
        var answer = Admission.Decide(
            TestCatalogue.Catalogue,
            situation,
            new ProgrammeRequest(MboLevel.Middenkader, Direction.Techniek, Leerweg.Bol, [Leerweg.Bol, Leerweg.Bbl])
        );
        Assert.Equal(AdmissionOutcome.Admissible, answer.Outcome);
        Assert.Contains(answer.Caveats, c => c is { Rule: "N2", Confidence: Confidence.Low });
        Assert.Contains(answer.Caveats, c => c.Code == "toelatingsrecht");
    }

    [Fact]
    public void C22_tl_2019_registered_on_time_is_entitled_to_green_mbo_4_SK_in_2022_or_by_mbo_2_in_2020()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2019-04-01", "school": "none", "goal": "mbo-4", "wantsSector": "groen", "appliedOn": "2019-03-20",
              "diplomas": [ { "kind": "vmbo-tl", "year": 2019, "sector": "groen" } ] }
            """
        );
        var mbo4 = plan.Pathways.First(p => p.Steps.Count == 1);
        Assert.Equal(("admissible", "2019-08-01", "2022-07-31"), (mbo4.Step(0, "admission"), mbo4.Step(0, "from"), mbo4.Step(0, "to")));
        Assert.Equal("2020-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C24_mbo_4_graduate_2018_goes_to_an_hbo_bachelor_of_four_years()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2018-08-01", "school": "none", "goal": "hbo", "wantsSector": "economie",
              "diplomas": [ { "kind": "mbo-4", "year": 2018, "sector": "groen" } ] }
            """
        );
        var hbo = plan.Pathway("normale-route");
        Assert.Equal(("hbo-bachelor", "O2", "2018-08-01", "2022-07-31"), (hbo.Step(0, "outcome"), hbo.Step(0, "rule"), hbo.Step(0, "from"), hbo.Step(0, "to")));
        Assert.Contains("heeft-al-startkwalificatie", plan.Notes);
        Assert.Null(plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C25_bb_year_2_at_risk_in_2021_has_the_geintegreerde_route_to_SK_in_2025_but_no_experiment_and_no_entree_route()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2021-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2, "sector": "groen", "atRiskOfNoDiploma": true }
            """
        );
        plan.IsOpen("geintegreerde-route");
        plan.IsOpen("doorlopende-leerroute");
        plan.IsOpen("normale-route");
        plan.IsClosed("assistentenopleiding", "not-eligible", "R3.1");
        plan.IsClosed("vakmanschapsroute", "not-in-force", "R5.6");
        var route = plan.Pathway("geintegreerde-route");
        Assert.Equal(["mbo-2"], route.Outcomes);
        Assert.Equal(("2022-08-01", "2025-07-31"), (route.Step(0, "from"), route.Step(0, "to")));
        Assert.Equal("2025-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C26_tl_year_2_in_2021_reaches_green_mbo_4_by_doorlopende_leerroute_in_July_2027()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2021-09-01", "school": "vmbo", "leerweg": "tl", "leerjaar": 2, "sector": "groen", "goal": "mbo-4", "wantsSector": "groen" }
            """
        );
        plan.IsOpen("doorlopende-leerroute");
        plan.IsOpen("havo-doorstroom");
        var route = plan.Pathways.Single(p => p.Routes.SequenceEqual(["doorlopende-leerroute"]) && p.Outcomes[0] == "mbo-4");
        Assert.Equal(("2022-08-01", "2027-07-31"), (route.Step(0, "from"), route.Step(0, "to")));
        Assert.Contains(plan.Caveats("doorlopende-leerroute"), c => c is { Rule: "R9.5", Confidence: "low" });
    }

    [Fact]
    public void C28_bb_year_4_likely_to_fail_in_2024_takes_entree_in_vmbo_then_mbo_2_SK_July_2026()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2024-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 4, "atRiskOfNoDiploma": true }
            """
        );
        plan.IsOpen("assistentenopleiding");
        var entree = plan.Pathway("assistentenopleiding");
        Assert.Equal(["entree", "mbo-2"], entree.Outcomes);
        Assert.Equal(
            ("vmbo", "2025-07-31", "A7", "2026-07-31"),
            (entree.Step(0, "school"), entree.Step(0, "to"), entree.Step(1, "rule"), entree.Step(1, "to"))
        );
        Assert.Contains(plan.Reasons("geintegreerde-route"), r => r is { Rule: "R9.3", Confidence: "low" });
        Assert.Equal("not-eligible", plan.Status("geintegreerde-route"));
        Assert.Equal("2026-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C29_switcher_into_mbo_2_in_2020_finishes_the_programme_in_one_to_two_years()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2020-10-01", "school": "mbo", "leerweg": "bol", "niveau": 2, "leerjaar": 1, "sector": "economie",
              "diplomas": [ { "kind": "vmbo-kb", "year": 2019, "sector": "groen" } ] }
            """
        );
        var current = plan.Pathway("normale-route");
        Assert.Equal(
            ("mbo", "2", "2021-07-31", "2022-07-31"),
            (current.Step(0, "school"), current.Step(0, "niveau"), current.Step(0, "to"), current.Step(0, "latestTo"))
        );
        Assert.Equal("2021-07-31", plan.FastestStartkwalificatieOn);
    }

    [Fact]
    public void C30_twenty_year_old_with_kb_diploma_may_return_in_bbl_SK_one_year_after_the_start()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2016-10-01", "birthDate": "1996-05-01", "school": "none", "mboLeerweg": "bbl",
              "diplomas": [ { "kind": "vmbo-kb", "year": 2012, "sector": "techniek" } ] }
            """
        );
        var mbo2 = plan.Pathways.First(p => p.Step(0, "outcome") == "mbo-2");
        Assert.Equal(("bbl", "2017-08-01", "2018-07-31"), (mbo2.Step(0, "leerweg"), mbo2.Step(0, "from"), mbo2.Step(0, "to")));
        Assert.Equal("2018-07-31", plan.FastestStartkwalificatieOn);
        Assert.Equal("2012-07-31", plan.LeerplichtEnds);
    }

    [Fact]
    public void C31_22_year_old_without_SK_is_no_longer_leerplichtig_and_may_enter_entree()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2016-10-01", "birthDate": "1993-09-15", "school": "none" }
            """
        );
        Assert.Equal("2010-07-31", plan.LeerplichtEnds);
        plan.IsOpen("assistentenopleiding");
        var entree = plan.Pathway("assistentenopleiding");
        Assert.Equal(["entree", "mbo-2"], entree.Outcomes);
        Assert.Equal("2017-08-01", entree.Step(0, "from"));
    }

    [Fact]
    public void C32_kb_techniek_vakcollege_from_2008_reaches_mbo_3_in_2014_and_there_is_no_green_vakcollege()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2008-09-01", "school": "vmbo", "leerweg": "kb", "leerjaar": 1, "sector": "techniek" }
            """
        );
        plan.IsOpen("vakcollege");
        var vc = plan.Pathway("vakcollege");
        Assert.Equal(("mbo-3", "2008-09-01", "2014-07-31"), (vc.Step(0, "outcome"), vc.Step(0, "from"), vc.Step(0, "to")));

        var friend = PlanThroughJson.For(
            """
            { "on": "2008-09-01", "school": "vmbo", "leerweg": "kb", "leerjaar": 1, "sector": "groen" }
            """
        );
        friend.IsClosed("vakcollege", "not-eligible", "R8.1");
    }

    [Fact]
    public void C34_gl_techniek_diploma_2014_enters_green_mbo_2_under_M1_SK_July_2015()
    {
        var plan = PlanThroughJson.For(
            """
            { "on": "2014-08-01", "school": "none", "wantsSector": "groen", "diplomas": [ { "kind": "vmbo-gl", "year": 2014, "sector": "techniek" } ] }
            """
        );
        var mbo2 = plan.Pathways.First(p => p.Step(0, "outcome") == "mbo-2");
        Assert.Equal(("admissible", "2014-08-01", "2015-07-31"), (mbo2.Step(0, "admission"), mbo2.Step(0, "from"), mbo2.Step(0, "to")));
        Assert.Equal("2015-07-31", plan.FastestStartkwalificatieOn);
    }
}
