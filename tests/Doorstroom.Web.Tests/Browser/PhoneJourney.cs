namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// On a 390×844 phone the wide pages (planner with its answer, own dossier, a school's dossier, a route, an mbo) do not
/// scroll sideways, and after "Bereken" the planner's answer is on screen rather than 2,000 px down.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class PhoneJourney(BrowserSite site)
{
    [Fact]
    public async Task At_390_px_no_page_scrolls_sideways_and_the_planner_answer_comes_into_view()
    {
        Chromium.Require();
        var places = site.Places;
        var page = await SitePage.OpenAsync(site, "/planner");
        await page.Page.SetViewportSizeAsync(390, 844);
        await new PlannerPage(page).PlanAsync("2026-11-30", "vmbo", "bb", 4, "2010-05-14");
        var wrong = new List<string>();
        if (!page.Page.Url.Contains("#resultaten", StringComparison.Ordinal))
            wrong.Add($"after Bereken the address is {page.Page.Url}, without #resultaten");
        var top = await page.Page.EvaluateAsync<double>("() => document.querySelector('#uitkomst').getBoundingClientRect().top");
        if (top is <= -1 or >= 844) // less than a pixel above the edge: the scroll is in whole pixels, the layout in fractions
            wrong.Add($"after Bereken the answer's heading is at {top} px, not on the 844 px screen");
        await FitsAsync(page, wrong, "planner-uitkomst");
        await page.GoAsync("/routes/vm2");
        await FitsAsync(page, wrong, "route-vm2");
        await page.GoAsync($"/instellingen/mbo/{places.Mbo}");
        await FitsAsync(page, wrong, "instelling-mbo");

        foreach (
            var (account, path) in new[]
            {
                ("leerling16", "/mijn-dossier"),
                ("ouder", "/mijn-dossier"),
                ("zorgvo", "/dossier/DEMO-2027-03"),
                ("decaan", "/dossier/DEMO-2027-02"),
            }
        )
        {
            page = await SitePage.OpenAsync(site, "/account/inloggen");
            await page.SignInAsync(account);
            await page.GoAsync(path);
            await page.Page.SetViewportSizeAsync(390, 844);
            await FitsAsync(page, wrong, $"{account} {path}");
            await page.Page.ScreenshotAsync(
                new() { Path = Path.Combine(site.Screenshots, $"telefoon-{account}-{path.Trim('/').Replace('/', '-')}-390x844.png"), FullPage = true }
            );
            if (path == "/mijn-dossier")
            {
                // Every consent button can be reached on screen: its right edge is within the phone's width.
                var outside = await page.Page.EvaluateAsync<string[]>(
                    """
                    () => [...document.querySelectorAll('main button')]
                        .filter(b => b.getBoundingClientRect().right > window.innerWidth)
                        .map(b => b.textContent.trim())
                    """
                );
                if (outside.Length > 0)
                    wrong.Add($"{account} {path}: buttons off screen: {string.Join("; ", outside)}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    /// <summary>The page is no wider than the screen; when it is, says which elements stick out.</summary>
    private static async Task FitsAsync(SitePage page, List<string> wrong, string name)
    {
        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var culprits =
            overflow <= 0
                ? []
                : await page.Page.EvaluateAsync<string[]>(
                    """
                    () => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                            && e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
                        .slice(0, 8)
                        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                            + (e.className && typeof e.className === 'string' ? '.' + e.className.replaceAll(' ', '.') : '')
                            + ' ' + Math.round(e.getBoundingClientRect().right))
                    """
                );
        if (overflow > 0)
            wrong.Add($"{name}: at 390 px the page is {overflow} px wider than the screen: {string.Join(", ", culprits)}");
    }
}
