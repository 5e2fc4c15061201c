using System.Net;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>The loopbaandossier pages against the demo data (HTTP level): the forms' errors, the parent, the decaan's scope.</summary>
public sealed class LoopbaanPageTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> Post(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(formPage, Cancel);
        var content = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", SiteFactory.Token(html)) };
        using var form = new FormUrlEncodedContent(content);
        return await client.PostAsync(action, form, Cancel);
    }

    private int Entries(int n) => DossierStore.Entries(site.Site.Database, Key(n)).Length;

    private int Events(int n) => new EventStore(site.Site.Database).Stream(Key(n)).Count;

    [Fact]
    public async Task A_form_with_bad_fields_shows_each_error_in_Dutch_and_stores_nothing()
    {
        using var pupil = await site.SignedIn("leerling");
        var (entries, events) = (Entries(1), Events(1));
        using var response = await Post(
            pupil,
            "/mijn-loopbaan",
            "/mijn-loopbaan?handler=activiteit",
            new()
            {
                ["soort"] = "kermis",
                ["datum"] = "2099-01-01",
                ["waar"] = "ZZZZ00",
                ["crebo"] = "",
                ["reflectie"] = new string('x', LoopbaanInvoer.MaxTekst + 1),
            }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Er is niets opgeslagen", html, StringComparison.Ordinal);
        Assert.Contains("Kies een van de activiteiten uit de lijst.", html, StringComparison.Ordinal);
        Assert.Contains("De datum ligt in de toekomst", html, StringComparison.Ordinal);
        Assert.Contains("Kies waar het was", html, StringComparison.Ordinal);
        Assert.Contains("hoogstens 1000 tekens", html, StringComparison.Ordinal);
        Assert.Equal((entries, events), (Entries(1), Events(1)));
    }

    [Fact]
    public async Task A_choice_is_stored_and_shown_with_its_programmes_and_how_sure()
    {
        using var pupil = await site.SignedIn("leerling");
        const string motivation = "Paginatest: ik werk graag buiten met dieren.";
        using var response = await Post(
            pupil,
            "/mijn-loopbaan",
            "/mijn-loopbaan?handler=keuze",
            new()
            {
                ["opleiding"] = "iets met dieren",
                ["motivatie"] = motivation,
                ["zekerheid"] = "redelijk-zeker",
                ["keuzedatum"] = SiteFactory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = WebUtility.HtmlDecode(await pupil.GetStringAsync("/mijn-loopbaan", Cancel));
        Assert.Contains(motivation, html, StringComparison.Ordinal);
        Assert.Contains("iets met dieren", html, StringComparison.Ordinal);
        Assert.Contains("Redelijk zeker", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parent_of_a_pupil_under_16_reads_the_loopbaandossier_without_forms()
    {
        using var parent = await site.SignedIn("ouder");
        var html = WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-loopbaan", Cancel));
        Assert.Contains("Loopbaandossier van je kind", html, StringComparison.Ordinal);
        Assert.Contains("het tekenen op de computer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Activiteit opslaan", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_decaan_reads_and_remarks_a_decaan_of_another_school_gets_404()
    {
        using var decaan = await site.SignedIn("decaan");
        var page = "/leerlingen/" + Key(1) + "/loopbaan";
        var html = WebUtility.HtmlDecode(await decaan.GetStringAsync(page, Cancel));
        Assert.Contains("uit de test kwam zorg en techniek", html, StringComparison.Ordinal);
        Assert.Contains("/leerlingen/" + Key(1) + "/loopbaan", await decaan.GetStringAsync("/leerlingen/" + Key(1), Cancel), StringComparison.Ordinal);

        var entries = Entries(1);
        using (var empty = await Post(decaan, page, page + "?handler=opmerking", new() { ["tekst"] = " ", ["datum"] = "2026-11-30" }))
            Assert.Contains("Schrijf de opmerking.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal(entries, Entries(1));
        using (var stored = await Post(decaan, page, page + "?handler=opmerking", new() { ["tekst"] = "Paginatest: goed bezig.", ["datum"] = "2026-11-30" }))
            Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Equal(entries + 1, Entries(1));

        using var other = await site.SignedIn("decaan2");
        using var response = await other.GetAsync(page, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("DEMO-tekst", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
