namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The pages issue 14 item 8 made Dutch — the route table, a route with its rule statements, and the planner with its
/// sector list of full profiel names — pass axe-core and fit a 390 px phone, also with the longest profiel chosen.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class RoutesAndSectorsJourney(BrowserSite site)
{
    [Fact]
    public async Task The_route_pages_and_the_planners_sector_list_are_accessible_and_fit_a_phone()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/routes");
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "routes");
        await page.GoAsync("/routes/vakmanschapsroute");
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "route-vakmanschapsroute");

        await page.GoAsync("/planner");
        await page.Page.SelectOptionAsync("#sector", "pie");
        Assert.Equal(
            "Produceren, installeren en energie " + "(PIE)",
            await page.Page.EvalOnSelectorAsync<string>("#sector", "s => s.selectedOptions[0].textContent.trim()")
        );
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "planner-sectorlijst");
        await page.Page.SetViewportSizeAsync(390, 844);
        var right = await page.Page.EvalOnSelectorAsync<double>("#sector", "s => s.getBoundingClientRect().right");
        Assert.True(right <= 390, $"the sector list ends at {right} px on a 390 px screen");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }
}
