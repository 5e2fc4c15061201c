namespace Doorstroom.Domain.Tests;

/// <summary>Each of the 13 routes: a pupil for whom it is open, and one for whom it is not, for the right reason.</summary>
public sealed class RouteEligibilityTests
{
    private static PlanThroughJson Vmbo(string on, string leerweg, int leerjaar, string sector = "techniek", string extra = "") =>
        PlanThroughJson.For($$"""{ "on": "{{on}}", "school": "vmbo", "leerweg": "{{leerweg}}", "leerjaar": {{leerjaar}}, "sector": "{{sector}}"{{extra}} }""");

    [Fact]
    public void Normale_route_is_open_to_every_vmbo_pupil_but_not_to_someone_without_school_or_diploma()
    {
        Vmbo("2025-09-01", "kb", 3).IsOpen("normale-route");
        PlanThroughJson.For("""{ "on": "2025-09-01", "school": "none" }""").IsClosed("normale-route", "not-eligible", "R1.1");
    }

    [Fact]
    public void Leerwerktraject_is_open_to_bb_only()
    {
        Vmbo("2012-09-01", "bb", 3).IsOpen("leerwerktraject");
        Vmbo("2012-09-01", "kb", 3).IsClosed("leerwerktraject", "not-eligible", "V6");
    }

    [Fact]
    public void Leerwerktraject_takes_no_pupils_before_2003()
    {
        Vmbo("2001-09-01", "bb", 3).IsClosed("leerwerktraject", "not-in-force", "R2.1");
    }

    [Fact]
    public void Assistentenopleiding_in_vmbo_is_for_bb_pupils_at_risk_in_the_upper_years_from_2009()
    {
        Vmbo("2012-09-01", "bb", 4, extra: ", \"atRiskOfNoDiploma\": true").IsOpen("assistentenopleiding");
        Vmbo("2012-09-01", "bb", 4, extra: ", \"atRiskOfNoDiploma\": false").IsClosed("assistentenopleiding", "not-eligible", "R3.1");
        Vmbo("2008-09-01", "bb", 4, extra: ", \"atRiskOfNoDiploma\": true").IsClosed("assistentenopleiding", "not-eligible", "V8");
    }

    [Fact]
    public void Entree_after_vo_is_closed_to_a_vmbo_diploma_holder()
    {
        PlanThroughJson
            .For("""{ "on": "2016-08-01", "school": "none", "diplomas": [ { "kind": "vmbo-bb", "year": 2016 } ] }""")
            .IsClosed("assistentenopleiding", "not-eligible", "A6");
    }

    [Fact]
    public void Vm2_is_open_from_2008_to_the_intake_of_2013_14_and_only_to_bb_or_kb()
    {
        Vmbo("2008-09-01", "bb", 2).IsOpen("vm2");
        Vmbo("2013-09-01", "bb", 2).IsClosed("vm2", "not-in-force", "R4.4");
        Vmbo("2009-09-01", "tl", 2).IsClosed("vm2", "not-eligible", "R4.1");
        Vmbo("2006-09-01", "bb", 2).IsClosed("vm2", "not-in-force", "R4.4");
    }

    [Fact]
    public void Vm2_for_a_kb_pupil_carries_the_low_confidence_caveat()
    {
        Assert.Contains(Vmbo("2009-09-01", "kb", 2).Caveats("vm2"), c => c is { Rule: "R4.1", Confidence: "low" });
    }

    [Fact]
    public void Groene_lyceum_starts_in_year_1_for_gl_or_tl()
    {
        Vmbo("2015-09-01", "tl", 1, "groen").IsOpen("groene-lyceum");
        Vmbo("2015-09-01", "tl", 2, "groen").IsClosed("groene-lyceum", "not-eligible", "R7.2");
        Vmbo("2015-09-01", "kb", 1, "groen").IsClosed("groene-lyceum", "not-eligible", "R7.1");
    }

    [Fact]
    public void Vakmanschapsroute_is_open_to_bb_and_kb_entering_year_3_from_2014_to_2018_19()
    {
        Vmbo("2014-09-01", "kb", 3).IsOpen("vakmanschapsroute");
        Vmbo("2014-09-01", "gl", 3).IsClosed("vakmanschapsroute", "not-eligible", "R5.1");
        Vmbo("2014-09-01", "bb", 4).IsClosed("vakmanschapsroute", "not-eligible", "R5.1");
        Vmbo("2019-09-01", "bb", 3).IsClosed("vakmanschapsroute", "not-in-force", "R5.6");
    }

    [Fact]
    public void Vakmanschapsroute_leads_kb_to_mbo_3_only_from_2016()
    {
        Assert.DoesNotContain(Vmbo("2014-09-01", "kb", 3).Pathways, p => p.Routes.SequenceEqual(["vakmanschapsroute"]) && p.Outcomes[0] == "mbo-3");
        var plan = Vmbo("2016-09-01", "kb", 3, extra: ", \"goal\": \"mbo-3\"");
        Assert.Contains(plan.Pathways, p => p.Routes.SequenceEqual(["vakmanschapsroute"]) && p.Outcomes[0] == "mbo-3" && p.GoalReachedOn == "2020-07-31");
    }

