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
        Assert.Contains("<strong>Afgewezen, niets anders</strong> (A10):", row, StringComparison.Ordinal);
        Assert.Contains("Afgewezen en (nog) niet elders toegelaten.", row, StringComparison.Ordinal);
        Assert.Contains("<strong>afgewezen</strong>", row, StringComparison.Ordinal);
        Assert.Contains("synthetisch", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decaan_sees_the_lower_niveau_signal_of_a_gl_pupil_applying_to_niveau_2()
    {
        using var client = await site.SignedIn("decaan");
        var row = await PageText.Row(client, "/leerlingen?examenjaar=2027", Key(4));
        Assert.Contains("<strong>Lager niveau dan gebruikelijk</strong> (A1):", row, StringComparison.Ordinal);
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
        for (var n = 1; n <= 10; n++)
            Assert.DoesNotContain(Key(n), keys);
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
        Assert.Contains("<strong>Afgewezen, niets anders</strong> (A10): Afgewezen en (nog) niet elders toegelaten.", html, StringComparison.Ordinal);
    }

    /// <summary>The keys and status cells of every row of a list page (aantal=500: one page).</summary>
    private static List<(string Key, string Status)> Rows(string html) =>
        [
            .. Regex
                .Matches(html, "<tr data-key=\"([^\"]+)\">.*?<td data-label=\"Status\" class=\"pupil-status\">([^<]*)</td>", RegexOptions.Singleline)
                .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value)),
        ];

    private static int Count(string html, string status) =>
        int.Parse(
            Regex.Match(html, "<li data-status=\"" + status + "\">\\s*<a[^>]*><strong>(\\d+)</strong>").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture
        );

    [Fact]
    public async Task The_not_applied_filter_shows_only_pupils_without_an_application_and_the_counts_stay_whole()
    {
        using var client = await site.SignedIn("decaan");
        var all = await client.GetStringAsync("/leerlingen?examenjaar=2027&aantal=500", TestContext.Current.CancellationToken);
        var html = await client.GetStringAsync("/leerlingen?examenjaar=2027&status=niet-aangemeld&aantal=500", TestContext.Current.CancellationToken);
        var rows = Rows(html);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("niet aangemeld", r.Status));
        Assert.Equal(Rows(all).Where(r => r.Status == "niet aangemeld").Select(r => r.Key).Order(), rows.Select(r => r.Key).Order());
        Assert.Equal(rows.Count, Count(html, "niet-aangemeld"));
        // The counts are those of the whole list, not only of the status chosen.
        foreach (var status in new[] { "aangemeld", "intake-gedaan", "toegelaten", "afgewezen", "niet-aangemeld" })
            Assert.Equal(Rows(all).Count(r => r.Status == status.Replace('-', ' ')), Count(html, status));
        Assert.True(Count(html, "afgewezen") >= 1);
        // The export and print links carry the filter.
        Assert.Contains("status=niet-aangemeld&amp;aantal=500&amp;formaat=xlsx", html, StringComparison.Ordinal);
        Assert.Contains("status=niet-aangemeld&amp;aantal=500&amp;weergave=print", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_pupil_number_and_sort_by_number()
    {
        using var client = await site.SignedIn("decaan");
        var html = await client.GetStringAsync(
            "/leerlingen?examenjaar=2027&zoek=" + Uri.EscapeDataString(Key(6).ToLowerInvariant()),
            TestContext.Current.CancellationToken
        );
        Assert.Equal([Key(6)], Rows(html).Select(r => r.Key));
        var sorted = Rows(await client.GetStringAsync("/leerlingen?examenjaar=2027&sorteer=nummer&aantal=500", TestContext.Current.CancellationToken))
            .Select(r => r.Key)
            .ToList();
        Assert.Equal(sorted.Order(StringComparer.Ordinal), sorted);
    }

    [Fact]
    public async Task Applications_show_the_programme_and_institution_by_name()
    {
        using var client = await site.SignedIn("decaan");
        var row = await PageText.Row(client, "/leerlingen?examenjaar=2027&aantal=500", Key(6));
        var names = Storage.ProgrammeNames.All(site.Site.Database);
        Assert.Contains(names.Values, n => row.Contains(WebUtility.HtmlEncode(n) + " (niveau ", StringComparison.Ordinal));
        var places = DemoData.Places(site.Site.Database);
        Assert.Contains(WebUtility.HtmlEncode(Storage.InstitutionNames.All(site.Site.Database)[places.MboLocations[0]]), row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_download_is_the_filtered_list_for_Dutch_Excel_and_is_audited()
    {
        using var client = await site.SignedIn("decaan");
        var query = "/leerlingen?examenjaar=2027&status=afgewezen&aantal=500";
        var shown = Rows(await client.GetStringAsync(query, TestContext.Current.CancellationToken)).Select(r => r.Key).ToList();
        Assert.NotEmpty(shown);
        using var response = await client.GetAsync(query + "&formaat=csv", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(
            ".csv",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'),
            StringComparison.Ordinal
        );
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Leerlingnummer;Naam;", lines[0], StringComparison.Ordinal);
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(';')[0]));
        var logged = Storage.AuditLog.ForPupil(site.Site.Database, shown[0]).Where(e => e.Actor == "decaan" && e.Purpose == PupilView.SchoolExport);
        Assert.NotEmpty(logged);
    }

    [Fact]
    public async Task The_download_of_another_schools_decaan_holds_none_of_this_schools_pupils()
    {
        using var client = await site.SignedIn("decaan2");
        using var response = await client.GetAsync("/leerlingen?examenjaar=2027&formaat=xlsx", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var keys = MiniExcelLibs
            .MiniExcel.Query(stream, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r["Leerlingnummer"]?.ToString())
            .ToList();
        Assert.Contains(Key(11), keys);
        for (var n = 1; n <= 10; n++)
            Assert.DoesNotContain(Key(n), keys);
        using var intake = await site.SignedIn("intake");
        await PageText.AssertForbidden(intake, await intake.GetAsync("/leerlingen?formaat=csv", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_print_view_shows_the_whole_filtered_list_without_the_form()
    {
        using var client = await site.SignedIn("decaan");
        var paged = await PageText.Keys(client, "/leerlingen?examenjaar=2027&aantal=7", "/leerlingen/");
        var print = await client.GetStringAsync("/leerlingen?examenjaar=2027&aantal=7&weergave=print", TestContext.Current.CancellationToken);
        Assert.Equal(paged, Rows(print).Select(r => r.Key));
        Assert.DoesNotContain("<form method=\"get\" class=\"filters", print, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", print, StringComparison.Ordinal);
        Assert.Contains("Afdrukweergave", print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/leerlingen", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(
            "/account/inloggen",
            response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal),
            StringComparison.Ordinal
        );
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
        string? next = url;
        while (next is not null)
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
        string? next = url;
        while (next is not null)
        {
            var html = await client.GetStringAsync(next, TestContext.Current.CancellationToken);
            foreach (Match row in RowPattern().Matches(html))
                if (row.Value.Contains("/" + key + "\"", StringComparison.Ordinal))
                    return row.Value;
            next = NextLink(html);
        }
        throw new Xunit.Sdk.XunitException($"no row for {key}");
    }

    public static string? NextLink(string html) => NextPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

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

    [GeneratedRegex("<tr[ >].*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">Volgende pagina</a>")]
    private static partial Regex NextPattern();
}
