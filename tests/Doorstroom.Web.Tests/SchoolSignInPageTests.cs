using System.Net;

namespace Doorstroom.Web.Tests;

/// <summary>School sign-in's pages with bad input, on the demo site (no provider configured): clear answers, no session, no open redirect.</summary>
public sealed class SchoolSignInPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_providers_the_sign_in_page_offers_no_school_button()
    {
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/account/inloggen", Cancel);
        Assert.DoesNotContain("Inloggen met", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Via uw school", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_for_a_provider_that_is_not_configured_is_404_and_a_get_goes_to_sign_in()
    {
        using var client = site.Anonymous();
        var token = SiteFactory.Token(await client.GetStringAsync("/account/inloggen", Cancel));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Aanbieder"] = "entree", ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync("/account/extern", form, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var get = await client.GetAsync("/account/extern", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal("/account/inloggen", get.Headers.Location?.OriginalString);
        using var noToken = await client.PostAsync(
            "/account/extern",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Aanbieder"] = "entree" }),
            Cancel
        );
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [Fact]
    public async Task An_unknown_invitation_is_404_with_a_dutch_message()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/account/koppelen/geen-echte-code", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Deze uitnodiging bestaat niet", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("niet-gekoppeld", "is (nog) niet gekoppeld aan Doorstroom. Vraag de beheerder van uw school om een uitnodiging.")]
    [InlineData("uitnodiging-verlopen", "Deze uitnodiging is verlopen.")]
    [InlineData("uitnodiging-gebruikt", "Deze uitnodiging is al gebruikt")]
    [InlineData("iets-anders", "is (nog) niet gekoppeld aan Doorstroom.")]
    public async Task The_refusal_page_says_why_in_dutch_and_gives_no_session(string reden, string says)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync($"/account/onbekend?aanbieder=entree&reden={reden}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(says, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.False(
            response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("doorstroom=", StringComparison.Ordinal))
        );
    }

    [Theory]
    [InlineData("/leerlingen", "0;url=/leerlingen")]
    [InlineData("//evil.example/", "0;url=/")]
    [InlineData("https://evil.example/", "0;url=/")]
    public async Task After_a_school_sign_in_the_site_moves_on_only_to_its_own_pages(string naar, string refresh)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync($"/account/verder?naar={Uri.EscapeDataString(naar)}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(refresh, response.Headers.GetValues("Refresh").Single());
    }
}
