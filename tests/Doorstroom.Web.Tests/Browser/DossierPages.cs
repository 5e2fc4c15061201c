using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The mbo's dossier requests: ask for an applicant's dossier and read a category of it.</summary>
public sealed class MboDossierPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/intake/dossierverzoeken");

    /// <summary>Fills the request form (pupil key, purpose, the categories by their names on screen) and submits it.</summary>
    public async Task RequestAsync(string pupil, string purpose, params string[] categories)
    {
        await page.Page.GetByLabel("Leerlingcode van de aanmelder").FillAsync(pupil);
        await page.Page.GetByLabel("Doel", new() { Exact = true }).FillAsync(purpose);
        foreach (var category in categories)
            await page.Page.GetByLabel(category, new() { Exact = true }).CheckAsync();
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Dossier opvragen" }).ClickAsync());
    }

    /// <summary>Follows the "lezen" link of a category of the latest request for the pupil.</summary>
    public async Task ReadAsync(string category, string pupil)
    {
        await OpenAsync();
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Link, new() { Name = $"{category} lezen ({pupil})", Exact = true }).Last.ClickAsync());
    }
}

/// <summary>The pupil's own dossier: consent per institution and category, and the audit trail.</summary>
public sealed class OwnDossierPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/mijn-dossier");

    /// <summary>Presses "Toestemming geven" or "Toestemming intrekken" for a category (by its name on screen).</summary>
    public async Task ConsentAsync(string category, bool give)
    {
        var verb = give ? "Toestemming geven" : "Toestemming intrekken";
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = $"{verb} voor {category} aan" }).ClickAsync());
    }

    /// <summary>The status message after a change (or the refusal).</summary>
    public Task<string> MessageAsync() => page.Page.Locator("main [role=status], main [role=alert]").First.InnerTextAsync();

    /// <summary>Opens the audit trail and returns its rows as text, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AuditAsync()
    {
        await page.GoAsync("/mijn-dossier/logboek");
        return await page.Page.Locator("main tbody tr").AllInnerTextsAsync();
    }
}

/// <summary>The vo school's dossier list (/dossier): the school's pupils with their dossier status, a row per pupil.</summary>
public sealed class SchoolDossiersPage(SitePage page)
{
    public async Task OpenAsync(bool onlyWithDossier = false) => await page.GoAsync(onlyWithDossier ? "/dossier?metdossier=true" : "/dossier");

    /// <summary>The row of a pupil (by the name or key its link shows), as text.</summary>
    public Task<string> RowAsync(string pupil) => Row(pupil).InnerTextAsync();

    /// <summary>The text of a labelled cell ("Onderdelen", "Open verzoeken", "Toestemming") in a pupil's row.</summary>
    public Task<string> CellAsync(string pupil, string label) => Row(pupil).Locator($"td[data-label='{label}']").InnerTextAsync();

    /// <summary>Follows the pupil's link to their dossier.</summary>
    public Task FollowAsync(string pupil) =>
        page.SubmitAsync(() => page.Page.Locator("#dossierlijst").GetByRole(AriaRole.Link, new() { Name = pupil, Exact = true }).ClickAsync());

    private ILocator Row(string pupil) =>
        page.Page.Locator("#dossierlijst tbody tr").Filter(new() { Has = page.Page.GetByRole(AriaRole.Link, new() { Name = pupil, Exact = true }) });
}

/// <summary>The printable AVG export (/mijn-dossier/export), reached from the own dossier.</summary>
public sealed class ExportPage(SitePage page)
{
    /// <summary>Follows the link on /mijn-dossier to the readable export.</summary>
    public async Task OpenFromDossierAsync()
    {
        await page.GoAsync("/mijn-dossier");
        await page.SubmitAsync(() =>
            page.Page.GetByRole(AriaRole.Link, new() { Name = "Alle gegevens om te lezen en af te drukken " + "(AVG-inzage)" }).ClickAsync()
        );
    }

    /// <summary>The section headings, in order.</summary>
    public Task<IReadOnlyList<string>> HeadingsAsync() => page.Page.Locator("main h2").AllInnerTextsAsync();

    /// <summary>The column labels of every table on the page (the headers, which are also each stacked cell's label).</summary>
    public Task<IReadOnlyList<string>> LabelsAsync() => page.Page.Locator("main th[scope=col], main th[scope=row]").AllInnerTextsAsync();

    /// <summary>Whether the print stylesheet hides the menu and the links meant for the screen.</summary>
    public async Task<bool> PrintsWithoutMenuAsync()
    {
        await page.Page.EmulateMediaAsync(new() { Media = Media.Print });
        var hidden = await page.Page.Locator("header.top").IsHiddenAsync() && await page.Page.Locator("main .no-print").First.IsHiddenAsync();
        await page.Page.EmulateMediaAsync(new() { Media = Media.Screen });
        return hidden;
    }
}
