using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Issue 14 items 4 and 5 at HTTP level: the vo school's dossier list with each pupil's status, the consent choice only
/// where one is needed, and the AVG export in Dutch (JSON and a printable page).
/// </summary>
public sealed partial class DossierListAndExportTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DemoPlaces Places => DemoData.Places(site.Site.Database);

    /// <summary>The text of the list row whose link opens the pupil's dossier, or null.</summary>
    private static string? Row(string html, string key) =>
        Rows()
            .Matches(html)
            .Select(m => m.Value)
            .Where(r => r.Contains($"href=\"/dossier/{key}\"", StringComparison.Ordinal))
            .Select(r => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(r, "<[^>]+>", " ")), @"\s+", " ").Replace(" :", ":", StringComparison.Ordinal))
            .FirstOrDefault();

    [Fact]
    public async Task The_vo_zorgcoordinator_sees_each_pupils_entries_released_open_requests_and_consent()
    {
        var database = site.Site.Database;
        var mbo = Places.Mbo;
        // Pupil 10 withdrew consent for verzuim (recorded by a parent) and has an open request; no other test touches pupil 10.
        new EventStore(database).Append(
            [
                PupilDirectory.Record(
                    database,
                    new TransitionEvent(
                        Key(10),
                        SiteFactory.Today.AddDays(-3),
                        EventKind.ToestemmingIngetrokken,
                        Places.MboLocations[0],
                        Detail: DossierRules.Detail(DossierCategory.Verzuim, ConsentBy.Ouder)
                    )
                )!,
            ],
            cancellationToken: Cancel
        );
        DossierStore.AddRequest(
            database,
            new DossierRequest(
                "list-test-open",
                Key(10),
                mbo,
                "test: open verzoek in de lijst",
                [DossierCategory.Advies],
                SiteFactory.Today.AddDays(-1),
                SiteFactory.Today.AddDays(30)
            ),
            "intake"
        );

        using var zorgvo = await site.SignedIn("zorgvo");
        var html = await zorgvo.GetStringAsync("/dossier", Cancel);

        var noor = Row(html, Key(3));
        Assert.NotNull(noor);
        Assert.Contains("Noor Bakker", noor, StringComparison.Ordinal);
        Assert.Matches(@"\d+ onderdelen, (alle|\d+) vrijgegeven", noor);
        var julia = Row(html, Key(10));
        Assert.NotNull(julia);
        Assert.True(julia.Contains("nog leeg", StringComparison.Ordinal), julia);
        Assert.Contains(InstitutionNames.Of(database, mbo), julia, StringComparison.Ordinal);
        Assert.Contains("Verzuim: ingetrokken", julia, StringComparison.Ordinal);
        var sanne = Row(html, Key(1));
        Assert.NotNull(sanne);
        Assert.Contains("geen keuze vastgelegd", sanne, StringComparison.Ordinal);
        // Stacked on a phone: every data cell carries its column's name.
        Assert.Contains("<table class=\"stack\"", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"Toestemming\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dossier_list_shows_only_the_own_schools_pupils_and_logs_the_read()
    {
        using var zorgvo = await site.SignedIn("zorgvo");
        var own = await zorgvo.GetStringAsync("/dossier", Cancel);
        Assert.NotNull(Row(own, Key(3)));
        Assert.Null(Row(own, Key(11))); // pupil 11 is at the other school

        using var other = await site.SignedIn("decaan2");
        var theirs = await other.GetStringAsync("/dossier", Cancel);
        Assert.NotNull(Row(theirs, Key(11)));
        Assert.Null(Row(theirs, Key(3)));
        Assert.DoesNotContain("Noor Bakker", theirs, StringComparison.Ordinal);

        Assert.Contains(AuditLog.ForPupil(site.Site.Database, Key(3)), e =>
            e.Action == ReadLog.Action && e.Purpose == PupilView.DossierList && e.Actor == "zorgvo"
        );
    }

    [Fact]
    public async Task The_filter_keeps_only_pupils_with_a_dossier_request_or_consent()
    {
        using var zorgvo = await site.SignedIn("zorgvo");
        var all = await zorgvo.GetStringAsync("/dossier", Cancel);
        var html = await zorgvo.GetStringAsync("/dossier?metdossier=true", Cancel);
        Assert.NotNull(Row(html, Key(3)));
        // A pupil the full list shows with nothing in the dossier, no request and no consent is not in the filtered one.
        var empty = Rows().Matches(all).Select(m => m.Value).First(Empty);
        var emptyKey = Regex.Match(empty, "href=\"/dossier/([^\"]+)\"").Groups[1].Value;
        Assert.NotNull(Row(all, emptyKey));
        Assert.Null(Row(html, emptyKey));
        var rows = Rows().Matches(html).Select(m => m.Value).Where(r => r.Contains("href=\"/dossier/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, Empty);

        static bool Empty(string row) =>
            row.Contains("href=\"/dossier/", StringComparison.Ordinal)
            && row.Contains("nog leeg", StringComparison.Ordinal)
            && row.Contains("geen keuze vastgelegd", StringComparison.Ordinal)
            && Regex.IsMatch(row, "data-label=\"Open verzoeken\">\\s*<span class=\"muted\">geen</span>");
    }

    [Fact]
    public async Task The_pupil_code_box_still_opens_a_dossier_and_names_an_unknown_code()
    {
        using var zorgvo = await site.SignedIn("zorgvo");
        using (var found = await zorgvo.GetAsync("/dossier?leerling=" + Key(3), Cancel))
        {
            Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
            Assert.Equal("/dossier/" + Key(3), found.Headers.Location?.OriginalString);
        }
        var unknown = WebUtility.HtmlDecode(await zorgvo.GetStringAsync("/dossier?leerling=" + Key(11), Cancel));
        Assert.Contains("Er is geen leerling met die code op uw school.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mijn_dossier_offers_a_consent_choice_only_for_care_and_explains_the_others_in_one_line()
    {
        using var pupil = await site.SignedIn("leerling16");
        var page = WebUtility.HtmlDecode(Regex.Replace(await pupil.GetStringAsync("/mijn-dossier", Cancel), "<[^>]+>", ""));
        Assert.Matches("Toestemming (geven|intrekken) voor Zorg en ondersteuning aan", page);
        foreach (var other in new[] { "Administratieve gegevens", "Leerresultaten", "Begeleiding", "Verzuim", "Loopbaan (LOB)", "Advies" })
            Assert.DoesNotContain($"voor {other} aan", page, StringComparison.Ordinal);
        const string line =
            "Je administratieve gegevens, leerresultaten, begeleiding, verzuim, loopbaan (LOB) en advies gaan sinds 1 augustus 2020 zonder "
            + "toestemming mee";
        Assert.Single(Regex.Matches(page, Regex.Escape(line)));

        using var parent = await site.SignedIn("ouder");
        var parentPage = WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-dossier", Cancel));
        Assert.Contains(
            "De administratieve gegevens, leerresultaten, begeleiding, verzuim, loopbaan (LOB) en advies van je kind gaan sinds 1 augustus 2020 "
                + "zonder toestemming mee",
            parentPage,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("voor Leerresultaten aan", parentPage, StringComparison.Ordinal);
    }

    private static readonly string[] DutchFields =
    [
        "leerlingcode",
        "gemaaktOp",
        "toelichting",
        "persoonsgegevens",
        "voornaam",
        "achternaam",
        "e-mailadres",
        "telefoon",
        "dossier",
        "datum",
        "categorie",
        "soort",
        "tekst",
        "geschrevenDoor",
        "school",
        "vrijgegeven",
        "toestemmingen",
        "instelling",
        "stand",
        "door",
        "verzoeken",
        "gevraagdOp",
        "doel",
        "categorieën",
        "geldigTotEnMet",
        "gebeurtenissen",
        "wat",
        "waar",
        "opleiding",
        "logboek",
        "wanneer",
        "wie",
        "account",
        "uitkomst",
        "regel",
    ];

    /// <summary>Signs in as <paramref name="account"/>, gets <paramref name="url"/>, checks 200 and returns the body.</summary>
    private async Task<string> Ok(string account, string url)
    {
        using var client = await site.SignedIn(account);
        using var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static IEnumerable<string> FieldNames(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => FieldNames(p.Value).Prepend(p.Name)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(FieldNames),
            _ => [],
        };

    [Fact]
    public async Task The_AVG_download_has_Dutch_field_names_and_Dutch_words_for_categories_and_kinds()
    {
        var text = await Ok("leerling16", "/mijn-dossier?handler=export");
        using var json = JsonDocument.Parse(text);
        var names = FieldNames(json.RootElement).Distinct().ToList();
        Assert.Empty(names.Except(DutchFields));
        Assert.Equal(Key(3), json.RootElement.GetProperty("leerlingcode").GetString());
        var dossier = json.RootElement.GetProperty("dossier").EnumerateArray().ToList();
        Assert.Contains(dossier, e => e.GetProperty("soort").GetString() == "warme overdracht" && e.GetProperty("categorie").GetString() == "Begeleiding");
        Assert.Contains(dossier, e => e.GetProperty("categorie").GetString() == "Zorg en ondersteuning");
        Assert.Contains("Noor", text, StringComparison.Ordinal);
        // ë and é (U+00C0–U+00FF) as letters, not escapes; '<', '>' and '&' a pupil typed stay escaped (\u003C), as is safe.
        Assert.DoesNotMatch(@"\\u00[C-Fc-f][0-9A-Fa-f]", text);
    }

    [Fact]
    public async Task A_parent_reads_the_printable_export_with_Dutch_labels_and_no_English_field_names()
    {
        var html = await Ok("ouder", "/mijn-dossier/export");
        var main = WebUtility.HtmlDecode(
            Regex.Replace(html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)], "<[^>]+>", " ")
        );
        foreach (
            var label in new[]
            {
                "Alle gegevens over Daan Jansen",
                "Persoonsgegevens",
                "Wat de school in het overstapdossier zette",
                "Toestemmingen",
                "Verzoeken van mbo-instellingen",
                "Schoolloopbaan",
                "Logboek",
                "Gaat mee bij een verzoek",
                "dyslexie",
                "Zorg en ondersteuning",
            }
        )
            Assert.Contains(label, main, StringComparison.Ordinal);
        foreach (
            var english in new[] { "pupil", "category", "released", "personal", "events", "requests", "audit", "purpose", "outcome", "institution", "body" }
        )
            Assert.DoesNotMatch(new Regex($"\\b{english}\\b", RegexOptions.IgnoreCase), main);
        Assert.Contains("href=\"/mijn-dossier?handler=export\"", html, StringComparison.Ordinal);
        Assert.Contains(AuditLog.ForPupil(site.Site.Database, Key(2)), e => e.Action == "export" && e.Role == Roles.Ouder);
    }

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();
}
