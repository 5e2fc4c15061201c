using Dapper;

namespace Doorstroom.Storage.Tests;

/// <summary>Sign-in sessions and sign-in failures in the store (decision 0019), on both stores.</summary>
public sealed class WebSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private static long Rows(Database database, string table)
    {
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_session_is_stored_found_by_its_key_and_ended(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var key = WebSessions.Start(store.Database, "decaan", "stamp-1", "sealed-ticket", Now.AddHours(8), Now);
        var found = WebSessions.Find(store.Database, key, Now.AddMinutes(5));
        Assert.Equal(new WebSession("decaan", "sealed-ticket", "stamp-1", Now, Now.AddHours(8), Now), found);
        Assert.Null(WebSessions.Find(store.Database, key + "x", Now));

        WebSessions.End(store.Database, key);
        Assert.Null(WebSessions.Find(store.Database, key, Now));
        Assert.Equal(0, Rows(store.Database, "web_session"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_store_keeps_only_the_sha256_of_a_key_never_the_key(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var key = WebSessions.Start(store.Database, "decaan", "stamp-1", "sealed-ticket", Now.AddHours(8), Now);
        Assert.Equal(43, key.Length);
        using var connection = store.Database.ConnectMigrated();
        var row = connection.QuerySingle<(string KeyHash, string Username, string Ticket, string Stamp)>(
            "SELECT key_hash, username, ticket, security_stamp " + "FROM web_session"
        );
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), row.KeyHash);
        Assert.DoesNotContain(key, string.Join("|", row.KeyHash, row.Username, row.Ticket, row.Stamp), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_expired_session_is_not_found_and_is_removed_and_a_new_session_sweeps_the_expired(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var shortKey = WebSessions.Start(store.Database, "a", "s", "t", Now.AddMinutes(10), Now);
        WebSessions.Start(store.Database, "b", "s", "t", Now.AddMinutes(10), Now);
        var longKey = WebSessions.Start(store.Database, "c", "s", "t", Now.AddHours(8), Now);
        Assert.Null(WebSessions.Find(store.Database, shortKey, Now.AddMinutes(10)));
        Assert.Equal(2, Rows(store.Database, "web_session"));

        WebSessions.Start(store.Database, "d", "s", "t", Now.AddHours(9), Now.AddMinutes(11));
        Assert.Equal(2, Rows(store.Database, "web_session"));
        Assert.NotNull(WebSessions.Find(store.Database, longKey, Now.AddMinutes(11)));
        Assert.Equal(1, WebSessions.EndExpired(store.Database, Now.AddHours(8)));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_ended_session_cannot_be_renewed_back(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var key = WebSessions.Start(store.Database, "decaan", "s", "t", Now.AddHours(8), Now);
        WebSessions.End(store.Database, key);
        Assert.False(WebSessions.Renew(store.Database, key, "t2", Now.AddHours(9), Now.AddHours(1)));
        Assert.Null(WebSessions.Find(store.Database, key, Now.AddHours(1)));
        Assert.Equal(0, Rows(store.Database, "web_session"));

        // Nor an expired one.
        var expired = WebSessions.Start(store.Database, "decaan", "s", "t", Now.AddMinutes(5), Now);
        Assert.False(WebSessions.Renew(store.Database, expired, "t2", Now.AddHours(8), Now.AddMinutes(6)));
        Assert.Null(WebSessions.Find(store.Database, expired, Now.AddMinutes(6)));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_renewal_is_written_only_when_it_moves_the_expiry_by_more_than_a_minute(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var key = WebSessions.Start(store.Database, "decaan", "s", "t1", Now.AddHours(8), Now);
        Assert.False(WebSessions.Renew(store.Database, key, "t2", Now.AddHours(8).AddSeconds(59), Now.AddSeconds(59)));
        Assert.Equal("t1", WebSessions.Find(store.Database, key, Now.AddMinutes(1))!.Ticket);

        Assert.True(WebSessions.Renew(store.Database, key, "t3", Now.AddHours(12), Now.AddHours(4)));
        var renewed = WebSessions.Find(store.Database, key, Now.AddHours(9))!;
        Assert.Equal(("t3", Now.AddHours(12), Now.AddHours(4), Now), (renewed.Ticket, renewed.Expires, renewed.Renewed, renewed.Created));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Failures_counted_by_two_nodes_on_one_store_add_up_to_one_lock(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var one = Database.Open(store.Target);
        var two = Database.Open(store.Target);
        for (var i = 0; i < 4; i++)
        {
            SignInFailures.Failed(one, "account:decaan", Now.AddSeconds(i), 10, Window, Lockout);
            SignInFailures.Failed(two, "account:decaan", Now.AddSeconds(i), 10, Window, Lockout);
        }
        Assert.Null(SignInFailures.LockedUntil(one, "account:decaan", Now.AddSeconds(5)));
        SignInFailures.Failed(one, "account:decaan", Now.AddSeconds(6), 10, Window, Lockout);
        SignInFailures.Failed(two, "account:decaan", Now.AddSeconds(7), 10, Window, Lockout);
        Assert.Equal(Now.AddSeconds(7) + Lockout, SignInFailures.LockedUntil(one, "account:decaan", Now.AddSeconds(8)));
        Assert.Equal(Now.AddSeconds(7) + Lockout, SignInFailures.LockedUntil(two, "account:decaan", Now.AddSeconds(8)));
        Assert.Null(SignInFailures.LockedUntil(two, "account:other", Now.AddSeconds(8)));

        // Failures during the lock change nothing; the lock ends on time; a success on the other node clears the count.
        SignInFailures.Failed(two, "account:decaan", Now.AddMinutes(10), 10, Window, Lockout);
        Assert.Equal(Now.AddSeconds(7) + Lockout, SignInFailures.LockedUntil(one, "account:decaan", Now.AddMinutes(10)));
        Assert.Null(SignInFailures.LockedUntil(one, "account:decaan", Now.AddSeconds(7) + Lockout));
        SignInFailures.Failed(one, "account:decaan", Now.AddMinutes(20), 10, Window, Lockout);
        SignInFailures.Succeeded(two, "account:decaan");
        Assert.Equal(0, Rows(one, "sign_in_failure"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Failures_older_than_the_window_start_over_and_the_sweep_forgets_them(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        for (var i = 0; i < 9; i++)
            SignInFailures.Failed(store.Database, "account:a", Now, 10, Window, Lockout);
        // The tenth failure comes after the window: a new count of one, no lock.
        SignInFailures.Failed(store.Database, "account:a", Now + Window + TimeSpan.FromSeconds(1), 10, Window, Lockout);
        Assert.Null(SignInFailures.LockedUntil(store.Database, "account:a", Now + Window + TimeSpan.FromSeconds(2)));
        for (var i = 0; i < 8; i++)
            SignInFailures.Failed(store.Database, "account:a", Now + Window + TimeSpan.FromSeconds(2), 10, Window, Lockout);
        Assert.Null(SignInFailures.LockedUntil(store.Database, "account:a", Now + Window + TimeSpan.FromSeconds(3)));
        SignInFailures.Failed(store.Database, "account:a", Now + Window + TimeSpan.FromSeconds(3), 10, Window, Lockout);
        Assert.NotNull(SignInFailures.LockedUntil(store.Database, "account:a", Now + Window + TimeSpan.FromSeconds(4)));

        SignInFailures.Failed(store.Database, "account:b", Now, 10, Window, Lockout);
        Assert.Equal(0, SignInFailures.Sweep(store.Database, Now + Window, Window));
        Assert.Equal(1, SignInFailures.Sweep(store.Database, Now + Window + TimeSpan.FromSeconds(1), Window));
        Assert.Equal(1, SignInFailures.Sweep(store.Database, Now + Window * 3, Window));
        Assert.Equal(0, Rows(store.Database, "sign_in_failure"));
    }
}
