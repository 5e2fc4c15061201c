using System.Net;
using Microsoft.AspNetCore.Identity;

namespace Doorstroom.Web.Tests;

/// <summary>A password hasher that counts its work and remembers which hashes it verified against.</summary>
public sealed class CountingHasher : IPasswordHasher<string>
{
    private readonly PasswordHasher<string> inner = new();

    public List<string> Verified { get; } = [];

    public string HashPassword(string user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(string user, string hashedPassword, string providedPassword)
    {
        Verified.Add(hashedPassword);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Guessing passwords and client secrets: lockout, equal work for unknown names (issue 12, finding 2).</summary>
public sealed class SignInLimitTests(SiteFactory site) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-lockout-").FullName;

    public void Dispose()
    {
        TempFolder.Delete(folder);
    }

    private (AccountService Accounts, TestClock Clock, CountingHasher Hasher) Service(bool demo = true)
    {
        var clock = new TestClock(SiteFactory.Now);
        var hasher = new CountingHasher();
        var store = new SiteServices(new SiteOptions { Database = site.DatabaseFile, Demo = demo }, clock);
        // The failures are counted in a store of their own: a lock in the shared site's store would lock its other tests out.
        var failures = Storage.Database.Open(Path.Combine(folder, "lockout.db"));
        return (new AccountService(store, new SignInLockout(failures, clock, new SignInLimits()), hasher), clock, hasher);
    }

    [Fact]
    public void Fifty_wrong_passwords_lock_the_account_and_the_right_one_is_refused_until_the_lock_ends()
    {
        var (accounts, clock, _) = Service();
        SignInAttempt<Storage.UserAccount>? last = null;
        for (var i = 0; i < 50; i++)
            last = accounts.TrySignIn("decaan", "geraden-" + i);
        Assert.Null(last!.Granted);
        Assert.Equal(TimeSpan.FromMinutes(15), last.LockedFor);

        var right = accounts.TrySignIn("decaan", DemoData.Password);
        Assert.Null(right.Granted);
        Assert.NotNull(right.LockedFor);
        Assert.Null(accounts.TrySignIn("  DECAAN ", DemoData.Password).Granted);

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Null(accounts.TrySignIn("decaan", DemoData.Password).Granted);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(accounts.TrySignIn("decaan", DemoData.Password).Granted);
    }

    [Fact]
    public void Fifty_wrong_client_secrets_lock_the_client_and_the_right_secret_gets_no_token_until_the_lock_ends()
    {
        var (accounts, clock, _) = Service();
        for (var i = 0; i < 50; i++)
            accounts.TryClient("demo-analist", "geraden-" + i);
        Assert.NotNull(accounts.TryClient("demo-analist", DemoData.ClientSecret).LockedFor);
        Assert.Null(accounts.TryClient("demo-analist", DemoData.ClientSecret).Granted);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.NotNull(accounts.TryClient("demo-analist", DemoData.ClientSecret).Granted);
    }

    [Fact]
    public void An_unknown_name_is_locked_exactly_like_a_known_one()
    {
        var (accounts, _, _) = Service();
        for (var i = 0; i < 10; i++)
        {
            var known = accounts.TrySignIn("decaan2", "x");
            var unknown = accounts.TrySignIn("niemand", "x");
            Assert.Equal(known.LockedFor, unknown.LockedFor);
        }
        Assert.NotNull(accounts.TrySignIn("niemand", "x").LockedFor);
    }

    [Fact]
    public void A_success_clears_the_failures_so_an_occasional_typo_never_locks()
    {
        var (accounts, _, _) = Service();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 9; i++)
                Assert.Null(accounts.TrySignIn("zorg", "typo").LockedFor);
            Assert.NotNull(accounts.TrySignIn("zorg", DemoData.Password).Granted);
        }
    }

    [Theory]
    [InlineData("decaan", "wrong", true)]
    [InlineData("decaan", DemoData.Password, true)]
    [InlineData("niemand", "wrong", false)]
    public void Every_sign_in_verifies_one_hash_of_the_same_strength_whether_or_not_the_name_exists(string username, string password, bool exists)
    {
        var (accounts, _, hasher) = Service();
        accounts.TrySignIn(username, password);
        var hash = Assert.Single(hasher.Verified);
        var stored = Storage.Accounts.Find(site.Site.Database, "decaan")!.PasswordHash;
        Assert.Equal(exists, hash == stored);
        // PBKDF2 format v3: marker, PRF, iteration count and salt length, then salt and subkey: the same header means the same work.
        Assert.Equal(Convert.FromBase64String(stored)[..13], Convert.FromBase64String(hash)[..13]);
        Assert.Equal(stored.Length, hash.Length);
    }

