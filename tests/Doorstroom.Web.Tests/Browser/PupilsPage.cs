namespace Doorstroom.Web.Tests.Browser;

/// <summary>The decaan's list of pupils and a pupil's timeline.</summary>
public sealed class PupilsPage(SitePage page)
{
    public async Task OpenListAsync() => await page.GoAsync("/leerlingen");

    /// <summary>Follows the link of the pupil with this name or key in the list.</summary>
    public async Task OpenPupilAsync(string nameOrKey)
    {
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = nameOrKey, Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync("**/leerlingen/*");
    }

    /// <summary>The texts of the timeline's entries, in order.</summary>
    /// <summary>From the pupil's page, opens the planner filled in for that pupil.</summary>
    public Task PlanForPupilAsync() => page.SubmitAsync(() => page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Plan voor deze leerling" }).ClickAsync());

    public Task<IReadOnlyList<string>> TimelineAsync() => page.Page.Locator("ol.timeline > li").AllInnerTextsAsync();
}
