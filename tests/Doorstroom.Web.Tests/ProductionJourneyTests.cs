using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Doorstroom.Web.Tests;

/// <summary>The beheer site with a clock the test moves (for sessions that must end within a minute).</summary>
public sealed class JourneySite : BeheerSite
{
    public TestClock Clock { get; } = new(SiteFactory.Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>
/// Issue 13's "Done when", first point, on a fresh store in the Production environment: the first beheerder is made as
/// <c>doorstroom accounts add</c> makes it, signs in, creates a decaan and an API client in /beheer; the decaan signs in
/// and sees the pupils; the client gets a token with the secret shown once and calls the API; the beheerder disables the
/// decaan.
/// </summary>
public sealed class ProductionJourneyTests(JourneySite site) : IClassFixture<JourneySite>
{
    private const string DecaanPassword = "een-decaan-wachtwoord-3";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Decaan(string name) =>
        new()
        {
            ["Naam"] = name,
            ["Weergavenaam"] = "Decaan De Brug",
            ["Rol"] = "decaan",
            ["Instelling"] = BeheerSite.Vestiging,
            ["Leerling"] = "",
            ["Wachtwoord"] = DecaanPassword,
            ["Bevestiging"] = DecaanPassword,
        };

    [Fact]
    public async Task A_beheerder_made_on_the_command_line_creates_a_decaan_and_a_client_who_both_get_in_and_disables_the_decaan()
    {
        // The store starts with no account but the beheerder the command line made.
        Assert.Equal([BeheerSite.Beheerder], Accounts.All(site.Site.Database).Select(a => a.Username));
        Assert.Empty(Accounts.AllClients(site.Site.Database));

        using var beheer = await site.SignedIn();
        var (added, _, _) = await beheer.PostAsync("/beheer/accounts", "Add", Decaan("decaan-brug"));
        Assert.Equal(HttpStatusCode.Redirect, added);
        var (clientAdded, clientPage, _) = await beheer.PostAsync(
            "/beheer/clients",
            "Add",
            new Dictionary<string, string>
            {
                ["Naam"] = "sis-brug",
                ["Weergavenaam"] = "Leerlingadministratie",
                ["Rol"] = "decaan",
                ["Instelling"] = BeheerSite.Vestiging,
                ["Leerling"] = "",
            }
        );
        Assert.Equal(HttpStatusCode.OK, clientAdded);
        var secret = BeheerPageTests.Secret(clientPage);

        // The decaan signs in and sees the pupils of the school.
        using (var decaan = await site.SignedIn("decaan-brug", DecaanPassword))
        {
            using var pupils = await decaan.SendAsync(HttpMethod.Get, "/leerlingen");
            Assert.Equal(HttpStatusCode.OK, pupils.StatusCode);
            var html = await pupils.Content.ReadAsStringAsync(Cancel);
            Assert.Contains("Leerlingen van uw school", html, StringComparison.Ordinal);
            Assert.Contains(BeheerSite.Pupil, html, StringComparison.Ordinal);
        }

        // The client gets a token with the secret it was shown and calls the API.
        using var api = site.Client();
        using (
            var token = await api.PostAsync(
                "/connect/token",
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials",
                        ["client_id"] = "sis-brug",
                        ["client_secret"] = secret,
                    }
                ),
                Cancel
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Cancel));
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        }
        using (var listed = await api.GetAsync("/api/v1/pupils", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Contains($"\"{BeheerSite.Pupil}\"", await listed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // The beheerder disables the decaan, who can no longer sign in.
        var (disabled, _, _) = await beheer.PostAsync("/beheer/accounts", "Disable", new Dictionary<string, string> { ["account"] = "decaan-brug" });
        Assert.Equal(HttpStatusCode.Redirect, disabled);
        using (var refused = await site.SignedInOrNull("decaan-brug", DecaanPassword))
            Assert.Null(refused);

        Assert.Equal(
            ["account toegevoegd", "api-client toegevoegd", "account uitgeschakeld"],
            site.Audit().Where(e => e.Actor == BeheerSite.Beheerder).Select(e => e.Action)
        );
        Assert.True(AuditLog.Verify(site.Site.Database).Intact);
    }
}

/// <summary>
/// Issue 13's "Done when", the last step: disabling the decaan in /beheer ends the decaan's open session within a minute
/// (the security stamp, decision 0019). A store of its own, so the journey above still starts from a fresh one.
/// </summary>
public sealed class ProductionJourneySessionTests(JourneySite site) : IClassFixture<JourneySite>
{
    private const string DecaanPassword = "een-decaan-wachtwoord-3";

    [Fact]
    public async Task Disabling_a_decaan_in_beheer_ends_the_decaans_open_session_within_a_minute()
    {
        Assert.True(AccountAdmin.AddAccount(site.Site.Database, "decaan-open", "decaan", BeheerSite.Vestiging, null, null, DecaanPassword, "cli (test)").Done);
        using var decaan = await site.SignedIn("decaan-open", DecaanPassword);
        using (var before = await decaan.SendAsync(HttpMethod.Get, "/leerlingen"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var beheer = await site.SignedIn();
        var (disabled, _, _) = await beheer.PostAsync("/beheer/accounts", "Disable", new Dictionary<string, string> { ["account"] = "decaan-open" });
        Assert.Equal(HttpStatusCode.Redirect, disabled);

        site.Clock.Advance(TimeSpan.FromSeconds(61));
        using var after = await decaan.SendAsync(HttpMethod.Get, "/leerlingen");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/inloggen", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