    [Fact]
    public void A_demo_account_outside_demo_mode_and_an_unknown_client_cost_the_same_one_hash()
    {
        var (accounts, _, hasher) = Service(demo: false);
        Assert.Null(accounts.TrySignIn("decaan", DemoData.Password).Granted);
        Assert.Null(accounts.TryClient("no-such-client", "x").Granted);
        Assert.Null(accounts.TryClient("demo-analist", DemoData.ClientSecret).Granted);
        Assert.Equal(3, hasher.Verified.Count);
    }

    [Fact]
    public void A_locked_name_costs_no_hash_work()
    {
        var (accounts, _, hasher) = Service();
        for (var i = 0; i < 10; i++)
            accounts.TrySignIn("intake2", "x");
        hasher.Verified.Clear();
        accounts.TrySignIn("intake2", DemoData.Password);
        Assert.Empty(hasher.Verified);
    }
}

/// <summary>A production site with low guessing limits: 4 requests a minute per address, 3 per name, a lock after 3 failures.</summary>
public sealed class LimitedSite : ProductionSite
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Doorstroom:SignIn:PerAddressPerMinute", "4"), new("Doorstroom:SignIn:PerAccountPerMinute", "3"), new("Doorstroom:SignIn:MaxFailures", "3")];
}

/// <summary>ASP.NET Core's rate limiter on the sign-in form and the token endpoint, and the lockout's Dutch message.</summary>
public sealed class SignInRateLimitTests(LimitedSite site) : IClassFixture<LimitedSite>
{
    private async Task<HttpResponseMessage> SignIn(string address, string username, string password)
    {
        using var session = new Session(site.Client(address: address));
        return await session.SignInAsync(username, password);
    }

    private async Task<HttpResponseMessage> Token(string address, string clientId, string secret)
    {
        using var client = site.Client(address: address);
        return await client.PostAsync(
            "/connect/token",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = secret,
                }
            ),
            TestContext.Current.CancellationToken
        );
    }

    [Fact]
    public async Task One_account_name_gets_three_tries_a_minute_from_any_address()
    {
        // Case and spaces make no other name. The third failure also locks the name (15 minutes); the fourth try is the rate
        // limiter's refusal, before the page: its own message and a Retry-After within the minute.
        string[] names = ["rate-a", " RATE-A", "Rate-A", "rate-a"];
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < names.Length; i++)
            responses.Add(await SignIn($"198.51.100.{i + 1}", names[i], "x"));
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            responses.Select(r => r.StatusCode)
        );
        Assert.Contains(
            "Probeer het over 15 minuten opnieuw",
            await responses[2].Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Probeer het over 1 minuut opnieuw",
            await responses[3].Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        Assert.InRange(responses[3].Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task One_address_gets_four_tries_a_minute_for_any_names_and_the_answer_is_dutch_with_retry_after()
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await SignIn("203.0.113.7", "adres-" + i, "x");
            if (i < 4)
                Assert.Equal(HttpStatusCode.Unauthorized, last.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Contains(
            "Te veel pogingen. Probeer het over 1 minuut " + "opnieuw.",
            await last.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        last.Dispose();
    }

    [Fact]
    public async Task The_third_wrong_password_locks_the_account_with_a_dutch_message()
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await SignIn($"198.51.100.{50 + i}", ProductionSite.Username, "geraden-" + i);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains(
            "Te veel pogingen. Probeer het over 15 minuten " + "opnieuw.",
            await last.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        last.Dispose();
    }

    [Fact]
    public async Task The_token_endpoint_limits_a_client_id_and_answers_json()
    {
        var statuses = new List<HttpStatusCode>();
        string body = "";
        for (var i = 0; i < 4; i++)
        {
            using var response = await Token($"198.51.100.{100 + i}", "token-rate", "x");
            statuses.Add(response.StatusCode);
            body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.Contains("\"error\":\"too_many_requests\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_endpoint_locks_a_client_after_three_wrong_secrets()
    {
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await Token($"198.51.100.{150 + i}", ProductionSite.ClientId, "geraden-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var third = await Token("198.51.100.160", ProductionSite.ClientId, "geraden-3");
        var body = await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
        Assert.Contains("Too many failed attempts", body, StringComparison.Ordinal);
    }
}
