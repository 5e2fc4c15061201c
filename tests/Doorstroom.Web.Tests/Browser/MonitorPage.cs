using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The analyst's dashboard: filters, the indicator table, the charts and the flow table.</summary>
public sealed class MonitorPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/monitor");

    /// <summary>The values a filter offers (its option values, "alle" left out).</summary>
    public async Task<IReadOnlyList<string>> ChoicesAsync(string label)
    {
        var values = await page.Page.GetByLabel(label, new() { Exact = true }).Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        return [.. values.Where(v => v.Length > 0)];
    }

    /// <summary>What a filter's options read (their text, "alle" left out).</summary>
    public async Task<IReadOnlyList<string>> ChoiceTextsAsync(string label)
    {
        var texts = await page
            .Page.GetByLabel(label, new() { Exact = true })
            .Locator("option")
            .EvaluateAllAsync<string[]>("os => os.filter(o => " + "o.value).map(o => o.textContent.trim())");
        return texts;
    }

    public async Task FilterAsync(string label, string value)
    {
        await page.Page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(value);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync());
    }

    /// <summary>Chooses the indicator shown in detail.</summary>
    public async Task DetailAsync(Domain.Indicator indicator)
    {
        await page.Page.GetByLabel("Indicator in detail", new() { Exact = true }).SelectOptionAsync(indicator.ToString());
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync());
    }

    /// <summary>The population shown for an indicator, as text (a number or "&lt;5").</summary>
    public Task<string> PopulationAsync(Domain.Indicator indicator) =>
        page.Page.Locator($"#populatie-{indicator.ToString().ToLowerInvariant()}").InnerTextAsync();

    /// <summary>The percentage shown for an indicator, as text ("12,3 %", "–" or "nog niet af te lezen").</summary>
    public Task<string> PercentageAsync(Domain.Indicator indicator) =>
        page.Page.Locator($"#percentage-{indicator.ToString().ToLowerInvariant()}").InnerTextAsync();

    public Task<string> SelectionAsync() => page.Page.Locator("#selectie").InnerTextAsync();

    /// <summary>The text of the trend table (per route and cohort).</summary>
    public Task<string> TrendTableAsync() => page.Page.Locator("#tabel-trend").InnerTextAsync();

    /// <summary>The labels of the Sankey's nodes, left column then right ("name (count)").</summary>
    public async Task<(IReadOnlyList<string> Left, IReadOnlyList<string> Right)> SankeyLabelsAsync()
    {
        var texts = await page
            .Page.Locator("#grafiek-stroom-titel")
            .Locator("xpath=..")
            .Locator("text")
            .EvaluateAllAsync<string[][]>("ts => ts.map(t => [t.getAttribute('text-anchor') ?? '', t.textContent ?? ''])");
        var left = texts.Where(t => t[0] == "end").Select(t => t[1]).ToList();
        var right = texts.Where(t => t[0] == "start").Select(t => t[1]).ToList();
        return (left, right);
    }

    /// <summary>The line written on the Sankey under the diagram (the total and what "overige stromen" holds).</summary>
    public Task<string> SankeyNoteAsync() => page.Page.Locator("#grafiek-stroom-titel").Locator("xpath=..").Locator("text.note").TextContentAsync()!;

    /// <summary>The flow table's total, as text.</summary>
    public Task<string> FlowTotalAsync() => page.Page.Locator("#totaal-stromen td").InnerTextAsync();
}
