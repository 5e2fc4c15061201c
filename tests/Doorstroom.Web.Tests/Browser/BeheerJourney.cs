using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The beheerder in a real browser: every beheer page, its error state and the page that shows a secret once pass axe-core
/// (WCAG 2.1 A and AA rules) and do not scroll sideways on a 390 px wide phone.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class BeheerJourney(BrowserSite site)
{
    [Fact]
    public async Task The_beheerder_adds_an_account_and_a_client_and_every_beheer_page_passes_axe_and_fits_a_phone()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("beheer");
        await page.GoAsync("/beheer");
        Assert.Equal("Beheer", await page.HeadingAsync());
        await CheckAsync(page, "beheer-start");

        await page.GoAsync("/beheer/accounts");
        await CheckAsync(page, "beheer-accounts-lijst");

        // A refused form: the errors stand by their fields and the page still passes.
        var form = page.Page.Locator("form.admin-form");
        await form.GetByLabel("Naam (gebruikersnaam)").FillAsync("browser-decaan");
        await form.GetByLabel("Rol").SelectOptionAsync("decaan");
        await form.GetByLabel("Instelling (BRIN)").FillAsync("99ZZ00");
        await form.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync("kort");
        await form.GetByLabel("Wachtwoord nog een keer").FillAsync("kort");
        await page.SubmitAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Account toevoegen" }).ClickAsync());
        Assert.Contains("Er is geen account toegevoegd", await page.MainTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Page.Locator("#Instelling").GetAttributeAsync("aria-invalid"));
        Assert.Equal("true", await page.Page.Locator("#Wachtwoord").GetAttributeAsync("aria-invalid"));
        page.Errors.RemoveAll(e => e.Contains("400", StringComparison.Ordinal)); // the browser logs the refusal's status
        await CheckAsync(page, "beheer-accounts-fout");

        var places = site.Places;
        form = page.Page.Locator("form.admin-form");
        await form.GetByLabel("Instelling (BRIN)").FillAsync(places.School);
        await form.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync("een-browser-wachtwoord-5");
        await form.GetByLabel("Wachtwoord nog een keer").FillAsync("een-browser-wachtwoord-5");
        await page.SubmitAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Account toevoegen" }).ClickAsync());
        Assert.Contains("Account 'browser-decaan' is toegevoegd.", await page.MainTextAsync(), StringComparison.Ordinal);

        await page.GoAsync("/beheer/accounts/browser-decaan/wachtwoord");
        await CheckAsync(page, "beheer-wachtwoord");

        // The demo site has no school provider: the page says so (the journey with one is SchoolSignInJourney's).
        await page.GoAsync("/beheer/accounts/browser-decaan/inloggen-via-school");
        Assert.Contains("Geen school-aanbieder ingesteld", await page.MainTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "beheer-school-geen-aanbieder");

        await page.GoAsync("/beheer/clients");
        await CheckAsync(page, "beheer-clients-lijst");
        form = page.Page.Locator("form.admin-form");
        await form.GetByLabel("Naam (client id)").FillAsync("browser-app");
        await form.GetByLabel("Rol").SelectOptionAsync("analist");
        await page.SubmitAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "API-client toevoegen" }).ClickAsync());
        Assert.Contains("Kopieer het geheim nu", await page.MainTextAsync(), StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", await page.Page.Locator("#geheim").InnerTextAsync());
        await CheckAsync(page, "beheer-client-geheim");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    /// <summary>axe-core finds no WCAG 2.1 A/AA violation, and at 390 px wide the page is no wider than the screen; then screenshots.</summary>
    private static async Task CheckAsync(SitePage page, string name)
    {
        await AccessibleAndNarrowAsync(page.Page, name);
        await page.ShootAsync(name);
    }

    /// <summary>axe-core finds no WCAG 2.1 A/AA violation, and at 390 px wide the page is no wider than the screen.</summary>
    internal static async Task AccessibleAndNarrowAsync(IPage page, string name)
    {
        var axe = await page.RunAxe(
            new Deque.AxeCore.Commons.AxeRunOptions
            {
                RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            }
        );
        Assert.True(
            axe.Violations.Length == 0,
            $"{name}: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"))
        );
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{name}: at 390 px the page is {overflow} px wider than the screen");
        await page.SetViewportSizeAsync(size?.Width ?? BrowserSite.Viewports[0].Width, size?.Height ?? BrowserSite.Viewports[0].Height);
    }
}
