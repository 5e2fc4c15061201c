using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The page object every journey drives: navigation, sign-in and screenshots, and what went wrong while loading
/// (console errors, failed requests). Page-specific steps live in the page objects beside it.
/// </summary>
public class SitePage(IPage page, BrowserSite site)
{
    public IPage Page { get; } = page;

    protected BrowserSite Site { get; } = site;

    /// <summary>Console errors and uncaught page errors seen so far.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<SitePage> OpenAsync(BrowserSite site, string path)
    {
        var page = await site.NewPageAsync();
        var sitePage = new SitePage(page, site);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                sitePage.Errors.Add(m.Text);
        };
        page.PageError += (_, e) => sitePage.Errors.Add(e);
        await sitePage.GoAsync(path);
        return sitePage;
    }

    public async Task<IResponse?> GoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>Signs in through the form with the keyboard only: focus the user name, type, tab, type, Enter.</summary>
    public async Task SignInAsync(string username, string password = DemoData.Password)
    {
        if (!Page.Url.Contains("/account/inloggen", StringComparison.Ordinal))
            await GoAsync("/account/inloggen");
        await Page.GetByLabel("Gebruikersnaam").FocusAsync();
        await Page.Keyboard.TypeAsync(username);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(password);
        await SubmitAsync(() => Page.Keyboard.PressAsync("Enter"));
    }

    /// <summary>Signs out with the button in the page header (a POST with the form's antiforgery token).</summary>
    public Task SignOutAsync() => SubmitAsync(() => Page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync());

    /// <summary>The name and role the header shows for the signed-in account, or null when it offers to sign in.</summary>
    public async Task<string?> SignedInAsAsync() =>
        await Page.Locator("header .who span").CountAsync() == 0 ? null : await Page.Locator("header .who span").InnerTextAsync();

    /// <summary>Submits a form (the action presses or clicks) and waits until the page it leads to has loaded, past any redirect.</summary>
    public async Task SubmitAsync(Func<Task> action)
    {
        // Mark the current document; the next one (after any redirect) has no mark.
        await Page.EvaluateAsync("() => { window.doorstroomOld = true; }");
        await action();
        await Page.WaitForFunctionAsync("() => window.doorstroomOld === undefined && document.readyState === 'complete'");
    }

    public Task<string> HeadingAsync() => Page.Locator("main h1").First.InnerTextAsync();

    public Task<string> MainTextAsync() => Page.Locator("main").InnerTextAsync();

    /// <summary>Saves the page at both viewports as NAME-1280x800.png and NAME-390x844.png (full page).</summary>
    public async Task ShootAsync(string name)
    {
        foreach (var (width, height) in BrowserSite.Viewports)
        {
            await Page.SetViewportSizeAsync(width, height);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Site.Screenshots, $"{name}-{width}x{height}.png"), FullPage = true });
        }
        await Page.SetViewportSizeAsync(BrowserSite.Viewports[0].Width, BrowserSite.Viewports[0].Height);
    }
}
