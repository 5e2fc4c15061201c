namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// Every demo role signs in and out with the header's button; afterwards its own page sends the browser to sign in, also
/// when the old session cookie is put back (issue 12, finding 1: on a shared school computer the next person must not
/// read on).
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class SignOutJourney(BrowserSite site)
{
    /// <summary>Each demo account with a page only a signed-in account may open (beheer has none of its own: /monitor is 403 for it).</summary>
    public static TheoryData<string, string> Accounts { get; } =
        new()
        {
            { "leerling", "/mijn-tijdlijn" },
            { "leerling16", "/mijn-dossier" },
            { "ouder", "/mijn-dossier" },
            { "decaan", "/leerlingen" },
            { "decaan2", "/leerlingen" },
            { "zorgvo", "/dossier" },
            { "intake", "/intake" },
            { "intake2", "/intake" },
            { "zorg", "/intake/dossierverzoeken" },
            { "analist", "/monitor" },
            { "beheer", "/monitor" },
        };

    [Fact]
    public void Every_demo_account_is_signed_out_by_this_journey() =>
        Assert.Equal(
            DemoData.AccountList.Select(a => a.Username).Order(StringComparer.Ordinal),
            Accounts.Select(row => row.Data.Item1).Order(StringComparer.Ordinal)
        );

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Signing_out_ends_the_session_also_for_a_copy_of_the_cookie(string account, string protectedPath)
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync(account);
        Assert.NotNull(await page.SignedInAsAsync());
        var signedIn = await page.GoAsync(protectedPath);
        Assert.DoesNotContain("/account/inloggen", page.Page.Url, StringComparison.Ordinal);
        Assert.Contains(signedIn?.Status ?? 0, new[] { 200, 403 });
        // The browser logs beheer's 403 as a console error; that one is expected.
        if (signedIn?.Status == 403)
            page.Errors.RemoveAll(e => e.Contains("403", StringComparison.Ordinal));
        var cookies = await page.Page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "doorstroom");

        await page.SignOutAsync();
        Assert.Contains("/account/inloggen", page.Page.Url, StringComparison.Ordinal);
        Assert.Contains("U bent uitgelogd", await page.MainTextAsync(), StringComparison.Ordinal);
        Assert.Null(await page.SignedInAsAsync());
        if (account == "decaan")
            await page.ShootAsync("uitgelogd");

        await page.GoAsync(protectedPath);
        Assert.Contains("/account/inloggen", page.Page.Url, StringComparison.Ordinal);

        // The old cookie, put back as a copy would be: the server has forgotten its session.
        await page.Page.Context.AddCookiesAsync(
            cookies.Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = c.Domain,
                Path = c.Path,
                HttpOnly = c.HttpOnly,
                Secure = c.Secure,
                SameSite = c.SameSite,
            })
        );
        await page.GoAsync(protectedPath);
        Assert.Contains("/account/inloggen", page.Page.Url, StringComparison.Ordinal);
        Assert.Null(await page.SignedInAsAsync());
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
        await page.Page.Context.CloseAsync();
    }
}
