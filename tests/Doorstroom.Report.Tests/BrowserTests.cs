using Microsoft.Playwright;

namespace Doorstroom.Report.Tests;

/// <summary>
/// The report opened in headless Chromium (Debian's /usr/bin/chromium, driven by Microsoft.Playwright's bundled driver;
/// Playwright never downloads a browser here): no console errors, no failed requests, every image loaded, every chart there.
/// </summary>
public sealed class BrowserTests(ReportFolder report) : IClassFixture<ReportFolder>
{
    [Fact]
    public async Task Report_opens_in_chromium_without_errors_and_shows_every_chart()
    {
        Chromium.Require();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await ReportPage.OpenAsync(browser, report.Files.Index);

        Assert.Equal("Doorstroommonitor — testrapport", await page.TitleAsync());
        Assert.Equal("Doorstroommonitor — testrapport", await page.HeadingAsync());
        Assert.True(await page.SyntheticBannerVisibleAsync(), "the synthetic-data banner is not visible");
        Assert.Equal(report.Files.Charts.Length, await page.ChartCountAsync());
        Assert.Equal(4, await page.ChartCountAsync());
        var images = await page.ImagesAsync();
        Assert.Equal(report.Files.Charts.Select(c => c.Svg), images.Select(i => i.Src));
        Assert.All(images, i => Assert.True(i.NaturalWidth > 0, $"{i.Src} did not load (naturalWidth 0)"));
        Assert.True(await page.SuppressedCellCountAsync() > 0, "no suppressed cell on the page");
        Assert.Empty(page.ConsoleErrors);
        Assert.Empty(page.FailedRequests);
    }

    [Fact]
    public async Task A_missing_chart_file_is_caught_as_a_failed_request_and_an_unloaded_image()
    {
        Chromium.Require();
        using var broken = new ReportFolder(Sample.Input());
        var missing = broken.Files.Charts.Single(c => c.Kind == "stroom").Svg;
        File.Delete(Path.Combine(broken.Directory, missing));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await ReportPage.OpenAsync(browser, broken.Files.Index);

        Assert.Contains(page.FailedRequests, r => r.Contains(missing, StringComparison.Ordinal));
        Assert.Equal(0, (await page.ImagesAsync()).Single(i => i.Src == missing).NaturalWidth);
    }
}
