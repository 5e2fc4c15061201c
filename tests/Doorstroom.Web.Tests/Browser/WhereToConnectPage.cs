using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>Where to connect (/verbindingen/waar): the choice of a school or institution, the flows table and the map.</summary>
public sealed class WhereToConnectPage(SitePage page)
{
    /// <summary>Follows the home page's card "Waar verbinden?".</summary>
    public async Task OpenFromHomeAsync()
    {
        await page.GoAsync("/");
        await page.SubmitAsync(() => page.Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Waar verbinden?" }).ClickAsync());
    }

    /// <summary>Chooses a vmbo vestiging by its code and shows it.</summary>
    public async Task ChooseSchoolAsync(string brin6)
    {
        await page.Page.GetByLabel("Vmbo-vestiging", new() { Exact = true }).SelectOptionAsync(brin6);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Toon vestiging" }).ClickAsync());
    }

    /// <summary>The map: the SVG image in the section "Kaart".</summary>
    public ILocator Map => page.Page.Locator("#kaart svg[role='img']");

    /// <summary>The accessible name of the map (its title).</summary>
    public Task<string?> MapTitleAsync() => page.Page.Locator("#kaart-svg-titel").TextContentAsync();

    /// <summary>The tooltips of the map's highlighted points (the subject).</summary>
    public Task<string[]> HighlightedAsync() => Map.Locator("circle[r='7'] > title").EvaluateAllAsync<string[]>("ts => ts.map(t => t.textContent)");

    /// <summary>The tooltips of the map's flow lines.</summary>
    public Task<string[]> LinesAsync() => Map.Locator("line > title").EvaluateAllAsync<string[]>("ts => ts.map(t => t.textContent)");

    /// <summary>The partner names in the flows table.</summary>
    public Task<string[]> PartnersAsync() =>
        page.Page.Locator("#tabel-partners tbody th").EvaluateAllAsync<string[]>("hs => hs.map(h => h.textContent.trim())");

    /// <summary>The rows of the table behind the map.</summary>
    public Task<int> MapTableRowsAsync() => page.Page.Locator("#tabel-kaart tbody tr").CountAsync();
}
