using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// Issue 16 item 3 in a real browser: after the choice day a decaan filters the list on a doubt signal, reads the suggested next
/// step, and opens the pupil's loopbaandossier from the row.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class DoubtSignalsJourney(BrowserSite site)
{
    /// <summary>Wednesday 3 February 2027, 10:00 in Amsterdam: exam year 2027, after the choice day (1 February).</summary>
    private static readonly DateTimeOffset February = new(2027, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_decaan_filters_pupils_in_doubt_reads_the_next_step_and_opens_the_loopbaandossier()
    {
        Chromium.Require();
        // A pupil of the demo school who applied but recorded "twijfel" as the choice in January: doubt signal S1 on 1 February.
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        var store = new EventStore(site.Database);
        // The demo gives this pupil a choice in the autumn; the January "twijfel" is the latest, and added once per store.
        if (!store.Stream(key).Any(e => e.Kind == EventKind.KeuzeVastgelegd && e.Date == new DateOnly(2027, 1, 10)))
            store.Append(
                [
                    PupilDirectory.Record(
                        site.Database,
                        new TransitionEvent(key, new DateOnly(2027, 1, 10), EventKind.KeuzeVastgelegd, site.Places.School, Detail: "twijfel")
                    )!,
                ],
                cancellationToken: TestContext.Current.CancellationToken
            );
        var moved = February - site.Clock.GetUtcNow();
        site.Clock.Advance(moved);
        try
        {
            var page = await SitePage.OpenAsync(site, "/account/inloggen");
            await page.SignInAsync("decaan");
            await new PupilsPage(page).OpenListAsync();
            var doubts = new DoubtSignalsPage(page);

            await doubts.FilterAsync("Geen keuze of twijfel");
            Assert.Contains("twijfel=geen-keuze", page.Page.Url, StringComparison.Ordinal);
            var keys = await doubts.KeysAsync();
            Assert.Contains(key, keys);
            foreach (var shown in keys)
                Assert.Contains("geen-keuze", await doubts.SignalsOfAsync(shown!));
            var text = await doubts.DoubtTextAsync(key);
            Assert.Contains("twijfel", text, StringComparison.Ordinal);
            Assert.Contains("Volgende stap: " + DoubtSignals.Rule(DoubtKind.GeenKeuze).NextStep, text, StringComparison.Ordinal);
            await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "leerlingen-twijfel");
            await page.ShootAsync("leerlingen-twijfel");

            // The row links to the pupil's loopbaandossier (the loopbaan pages are another part of issue 16).
            Assert.Equal($"/leerlingen/{key}/loopbaan", await doubts.LoopbaanLink(key).GetAttributeAsync("href"));
            await doubts.OpenLoopbaanAsync(key);
            Assert.EndsWith($"/leerlingen/{key}/loopbaan", new Uri(page.Page.Url).AbsolutePath, StringComparison.Ordinal);
        }
        finally
        {
            site.Clock.Advance(-moved);
        }
    }
}
