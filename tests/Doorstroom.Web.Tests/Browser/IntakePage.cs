using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The intake officer's applications and the form that records an intake and its outcome.</summary>
public sealed class IntakePage(SitePage page)
{
    public async Task OpenListAsync() => await page.GoAsync("/intake");

    public async Task OpenApplicantAsync(string nameOrKey)
    {
        await page.Page.GetByRole(AriaRole.Link, new() { Name = nameOrKey, Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync("**/intake/*");
    }

    /// <summary>Fills the form: the intake's outcome (positief, twijfel, negatief) and a decision (toegelaten, afgewezen), then submits.</summary>
    public async Task RecordAsync(string outcome, string decision, string? reason = null)
    {
        await page.Page.GetByLabel(outcome, new() { Exact = true }).CheckAsync();
        await page.Page.GetByLabel(decision, new() { Exact = true }).CheckAsync();
        if (reason is not null)
            await page.Page.GetByLabel("Reden van afwijzing").FillAsync(reason);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Vastleggen" }).ClickAsync());
    }
}
