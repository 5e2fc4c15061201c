using System.Net;

namespace Doorstroom.Web.Tests;

/// <summary>The route table: in force on the date asked, the others apart with why, one route in full.</summary>
public sealed class RoutesPageTests(SiteFactory site)
{
    private static (string InForce, string NotInForce) Split(string html)
    {
        var cut = html.IndexOf("id=\"niet-van-kracht\"", StringComparison.Ordinal);
        Assert.True(cut > 0, "the page has no section of routes not in force");
        var start = html.IndexOf("id=\"van-kracht\"", StringComparison.Ordinal);
        return (html[start..cut], html[cut..]);
    }

    [Fact]
    public async Task A_route_not_yet_in_force_on_an_earlier_date_is_listed_apart_with_its_start_date_and_rule()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/routes?op=2019-01-01", TestContext.Current.CancellationToken));
        var (inForce, notInForce) = Split(html);

        // R9.1: the doorlopende leerroute takes pupils from 1 August 2020.
        Assert.DoesNotContain("id=\"route-doorlopende-leerroute\"", inForce, StringComparison.Ordinal);
        Assert.Contains("id=\"route-doorlopende-leerroute\"", notInForce, StringComparison.Ordinal);
        Assert.Contains(
            "Nog niet van kracht: neemt pas leerlingen op vanaf 1 augustus 2020. <small class=\"rule-ref\">(<a "
                + "href=\"/routes/doorlopende-leerroute#regel-R9.1\"",
            notInForce,
            StringComparison.Ordinal
        );
        // The vakmanschapsroute (R5.1, intake 2014/15 up to 2018/19) was in force then.
        Assert.Contains("id=\"route-vakmanschapsroute\"", inForce, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Today_an_ended_experiment_is_listed_apart_with_the_rule_that_ended_it()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/routes", TestContext.Current.CancellationToken));
        var (inForce, notInForce) = Split(html);

        Assert.Contains("Van kracht op 30 november 2026", html, StringComparison.Ordinal);
        Assert.Contains("id=\"route-vakmanschapsroute\"", notInForce, StringComparison.Ordinal);
        Assert.Contains(
            "Niet meer van kracht: nam leerlingen op tot en met 31 juli 2019. <small class=\"rule-ref\">(<a " + "href=\"/routes/vakmanschapsroute#regel-R5.6\"",
            notInForce,
            StringComparison.Ordinal
        );
        Assert.Contains(">regel R5.6</a>)</small>", notInForce, StringComparison.Ordinal);
        Assert.Contains("id=\"route-normale-route\"", inForce, StringComparison.Ordinal);
        Assert.Equal(site.Site.Catalogue.Routes.Length, CountOf(html, "<tr id=\"route-"));
    }

    [Fact]
    public async Task Each_route_links_its_sources_from_the_catalogue()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/routes", TestContext.Current.CancellationToken));
        var normal = site.Site.Catalogue.FindRoute("normale-route")!;
        foreach (var key in normal.Sources)
        {
            var source = site.Site.Sources.Single(s => s.Key == key);
            Assert.Contains(source.Title, html, StringComparison.Ordinal);
            if (source.Url is { } url)
                Assert.Contains($"href=\"{url}\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/routes")]
    [InlineData("/routes/normale-route")]
    [InlineData("/routes/vakmanschapsroute")]
    public async Task The_route_pages_show_their_sources_in_Dutch(string path)
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(path, TestContext.Current.CancellationToken));
        var lists = System.Text.RegularExpressions.Regex.Matches(
            html,
            "<ul class=\"sources\">.*?</ul>",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        Assert.NotEmpty(lists);
        foreach (var list in lists.Select(m => m.Value))
        {
            foreach (
                var english in new[]
                {
                    "version",
                    "edition",
                    "commit-pinned",
                    "family key",
                    "cited for",
                    "original text",
                    "as amended",
                    "in force",
                    "mirror on",
                    "page diff",
                    "school page",
                }
            )
                Assert.DoesNotContain(english, list, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>English function words that do not occur in Dutch (as in the catalogue's DutchTextTests).</summary>
    private static readonly System.Text.RegularExpressions.Regex English = new(
        @"\b(the|and|must|with|is required|should|which|only|after|before|until|from|may|are|for|not|this|that|there|"
            + @"edition|version|commit-pinned|pinned|source|rule|since|none|unknown|high|medium|low)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase
    );

    [Fact]
    public async Task The_route_pages_show_no_English_text_or_tooltip()
    {
        using var client = site.Anonymous();
        var paths = new[] { "/routes", "/routes?op=2012-01-01" }.Concat(site.Site.Catalogue.Routes.Select(r => "/routes/" + r.Id));
        var offenders = new List<string>();
        foreach (var path in paths)
        {
            var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
            var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
            // What a reader sees or hears: the text between tags and the title tooltips (a rule's statement).
            var titles = System.Text.RegularExpressions.Regex.Matches(main, "title=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
            var text = System.Text.RegularExpressions.Regex.Replace(main, "<[^>]*>", " ");
            foreach (var part in titles.Append(text).Select(t => WebUtility.HtmlDecode(t) ?? ""))
            {
                foreach (System.Text.RegularExpressions.Match m in English.Matches(part))
                    offenders.Add($"{path}: '{m.Value}' in …{part[Math.Max(0, m.Index - 40)..Math.Min(part.Length, m.Index + 40)]}…");
            }
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} English words: " + string.Join("\n", offenders.Take(40)));
    }

    [Fact]
    public async Task A_date_that_is_no_date_gives_a_field_error_and_the_routes_of_today()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/routes?op=31-02-2026", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("class=\"field-error\" id=\"op-fout\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("Van kracht op 30 november 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_page_shows_its_entry_conditions_rules_and_sources_and_an_unknown_route_is_not_found()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/routes/geintegreerde-route", TestContext.Current.CancellationToken));
        var route = site.Site.Catalogue.FindRoute("geintegreerde-route")!;
        Assert.Contains(route.Name, html, StringComparison.Ordinal);
        Assert.Contains(
            "De geïntegreerde route is alleen voor je als je in de basisberoepsgerichte leerweg (bb) zit; ze leidt naar " + "mbo-2.",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("<th scope=\"row\"><small class=\"rule-ref\">(<a href=\"/routes/geintegreerde-route#regel-R9.3\"", html, StringComparison.Ordinal);
        foreach (var rule in route.Rules)
            Assert.Contains($"<th scope=\"row\">{rule}</th>", html, StringComparison.Ordinal);

        using var missing = await client.GetAsync("/routes/bestaat-niet", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    internal static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            n++;
        return n;
    }
}
