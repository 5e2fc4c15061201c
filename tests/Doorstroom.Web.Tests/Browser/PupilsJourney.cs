using Doorstroom.Storage;
using MiniExcelLibs;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The decaan's working list in a real browser (issue 14 item 3): in January, before the 1 April deadline, the decaan finds the
/// pupils who have not applied yet, reads the counts, and downloads the list as .xlsx, which holds exactly those pupils.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class PupilsJourney(BrowserSite site)
{
    /// <summary>Wednesday 20 January 2027, 10:00 in Amsterdam: exam year 2027, before the warning day (1 February) and 1 April.</summary>
    private static readonly DateTimeOffset January = new(2027, 1, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_decaan_in_January_filters_pupils_not_applied_yet_and_downloads_exactly_them_as_xlsx()
    {
        Chromium.Require();
        var moved = January - site.Clock.GetUtcNow();
        site.Clock.Advance(moved);
        var folder = Directory.CreateTempSubdirectory("doorstroom-download-").FullName;
        try
        {
            var page = await SitePage.OpenAsync(site, "/account/inloggen");
            await page.SignInAsync("decaan");
            var pupils = new PupilsPage(page);
            await pupils.OpenListAsync();
            Assert.Contains("staat vanaf 1 februari 2027", await page.MainTextAsync(), StringComparison.Ordinal);

            await pupils.FilterStatusAsync("nog niet aangemeld");
            Assert.Contains("status=niet-aangemeld", page.Page.Url, StringComparison.Ordinal);
            var count = await pupils.CountAsync("niet-aangemeld");
            var applied = await pupils.CountAsync("aangemeld");
            await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "leerlingen-niet-aangemeld");
            await page.ShootAsync("leerlingen-niet-aangemeld");

            // The right pupils: exactly those of the school's exam year 2027 without any application on 20 January, from the store.
            var places = site.Places;
            var today = DateOnly.FromDateTime(January.UtcDateTime);
            var expected = PupilDirectory
                .SchoolPupils(site.Database, PupilDirectory.Locations(site.Database, places.School), 2027, null, PupilDirectory.MaxPage, today)
                .Items.Where(p => p.Applications.IsEmpty)
                .Select(p => p.Key)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(expected);
            var xlsx = await pupils.DownloadAsync("Download als Excel (.xlsx)", folder);
            var rows = await pupils.AllRowsAsync();
            Assert.All(rows, r => Assert.Equal("niet aangemeld", r.Status));
            Assert.Equal(expected, rows.Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Count, count);
            Assert.True(applied > 0, "the counts at the top still show the pupils who applied");

            // The file holds the filtered list, in the list's order, under Dutch column names.
            Assert.EndsWith(".xlsx", xlsx, StringComparison.Ordinal);
            var sheet = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(rows.Select(r => r.Key), sheet.Select(r => r["Leerlingnummer"]?.ToString()));
            Assert.All(sheet, r => Assert.Equal("niet aangemeld", r["Status"]?.ToString()));

            // The print view: the same pupils on one page, without the form; readable and narrow as well.
            await pupils.OpenListAsync();
            await pupils.FilterStatusAsync("nog niet aangemeld");
            await page.SubmitAsync(() => page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Afdrukweergave" }).ClickAsync());
            Assert.Equal(rows.Select(r => r.Key), (await pupils.RowsAsync()).Select(r => r.Key));
            Assert.Equal(0, await page.Page.Locator("form.pupil-filters").CountAsync());
            await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "leerlingen-afdrukken");
            await page.ShootAsync("leerlingen-afdrukken");

            // Before 1 February no signal yet; from the warning day on each of them carries its own "Nog niet aangemeld" signal.
            Assert.All(await pupils.SignalsAsync(), s => Assert.DoesNotContain("Nog niet aangemeld", s, StringComparison.Ordinal));
            var february = new DateTimeOffset(2027, 2, 3, 9, 0, 0, TimeSpan.Zero) - January;
            site.Clock.Advance(february);
            moved += february;
            var list = page.Page.Url;
            await page.GoAsync(list);
            if (page.Page.Url.Contains("/account/inloggen", StringComparison.Ordinal))
            {
                // Two weeks on, the session has ended: sign in again.
                await page.SignInAsync("decaan");
                await page.GoAsync(list);
            }
            Assert.All(await pupils.SignalsAsync(), s =>
                Assert.StartsWith("Nog niet aangemeld (A10): Nog niet aangemeld: alleen een aanmelding vóór 1 april " + "2027", s, StringComparison.Ordinal)
            );
            Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
        }
        finally
        {
            site.Clock.Advance(-moved);
            TempFolder.Delete(folder);
        }
    }
}
