using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Doorstroom.Web.Tests;

/// <summary>Signing out ends the session: the cookie is removed and a copy of it no longer signs anyone in (issue 12, finding 1).</summary>
public sealed class SignOutTests(SiteFactory site)
{
    private Session NewSession() => new(site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    [Fact]
    public async Task The_sign_out_button_in_the_layout_ends_the_session_and_a_copied_cookie_is_refused()
    {
        using var session = NewSession();
        using (var signIn = await session.SignInAsync("decaan", DemoData.Password))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var copy = session.Cookies["doorstroom"];
        using (var before = await session.SendAsync(HttpMethod.Get, "/leerlingen"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // The layout's form, as a browser would send it: its own antiforgery token, to the action it names.
        var home = await session.GetStringAsync("/");
        using (
            var signOut = await session.SendAsync(
                HttpMethod.Post,
                "/account/uitloggen",
                new Dictionary<string, string> { ["__RequestVerificationToken"] = SiteFactory.Token(home) }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/account/inloggen?uitgelogd=1", signOut.Headers.Location?.OriginalString);
        }
        Assert.False(session.Cookies.ContainsKey("doorstroom"), "the sign-in cookie was not removed");
        Assert.Contains("U bent uitgelogd", await session.GetStringAsync("/account/inloggen?uitgelogd=1"), StringComparison.Ordinal);

        using var replay = NewSession();
        replay.Cookies["doorstroom"] = copy;
        using var after = await replay.SendAsync(HttpMethod.Get, "/leerlingen");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/inloggen", after.Headers.Location?.AbsolutePath ?? after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_out_page_offers_a_button_and_never_claims_a_sign_out_that_did_not_happen()
    {
        using var session = NewSession();
        using (await session.SignInAsync("analist", DemoData.Password)) { }
        var page = await session.GetStringAsync("/account/uitloggen");
        Assert.DoesNotContain("uitgelogd", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("U bent ingelogd als", page, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Uitloggen</button>", page, StringComparison.Ordinal);
        using (var stillIn = await session.SendAsync(HttpMethod.Get, "/monitor"))
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        // With a session, ?uitgelogd=1 on the sign-in page says nothing either.
        Assert.DoesNotContain("U bent uitgelogd", await session.GetStringAsync("/account/inloggen?uitgelogd=1"), StringComparison.Ordinal);
        using var anonymous = NewSession();
        Assert.Contains("U bent niet ingelogd", await anonymous.GetStringAsync("/account/uitloggen"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        using var session = NewSession();
        using (await session.SignInAsync("analist", DemoData.Password)) { }
        using (var forged = await session.SendAsync(HttpMethod.Post, "/account/uitloggen", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var still = await session.SendAsync(HttpMethod.Get, "/monitor");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }
}
