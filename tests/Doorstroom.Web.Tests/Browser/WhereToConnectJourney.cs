using Doorstroom.Storage;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// Issue 16, item 5: an analyst opens the national map of where to connect, then a school's view: its flows, and the map with the
/// school and its flows, at both widths without an axe violation.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class WhereToConnectJourney(BrowserSite site)
{
    [Fact]
    public async Task An_analyst_opens_a_schools_where_to_connect_view_and_the_map()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("analist");
        var view = new WhereToConnectPage(page);
        await view.OpenFromHomeAsync();
        Assert.Equal("Waar verbinden?", await page.HeadingAsync());
        Assert.Equal(1, await view.Map.CountAsync());
        Assert.StartsWith("Kaart: vo-vestigingen en mbo-locaties", await view.MapTitleAsync(), StringComparison.Ordinal);
        Assert.True(await view.LinesAsync() is { Length: > 0 }, "the national map draws the largest flows");
        await page.ShootAsync("verbindingen-waar");

        var school = site.Places.School;
        await view.ChooseSchoolAsync(school);
        var name = InstitutionNames.Of(site.Database, school);
        Assert.Contains(name, await page.MainTextAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(await view.PartnersAsync());
        Assert.Equal(1, await view.Map.CountAsync());
        // The school is the highlighted point; its flows of 5 pupils or more are lines from it, each a row of the table behind the map.
        Assert.Contains(await view.HighlightedAsync(), t => t.StartsWith(name[..Math.Min(20, name.Length)], StringComparison.Ordinal));
        var lines = await view.LinesAsync();
        Assert.All(lines, l => Assert.Contains(" → ", l, StringComparison.Ordinal));
        Assert.Equal(lines.Length, await view.MapTableRowsAsync());
        Assert.Contains("Samenhang, geen effect.", await page.MainTextAsync(), StringComparison.Ordinal);
        foreach (var (width, height) in BrowserSite.Viewports)
        {
            await page.Page.SetViewportSizeAsync(width, height);
            var wrong = await EveryPageJourney.CheckAsync(page.Page, $"where to connect at {width}x{height}");
            Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        }
        await page.ShootAsync("verbindingen-waar-school");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }
}
