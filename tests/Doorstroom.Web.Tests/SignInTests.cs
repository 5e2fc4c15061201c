using System.Net;

namespace Doorstroom.Web.Tests;

/// <summary>Cookie sign-in: the right password signs in, a wrong one is refused with the same message for any account.</summary>
public sealed class SignInTests(SiteFactory site)
{
    [Fact]
    public async Task A_demo_account_signs_in_and_sees_its_role()
    {
        using var client = await site.SignedIn("decaan");
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<span>Decaan van de demoschool</span>", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/leerlingen\"", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decaan", "wrong")]
    [InlineData("nobody", "demo")]
    public async Task A_wrong_password_or_unknown_user_is_refused_alike(string username, string password)
    {
        using var client = site.Anonymous();
        var form = await client.GetStringAsync("/account/inloggen", TestContext.Current.CancellationToken);
        using var content = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Username"] = username,
                ["Password"] = password,
                ["__RequestVerificationToken"] = SiteFactory.Token(form),
            }
        );
        using var response = await client.PostAsync("/account/inloggen", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(
            "Gebruikersnaam of wachtwoord klopt " + "niet",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
    }
}
