using Microsoft.Playwright;

namespace Doorstroom.Report.Tests;

/// <summary>Page object for the report's index.html in a browser: what a reader sees, and what went wrong while loading it.</summary>
internal sealed class ReportPage
{
    private readonly IPage page;

    private ReportPage(IPage page) => this.page = page;

    /// <summary>Console messages of type error and uncaught page errors, in order.</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Requests that failed (a missing chart file would show here), and responses with status 400 or more.</summary>
    public List<string> FailedRequests { get; } = [];

    /// <summary>Opens the page from disk and waits until it and all its images have loaded.</summary>
    public static async Task<ReportPage> OpenAsync(IBrowser browser, string indexPath)
    {
        var page = await browser.NewPageAsync();
        var report = new ReportPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                report.ConsoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => report.ConsoleErrors.Add(error);
        page.RequestFailed += (_, request) => report.FailedRequests.Add($"{request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                report.FailedRequests.Add($"{response.Url}: HTTP {response.Status}");
        };
        await page.GotoAsync(new Uri(indexPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return report;
    }

    /// <summary>The page's title (the &lt;title&gt; element).</summary>
    public Task<string> TitleAsync() => page.TitleAsync();

    /// <summary>The text of the h1.</summary>
    public Task<string> HeadingAsync() => page.Locator("h1").InnerTextAsync();

    /// <summary>Whether the synthetic-data banner is visible.</summary>
    public Task<bool> SyntheticBannerVisibleAsync() => page.Locator("#synthetisch").IsVisibleAsync();

    /// <summary>The number of chart figures.</summary>
    public Task<int> ChartCountAsync() => page.Locator("figure.chart").CountAsync();

    /// <summary>Each &lt;img&gt;'s source and natural width (0 when it did not load or decode).</summary>
    public async Task<IReadOnlyList<(string Src, int NaturalWidth)>> ImagesAsync()
    {
        var images = await page.EvaluateAsync<ImageInfo[]>(
            "() => Array.from(document.images).map(i => ({ src: i.getAttribute('src'), naturalWidth: " + "i.complete ? i.naturalWidth : 0 }))"
        );
        return [.. images.Select(i => (i.Src, i.NaturalWidth))];
    }

    /// <summary>The number of cells showing a suppressed value.</summary>
    public Task<int> SuppressedCellCountAsync() => page.Locator("td.suppressed").CountAsync();

    /// <summary>Playwright fills this from the page's JSON, so it needs a parameterless constructor and setters.</summary>
    private sealed class ImageInfo
    {
        public string Src { get; set; } = "";

        public int NaturalWidth { get; set; }
    }
}
