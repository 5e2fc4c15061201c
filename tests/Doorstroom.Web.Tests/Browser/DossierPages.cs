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
        foreach (var category in categories) await page.Page.GetByLabel(category, new() { Exact = true }).CheckAsync();
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
