using System.Text.RegularExpressions;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// Issue 14 items 4 and 5 in a real browser: the vo zorgcoördinator's list of the school's pupils with their dossier status,
/// and a parent's readable, printable export. Each page passes axe-core and fits a 390 px phone.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class DossierListJourney(BrowserSite site)
{
    private const string Noor = "Noor Bakker",
        Daan = "Daan Jansen";

    [Fact]
    public async Task The_vo_zorgcoordinator_sees_the_schools_pupils_with_their_dossier_status_and_follows_a_row()
    {
        Chromium.Require();
        // An open request to show: the demo mbo asks for Noor's dossier (she applied there).
        var intake = await SitePage.OpenAsync(site, "/account/inloggen");
        await intake.SignInAsync("intake");
        var mbo = new MboDossierPage(intake);
        await mbo.OpenAsync();
        await mbo.RequestAsync("DEMO-2027-03", "Kennismaking plannen met de studieloopbaanbegeleider", "Advies");

        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("zorgvo");
        var list = new SchoolDossiersPage(page);
        await list.OpenAsync();
        Assert.Equal("Overstapdossiers van uw school", await page.HeadingAsync());
        Assert.Matches(EntriesText(), await list.CellAsync(Noor, "Onderdelen"));
        var requests = (await list.CellAsync(Noor, "Open verzoeken")).Trim();
        Assert.False(requests is "" or "geen", $"Noor's open request is not shown: '{requests}'");
        Assert.Matches(EntriesText(), await list.CellAsync(Daan, "Onderdelen"));
        // Sanne's dossier holds her loopbaan texts (the demo's); Sem's is empty.
        Assert.Matches(EntriesText(), await list.CellAsync("Sanne de Vries", "Onderdelen"));
        Assert.Equal("nog leeg", (await list.CellAsync("Sem Visser", "Onderdelen")).Trim());
        var consent = await list.CellAsync(Noor, "Toestemming");
        Assert.True(
            consent.Contains("geen keuze vastgelegd", StringComparison.Ordinal) || consent.Contains("Zorg en ondersteuning:", StringComparison.Ordinal),
            consent
        );
        Assert.DoesNotContain("Levi Peters", await page.MainTextAsync(), StringComparison.Ordinal); // a pupil of the other school
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "dossierlijst");
        await page.ShootAsync("dossierlijst");

        await list.OpenAsync(onlyWithDossier: true);
        Assert.DoesNotContain("Sem Visser", await page.MainTextAsync(), StringComparison.Ordinal);
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "dossierlijst-met-dossier");

        await list.FollowAsync(Noor);
        Assert.EndsWith("/dossier/DEMO-2027-03", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal("Overstapdossier van " + Noor, await page.HeadingAsync());
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
        Assert.True(intake.Errors.Count == 0, string.Join("; ", intake.Errors));
    }

    [Fact]
    public async Task A_parent_opens_the_printable_export_in_Dutch_without_English_field_names()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("ouder");
        var export = new ExportPage(page);
        await export.OpenFromDossierAsync();
        Assert.EndsWith("/mijn-dossier/export", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal("Alle gegevens over " + Daan, await page.HeadingAsync());
        Assert.Equal(
            [
                "Persoonsgegevens",
                "Wat de school in het overstapdossier zette",
                "Toestemmingen",
                "Verzoeken van mbo-instellingen",
                "Schoolloopbaan",
                "Logboek: wie deed wat met de gegevens",
            ],
            await export.HeadingsAsync()
        );
        var labels = await export.LabelsAsync();
        foreach (var label in new[] { "Leerlingcode", "Voornaam", "Datum", "Onderdeel", "Gaat mee bij een verzoek", "Wat er gebeurde", "Wanneer", "Uitkomst" })
            Assert.Contains(label, labels);
        var text = await page.MainTextAsync();
        Assert.Contains("dyslexie", text, StringComparison.Ordinal);
        Assert.Contains("Zorg en ondersteuning", text, StringComparison.Ordinal);
        foreach (
            var english in new[] { "pupil", "category", "released", "personal", "events", "requests", "audit", "purpose", "outcome", "institution", "body" }
        )
            Assert.DoesNotMatch(new Regex($"\\b{english}\\b", RegexOptions.IgnoreCase), text);
        Assert.True(await export.PrintsWithoutMenuAsync(), "printing still shows the menu or the screen-only links");
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "mijn-gegevens");
        await page.ShootAsync("mijn-gegevens-ouder");

        // The consent section on /mijn-dossier offers only care, and says the rest in one line.
        await page.GoAsync("/mijn-dossier");
        var dossier = await page.MainTextAsync();
        Assert.Contains("van je kind gaan sinds 1 augustus 2020 zonder toestemming mee", dossier, StringComparison.Ordinal);
        Assert.DoesNotContain("voor Leerresultaten aan", dossier, StringComparison.Ordinal);
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "mijn-dossier-ouder-toestemming");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    [GeneratedRegex(@"^\d+ onderdel(en|), (alle |\d+ |niet )?vrijgegeven$")]
    private static partial Regex EntriesText();
}
