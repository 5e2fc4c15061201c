using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The analyst's dashboard: filters, the indicator table.</summary>
public sealed class MonitorPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/monitor");

    /// <summary>The values a filter offers (its option values, "alle" left out).</summary>
    public async Task<IReadOnlyList<string>> ChoicesAsync(string label)
    {
        var values = await page.Page.GetByLabel(label, new() { Exact = true }).Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        return [.. values.Where(v => v.Length > 0)];
    }

    public async Task FilterAsync(string label, string value)
    {
        await page.Page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(value);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync());
    }

    /// <summary>The population shown for an indicator, as text (a number or "&lt;5").</summary>
    public Task<string> PopulationAsync(Domain.Indicator indicator) =>
        page.Page.Locator($"#populatie-{indicator.ToString().ToLowerInvariant()}").InnerTextAsync();

    public Task<string> SelectionAsync() => page.Page.Locator("#selectie").InnerTextAsync();
}
