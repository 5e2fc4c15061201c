using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The pupil's own loopbaandossier: add an LOB activity with a reflection, and read the dossier in date order.</summary>
public sealed class OwnLoopbaanPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/mijn-loopbaan");

    /// <summary>Fills the activity form (the activity by its name on screen, the date, the place by its code, the reflection) and submits it.</summary>
    public async Task AddActivityAsync(string activity, DateOnly on, string where, string reflection)
    {
        await page.Page.GetByLabel("Wat deed je?").SelectOptionAsync(new SelectOptionValue { Label = activity });
        await page
            .Page.GetByLabel("Datum", new() { Exact = true })
            .First.FillAsync(on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Page.GetByLabel("Waar?").SelectOptionAsync(where);
        await page.Page.GetByLabel("Wat vond je ervan", new() { Exact = false }).FillAsync(reflection);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Activiteit opslaan" }).ClickAsync());
    }

    public Task<string> MessageAsync() => page.Page.Locator("main [role=status], main [role=alert]").First.InnerTextAsync();

    /// <summary>The lines of the loopbaandossier as they read, oldest first.</summary>
    public Task<IReadOnlyList<string>> LinesAsync() => page.Page.Locator("#loopbaandossier > li").AllInnerTextsAsync();
}
