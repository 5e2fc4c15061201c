using System.Net;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Doorstroom.Web.Tests;

/// <summary>A web node on a given store with a clock the test moves and a session check every <paramref name="checkSeconds"/>.</summary>
public sealed class ClockedNode(string database, TimeProvider clock, int checkSeconds = 60) : WebApplicationFactory<Program>
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("doorstroom-node-").FullName;

    public Session NewSession() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseContentRoot(contentRoot);
        builder.UseSetting("Doorstroom:Database", database);
        builder.UseSetting("Doorstroom:Demo", "false");
        builder.UseSetting("Doorstroom:SessionCheckSeconds", checkSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TempFolder.Delete(contentRoot);
        }
    }
}

/// <summary>
/// Sessions in the store (decision 0019, issue 13 items 5 and 6): a session begun on one node is known on another, signing
/// out on one ends it on all, and a disabled account, a reset password or ended sessions end an open session within the
/// check interval, while an unchanged account stays signed in.
/// </summary>
public sealed class SessionEndTests : IDisposable
{
    private const string Password = "een-lang-wachtwoord-5";
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-sessions-").FullName;
    private readonly TestClock clock = new(SiteFactory.Now);

    public SessionEndTests()
    {
        Database = Database.Open(Path.Combine(folder, "site.db"));
        Assert.True(AccountAdmin.AddAccount(Database, "analist1", "analist", null, null, null, Password, "test").Done);
        Assert.True(AccountAdmin.AddAccount(Database, "analist2", "analist", null, null, null, Password, "test").Done);
    }

    private Database Database { get; }

    public void Dispose()
    {
        TempFolder.Delete(folder);
    }

    private static async Task<Session> SignedIn(ClockedNode node, string username)
    {
        var session = node.NewSession();
        using var response = await session.SignInAsync(username, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>True when the session still opens an analist's page; false when it is sent to sign in.</summary>
    private static async Task<bool> SignedInNow(Session session)
    {
        using var response = await session.SendAsync(HttpMethod.Get, "/monitor");
        if (response.StatusCode == HttpStatusCode.OK)
            return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/inloggen", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString.Split('?')[0]);
        return false;
    }

    [Fact]
    public async Task A_session_begun_on_one_node_is_accepted_by_another_and_signing_out_on_one_ends_it_on_both()
    {
        using var one = new ClockedNode(Database.File!, clock);
        using var two = new ClockedNode(Database.File!, clock);
        using var onOne = await SignedIn(one, "analist1");
        using var onTwo = two.NewSession();
        foreach (var (name, value) in onOne.Cookies)
            onTwo.Cookies[name] = value;
        Assert.True(await SignedInNow(onTwo));
        Assert.True(await SignedInNow(onOne));

        var home = await onTwo.GetStringAsync("/");
        using (
            var signOut = await onTwo.SendAsync(
                HttpMethod.Post,
                "/account/uitloggen",
                new Dictionary<string, string> { ["__RequestVerificationToken"] = SiteFactory.Token(home) }
            )
        )
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.False(await SignedInNow(onOne));
        Assert.Equal(0, WebSessions.Count(Database, "analist1", clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_restarted_node_still_knows_the_session()
    {
        Session session;
        using (var before = new ClockedNode(Database.File!, clock))
            session = await SignedIn(before, "analist1");
        using var after = new ClockedNode(Database.File!, clock);
        using var again = after.NewSession();
        foreach (var (name, value) in session.Cookies)
            again.Cookies[name] = value;
        session.Dispose();
        Assert.True(await SignedInNow(again));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("reset-password")]
    [InlineData("end-sessions")]
    public async Task An_operator_change_ends_the_accounts_open_session_within_the_check_interval(string change)
    {
        using var node = new ClockedNode(Database.File!, clock, checkSeconds: 60);
        using var session = await SignedIn(node, "analist1");
        using var other = await SignedIn(node, "analist2");
        var copy = session.Cookies["doorstroom"];
        Assert.True(await SignedInNow(session));

        var done = change switch
        {
            "disable" => AccountAdmin.SetDisabled(Database, "analist1", true, "test"),
            "reset-password" => AccountAdmin.ResetPassword(Database, "analist1", "een-ander-wachtwoord-6", "test"),
            _ => AccountAdmin.EndSessions(Database, "analist1", "test"),
        };
        Assert.True(done.Done);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.False(await SignedInNow(session));
        Assert.DoesNotContain("doorstroom", session.Cookies.Keys);
        Assert.Equal(0, WebSessions.Count(Database, "analist1", clock.GetUtcNow()));
        // The other account is not touched.
        Assert.True(await SignedInNow(other));

        // Enabling the account again does not bring the old session back.
        if (change == "disable")
            AccountAdmin.SetDisabled(Database, "analist1", false, "test");
        using var replay = node.NewSession();
        replay.Cookies["doorstroom"] = copy;
        Assert.False(await SignedInNow(replay));
    }

    [Fact]
    public async Task A_check_interval_of_zero_ends_the_session_on_the_next_request_and_the_copy_on_another_node_too()
    {
        using var one = new ClockedNode(Database.File!, clock, checkSeconds: 0);
        using var two = new ClockedNode(Database.File!, clock, checkSeconds: 0);
        using var session = await SignedIn(one, "analist1");
        using var copy = two.NewSession();
        foreach (var (name, value) in session.Cookies)
            copy.Cookies[name] = value;
        Assert.True(await SignedInNow(copy));
        AccountAdmin.SetDisabled(Database, "analist1", true, "test");
        Assert.False(await SignedInNow(copy));
        Assert.False(await SignedInNow(session));
    }

    [Fact]
    public async Task A_session_whose_account_is_enabled_and_unchanged_stays_signed_in_across_checks()
    {
        using var node = new ClockedNode(Database.File!, clock, checkSeconds: 60);
        using var session = await SignedIn(node, "analist1");
        // Another account's change, and an enable that changes nothing, leave this session alone.
        AccountAdmin.SetDisabled(Database, "analist2", true, "test");
        AccountAdmin.SetDisabled(Database, "analist1", false, "test");
        for (var minute = 0; minute < 5; minute++)
        {
            clock.Advance(TimeSpan.FromSeconds(61));
            Assert.True(await SignedInNow(session));
        }
        Assert.Equal(1, WebSessions.Count(Database, "analist1", clock.GetUtcNow()));
    }

    [Fact]
    public void Wrong_passwords_on_two_nodes_add_up_to_one_lock()
    {
        var limits = new SignInLimits { MaxFailures = 4 };
        AccountService Node()
        {
            var site = new SiteServices(new SiteOptions { Database = Database.File! }, clock);
            return new AccountService(site, new SignInLockout(site, limits));
        }
        var one = Node();
        var two = Node();
        Assert.Null(one.TrySignIn("analist1", "geraden-1").LockedFor);
        Assert.Null(two.TrySignIn("analist1", "geraden-2").LockedFor);
        Assert.Null(one.TrySignIn("analist1", "geraden-3").LockedFor);
        Assert.Equal(TimeSpan.FromMinutes(15), two.TrySignIn("analist1", "geraden-4").LockedFor);
        Assert.NotNull(one.TrySignIn("analist1", Password).LockedFor);
        Assert.Null(one.TrySignIn("analist1", Password).Granted);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.NotNull(two.TrySignIn("analist1", Password).Granted);
    }
}
