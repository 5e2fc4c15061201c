using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The decaan's list of pupils and a pupil's timeline.</summary>
public sealed class PupilsPage(SitePage page)
{
    public async Task OpenListAsync() => await page.GoAsync("/leerlingen");

    /// <summary>Follows the link of the pupil with this name or key in the list.</summary>
    public async Task OpenPupilAsync(string nameOrKey)
    {
        await page.Page.GetByRole(AriaRole.Link, new() { Name = nameOrKey, Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync("**/leerlingen/*");
    }

    /// <summary>The texts of the timeline's entries, in order.</summary>
    /// <summary>From the pupil's page, opens the planner filled in for that pupil.</summary>
    public Task PlanForPupilAsync() =>
        page.SubmitAsync(() => page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Plan voor deze leerling" }).ClickAsync());

    public Task<IReadOnlyList<string>> TimelineAsync() => page.Page.Locator("ol.timeline > li").AllInnerTextsAsync();

    /// <summary>Chooses a status in the filter form ("nog niet aangemeld", "afgewezen", …) and shows the list.</summary>
    public async Task FilterStatusAsync(string status)
    {
        await page.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = status });
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync());
    }

    /// <summary>The number the counts at the top show for a status (its query value, e.g. "niet-aangemeld").</summary>
    public async Task<int> CountAsync(string status) =>
        int.Parse(
            (await page.Page.Locator($"ul.counts li[data-status='{status}'] strong").InnerTextAsync()).Replace(".", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture
        );

    /// <summary>The pupil numbers and status cells of the rows on this page, in order.</summary>
    public async Task<List<(string Key, string Status)>> RowsAsync()
    {
        var rows = page.Page.Locator("table#leerlingen tbody tr");
        var result = new List<(string, string)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
            result.Add((await rows.Nth(i).GetAttributeAsync("data-key") ?? "", (await rows.Nth(i).Locator("td.pupil-status").InnerTextAsync()).Trim()));
        return result;
    }

    /// <summary>The signals cell of each row on this page, in order.</summary>
    public Task<IReadOnlyList<string>> SignalsAsync() => page.Page.Locator("table#leerlingen tbody td[data-label='Signalen']").AllInnerTextsAsync();

    /// <summary>The rows of every page of the list, following "Volgende pagina"; ends on the last page.</summary>
    public async Task<List<(string Key, string Status)>> AllRowsAsync()
    {
        var rows = await RowsAsync();
        while (await page.Page.Locator("a[rel=next]").CountAsync() > 0)
        {
            await page.SubmitAsync(() => page.Page.Locator("a[rel=next]").ClickAsync());
            rows.AddRange(await RowsAsync());
        }
        return rows;
    }

    /// <summary>Downloads the list with the link of that name and returns the saved file's path.</summary>
    public async Task<string> DownloadAsync(string linkName, string folder)
    {
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.GetByRole(AriaRole.Link, new() { Name = linkName }).ClickAsync());
        var path = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }
}
