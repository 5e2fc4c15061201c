using System.Net;

namespace Doorstroom.Web.Tests;

/// <summary>The planner's what-if form: open routes, closed ones with the catalogue's reasons, pathways in time, Dutch field errors.</summary>
public sealed class PlannerPageTests(SiteFactory site)
{
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start > 0, $"the page has no section {id}");
        var end = html.IndexOf("<h3", start + 1, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    [Fact]
    public async Task A_bb_pupil_in_leerjaar_4_has_the_normal_route_to_niveau_2_open_and_the_integrated_route_closed_because_it_begins_in_leerjaar_3()
    {
        // Rulebook C28: a bb pupil in leerjaar 4; the geïntegreerde route starts in year 3 (R9.3), the normal route leads to mbo-2 (A1).
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(
            await client.GetStringAsync(
                "/planner?op=2026-11-30&school=vmbo&leerweg=bb&leerjaar=4&geboortedatum=2010-05-14&doel=startkwalificatie",
                TestContext.Current.CancellationToken
            )
        );

        var open = Section(html, "open-routes");
        Assert.Contains("data-route=\"normale-route\"", open, StringComparison.Ordinal);
        var closed = Section(html, "dichte-routes");
        Assert.Contains("data-route=\"geintegreerde-route\"", closed, StringComparison.Ordinal);
        Assert.Contains(
            "De geïntegreerde route begint in leerjaar 3: je kunt er alleen in als je niet verder bent dan leerjaar 3 (instromen in leerjaar 4 "
                + "is niet beschreven; niet zeker).",
            closed,
            StringComparison.Ordinal
        );
        Assert.Contains("data-route=\"havo-doorstroom\"", closed, StringComparison.Ordinal);
        Assert.Contains("Naar havo 4 doorstromen kan alleen met een gl- of tl-diploma (of als je nu in gl of tl zit).", closed, StringComparison.Ordinal);

        var pathways = Section(html, "paden");
        Assert.Contains("<td>mbo niveau 2", pathways, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>mbo niveau 4", pathways[..pathways.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", pathways, StringComparison.Ordinal);
        // L1/L2: born 14 May 2010 — full leerplicht to the end of the school year of the 16th birthday has passed; kwalificatieplicht to 18.
        Assert.Contains("Kwalificatieplicht tot <strong>14 mei 2028</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Volledige leerplicht eindigt op <strong>31 juli 2026</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reason_shows_its_rule_as_a_small_reference_after_the_sentence_linking_to_the_rule_on_the_route_page()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(
            await client.GetStringAsync("/planner?op=2026-11-30&school=vmbo&leerweg=bb&leerjaar=4", TestContext.Current.CancellationToken)
        );

        var closed = Section(html, "dichte-routes");
        var reason = "instromen in leerjaar 4 is niet beschreven; niet zeker).";
        Assert.Contains(
            reason + " <small class=\"rule-ref\">(<a href=\"/routes/geintegreerde-route#regel-R9.3\" title=\"Regel R9.3 van het " + "regelboek: ",
            closed,
            StringComparison.Ordinal
        );
        // The rule is uncertain (confidence low): said in words, not in colour.
        Assert.Contains(">regel R9.3</a>, onzeker)</small>", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("(R9.3)", closed, StringComparison.Ordinal);

        var route = WebUtility.HtmlDecode(await client.GetStringAsync("/routes/geintegreerde-route", TestContext.Current.CancellationToken));
        Assert.Contains("<tr id=\"regel-R9.3\">", route, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_note_speaks_to_the_pupil_and_names_its_rule_apart()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planner?op=2026-11-30&school=vmbo&leerjaar=4", TestContext.Current.CancellationToken));

        Assert.Contains(
            "<strong>Let op:</strong> Je leerweg is niet opgegeven (die kies je aan het eind van leerjaar 2): paden die van je leerweg afhangen, "
                + "ontbreken. <small class=\"rule-ref\">(",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("regel V2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_draws_one_bar_per_step_of_every_pathway_listed_in_the_table()
    {
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/planner?op=2026-11-30&school=vmbo&leerweg=kb&leerjaar=4", TestContext.Current.CancellationToken);
        var svgStart = html.IndexOf("<svg", StringComparison.Ordinal);
        var svg = html[svgStart..(html.IndexOf("</svg>", svgStart, StringComparison.Ordinal) + 6)];
        var table = html[html.IndexOf("class=\"pathway-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = RoutesPageTests.CountOf(table, "<tr>") - 1; // minus the header row
        Assert.True(rows > 0);
        Assert.Equal(rows, RoutesPageTests.CountOf(svg, "class=\"step\""));
        Assert.Contains(">2026/27</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_that_is_no_date_gives_a_Dutch_error_next_to_the_field_and_no_plan()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/planner?op=2026-13-45&school=vmbo&leerweg=bb", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("<p class=\"field-error\" id=\"op-fout\">'2026-13-45' is geen datum; vul een datum in als jjjj-mm-dd", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"op-fout\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"open-routes\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("school=vmbo&leerweg=bol", "leerweg", "Kies bij vmbo een vmbo-leerweg")]
    [InlineData("school=vmbo&leerjaar=7", "leerjaar", "Leerjaar 7 bestaat niet in het vmbo")]
    [InlineData("school=vmbo&niveau=2", "niveau", "Een niveau hoort bij een leerling in het mbo")]
    [InlineData("school=vmbo&geboortedatum=2027-01-01", "geboortedatum", "De geboortedatum moet vóór de datum van de vraag liggen")]
    [InlineData("school=school-x", "school", "De planner kent geen schooltype 'school-x'; kies er een uit de lijst.")]
    [InlineData("school=vmbo&doel=x", "doel", "De planner kent geen doel 'x'")]
    [InlineData("school=vmbo&diploma=vmbo-xx", "diploma", "'vmbo-xx' is geen diploma")]
    public async Task A_situation_the_pupil_contract_refuses_gives_a_Dutch_error_at_its_field(string query, string field, string message)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/planner?op=2026-11-30&" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var at = html.IndexOf($"id=\"{field}", StringComparison.Ordinal);
        Assert.True(at > 0);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"open-routes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_empty_form_asks_nothing_and_shows_no_plan()
    {
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/planner", TestContext.Current.CancellationToken);
        Assert.Contains("<form method=\"get\" action=\"/planner#resultaten\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-11-30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("field-error", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"open-routes\"", html, StringComparison.Ordinal);
    }
}