    [Fact]
    public void Technologieroute_is_for_gl_from_techniek_or_landbouw_and_tl_from_2014()
    {
        Vmbo("2014-09-01", "gl", 3, "groen").IsOpen("technologieroute");
        Vmbo("2014-09-01", "tl", 3, "economie").IsOpen("technologieroute");
        Vmbo("2014-09-01", "gl", 3, "economie").IsClosed("technologieroute", "not-eligible", "R6.1");
        Vmbo("2013-09-01", "gl", 3, "groen").IsClosed("technologieroute", "not-in-force", "R6.1");
    }

    [Fact]
    public void Technologieroute_from_2016_takes_kb_gl_tl_from_techniek_or_groen_only()
    {
        Vmbo("2016-09-01", "kb", 3, "pie").IsOpen("technologieroute");
        Vmbo("2016-09-01", "tl", 3, "economie").IsClosed("technologieroute", "not-eligible", "R6.1");
    }

    [Fact]
    public void Beroepsroute_is_open_to_kb_gl_tl_of_any_sector_from_2016_to_2018_19()
    {
        Vmbo("2016-09-01", "kb", 3, "eo").IsOpen("beroepsroute");
        Vmbo("2016-09-01", "bb", 3, "eo").IsClosed("beroepsroute", "not-eligible", "R6.2");
        Vmbo("2015-09-01", "kb", 3, "economie").IsClosed("beroepsroute", "not-in-force", "R6.2");
        Assert.Equal("2020-07-31", Vmbo("2016-09-01", "kb", 3, "eo", ", \"goal\": \"mbo-4\"").Pathway("beroepsroute").GoalReachedOn);
    }

    [Fact]
    public void Vakcollege_is_a_six_year_route_from_year_1_and_not_green()
    {
        Vmbo("2010-09-01", "bb", 1, "techniek").IsOpen("vakcollege");
        Vmbo("2010-09-01", "bb", 1, "groen").IsClosed("vakcollege", "not-eligible", "R8.1");
        Vmbo("2007-09-01", "bb", 1, "techniek").IsClosed("vakcollege", "not-in-force", "R8.1");
        Assert.Equal("2016-07-31", Vmbo("2010-09-01", "bb", 1, "techniek").Pathway("vakcollege").GoalReachedOn);
    }

    [Fact]
    public void Praktijkonderwijs_is_its_own_school_type()
    {
        PlanThroughJson.For("""{ "on": "2022-09-01", "school": "praktijkonderwijs", "leerjaar": 3, "birthDate": "2008-01-01" }""").IsOpen("praktijkonderwijs");
        Vmbo("2022-09-01", "bb", 1).IsClosed("praktijkonderwijs", "not-eligible", "V9");
    }

    [Fact]
    public void Praktijkonderwijs_leaver_after_2014_enters_entree_only_when_leerplicht_has_ended()
    {
        var plan = PlanThroughJson.For("""{ "on": "2022-09-01", "school": "praktijkonderwijs", "leerjaar": 4, "birthDate": "2006-09-15" }""");
        var entree = plan.Pathway("praktijkonderwijs");
        // Turns 16 on 15 Sept 2022, so full leerplicht ends 31 July 2023; entree starts 1 Aug 2023 (A6).
        Assert.Equal("2023-08-01", entree.Steps[1].GetProperty("from").GetString());
        Assert.Equal("2023-07-31", plan.LeerplichtEnds);
        // One answer everywhere: the entree route card is open for this pupil from that same date.
        plan.IsOpen("assistentenopleiding");
        Assert.Equal("2023-08-01", plan.Entry("assistentenopleiding"));
    }

    [Fact]
    public void Doorlopende_leerroute_exists_from_2020_and_starts_in_year_3()
    {
        Vmbo("2020-09-01", "gl", 2).IsOpen("doorlopende-leerroute");
        Vmbo("2019-09-01", "gl", 3).IsClosed("doorlopende-leerroute", "not-in-force", "R9.1");
        Vmbo("2019-09-01", "gl", 2).IsOpen("doorlopende-leerroute"); // enters year 3 on 1 Aug 2020
        Vmbo("2020-09-01", "gl", 4).IsClosed("doorlopende-leerroute", "not-eligible", "R9.4");
    }

    [Fact]
    public void Geintegreerde_route_is_bb_only_from_2020()
    {
        Vmbo("2021-09-01", "bb", 3).IsOpen("geintegreerde-route");
        Vmbo("2021-09-01", "kb", 3).IsClosed("geintegreerde-route", "not-eligible", "R9.3");
        Vmbo("2019-09-01", "bb", 3).IsClosed("geintegreerde-route", "not-in-force", "R9.3");
    }

    [Fact]
    public void Havo_doorstroom_is_for_gl_and_tl_only()
    {
        Vmbo("2021-09-01", "gl", 4).IsOpen("havo-doorstroom");
        Vmbo("2021-09-01", "kb", 4).IsClosed("havo-doorstroom", "not-eligible", "R11.1");
    }

    [Fact]
    public void Every_route_id_appears_in_every_plan_in_catalogue_order()
    {
        Assert.Equal(RouteCatalogue.RouteIds, Vmbo("2011-09-01", "bb", 2).RouteIds);
    }

    [Fact]
    public void A_question_about_2011_gets_2011s_rules_and_one_about_2025_gets_todays()
    {
        var then = Vmbo("2011-09-01", "bb", 2);
        var now = Vmbo("2025-09-01", "bb", 2);
        then.IsOpen("vm2");
        Assert.Equal("not-in-force", then.Status("doorlopende-leerroute"));
        Assert.Equal("not-in-force", now.Status("vm2"));
        now.IsOpen("doorlopende-leerroute");
    }
}
