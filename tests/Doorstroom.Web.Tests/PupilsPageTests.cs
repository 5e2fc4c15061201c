using System.Net;
using System.Text.RegularExpressions;

namespace Doorstroom.Web.Tests;

/// <summary>The decaan's pupil list and timeline against the demo data at the stopped clock (current exam year 2027).</summary>
public sealed class PupilsPageTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    [Fact]
    public async Task The_list_defaults_to_the_current_exam_year()
    {
        using var client = await site.SignedIn("decaan");
        var html = await client.GetStringAsync("/leerlingen", TestContext.Current.CancellationToken);
        Assert.Equal(2027, DemoData.CurrentExamYear(SiteFactory.Today));
        Assert.Contains("<option value=\"2027\" selected=\"selected\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decaan_sees_the_refusal_signal_of_a_refused_pupil_with_its_rule()
    {
        using var client = await site.SignedIn("decaan");
        var row = await PageText.Row(client, "/leerlingen?examenjaar=2027", Key(6));
        Assert.Contains("Signaal A10:", row, StringComparison.Ordinal);
        Assert.Contains("Afgewezen en (nog) niet elders toegelaten.", row, StringComparison.Ordinal);
        Assert.Contains("<strong>afgewezen</strong>", row, StringComparison.Ordinal);
        Assert.Contains("synthetisch", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decaan_sees_the_lower_niveau_signal_of_a_gl_pupil_applying_to_niveau_2()
    {
        using var client = await site.SignedIn("decaan");
        var row = await PageText.Row(client, "/leerlingen?examenjaar=2027", Key(4));
        Assert.Contains("Signaal A1:", row, StringComparison.Ordinal);
        Assert.Contains("Aangemeld voor niveau 2, lager dan gebruikelijk na gl (niveau 4).", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signal_filter_leaves_out_an_admitted_pupil_and_keeps_a_refused_one()
    {
        using var client = await site.SignedIn("decaan");
        var keys = await PageText.Keys(client, "/leerlingen?examenjaar=2027&signaal=true&aantal=500", "/leerlingen/");
        Assert.Contains(Key(6), keys);
        Assert.DoesNotContain(Key(5), keys);
        var all = await PageText.Keys(client, "/leerlingen?examenjaar=2027&aantal=500", "/leerlingen/");
        Assert.Contains(Key(5), all);
    }

    [Fact]
    public async Task A_decaan_sees_no_pupil_of_another_school_and_its_timeline_is_not_found()
    {
        using var client = await site.SignedIn("decaan");
        var keys = await PageText.Keys(client, "/leerlingen?examenjaar=2027&aantal=500", "/leerlingen/");
        Assert.Contains(Key(1), keys);
        Assert.DoesNotContain(Key(11), keys);
        using var response = await client.GetAsync("/leerlingen/" + Key(11), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_decaan_of_another_school_sees_none_of_the_demo_schools_pupils()
    {
        using var client = await site.SignedIn("decaan2");
        var keys = await PageText.Keys(client, "/leerlingen?examenjaar=2027&aantal=500", "/leerlingen/");
        Assert.Contains(Key(11), keys);
        for (var n = 1; n <= 10; n++) Assert.DoesNotContain(Key(n), keys);
        using var response = await client.GetAsync("/leerlingen/" + Key(6), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Keyset_paging_shows_every_pupil_once()
    {
        using var client = await site.SignedIn("decaan");
        var whole = await PageText.Keys(client, "/leerlingen?examenjaar=2027&aantal=500", "/leerlingen/");
        var paged = new List<string>();
        string? url = "/leerlingen?examenjaar=2027&aantal=7";
        var pages = 0;
        while (url is not null)
        {
            var html = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
            paged.AddRange(PageText.KeysIn(html, "/leerlingen/"));
            url = PageText.NextLink(html);
            pages++;
        }
        Assert.True(pages > 1);
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task The_timeline_tells_the_refused_pupils_story_with_where_and_the_signal()
    {
        using var client = await site.SignedIn("decaan");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/leerlingen/" + Key(6), TestContext.Current.CancellationToken));
        var names = Storage.InstitutionNames.All(site.Site.Database);
        var places = DemoData.Places(site.Site.Database);
        Assert.Contains("Bevorderd naar leerjaar 4", html, StringComparison.Ordinal);
        Assert.Contains("Intakegesprek gehouden, uitkomst: twijfel", html, StringComparison.Ordinal);
        Assert.Contains("Afgewezen, reden: opleiding vol", html, StringComparison.Ordinal);
        Assert.Contains(names[places.MboLocations[0]], html, StringComparison.Ordinal);
        Assert.Contains(names[places.School], html, StringComparison.Ordinal);
        Assert.Contains("Signaal A10:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/leerlingen", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/inloggen", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_intake_officer_has_no_access_to_the_pupil_list()
    {
        using var client = await site.SignedIn("intake");
        await PageText.AssertForbidden(client, await client.GetAsync("/leerlingen", TestContext.Current.CancellationToken));
    }
}

/// <summary>Reading the pages' HTML in tests: rows, links to pupils, the next-page link, a refusal.</summary>
internal static partial class PageText
{
    /// <summary>The pupil keys linked under <paramref name="prefix"/>, in page order.</summary>
    public static List<string> KeysIn(string html, string prefix) =>
        [.. Regex.Matches(html, "href=\"" + Regex.Escape(prefix) + "([^\"/?]+)\"").Select(m => Uri.UnescapeDataString(m.Groups[1].Value))];

    /// <summary>The keys on every page of a list, following "Volgende pagina".</summary>
    public static async Task<List<string>> Keys(HttpClient client, string url, string prefix)
    {
        var keys = new List<string>();
        for (string? next = url; next is not null;)
        {
            var html = await client.GetStringAsync(next, TestContext.Current.CancellationToken);
            keys.AddRange(KeysIn(html, prefix));
            next = NextLink(html);
        }
        return keys;
    }

    /// <summary>The table row of a pupil, searching every page of a list.</summary>
    public static async Task<string> Row(HttpClient client, string url, string key)
    {
        for (string? next = url; next is not null;)
        {
            var html = await client.GetStringAsync(next, TestContext.Current.CancellationToken);
            foreach (Match row in RowPattern().Matches(html))
                if (row.Value.Contains("/" + key + "\"", StringComparison.Ordinal)) return row.Value;
            next = NextLink(html);
        }
        throw new Xunit.Sdk.XunitException($"no row for {key}");
    }

    public static string? NextLink(string html) =>
        NextPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>A refusal: the sign-in's access-denied page, which answers 403.</summary>
    public static async Task AssertForbidden(HttpClient client, HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal);
            Assert.StartsWith("/account/geen-toegang", location, StringComparison.Ordinal);
            using var denied = await client.GetAsync(location, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
    }

    /// <summary>The status of the applications on a timeline, in order.</summary>
    public static List<string> Statuses(string html) =>
        [.. Regex.Matches(html, "<td class=\"application-status\"[^>]*>([^<]*)</td>").Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">Volgende pagina</a>")]
    private static partial Regex NextPattern();
}
