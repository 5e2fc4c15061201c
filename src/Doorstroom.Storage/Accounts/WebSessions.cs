using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>A signed-in session as the store holds it: whose, the sealed ticket, the stamp at sign-in, and its times.</summary>
/// <param name="Ticket">The web application's ticket, sealed (the store never sees its claims in clear).</param>
/// <param name="SecurityStamp">The account's security stamp when the session began.</param>
public sealed record WebSession(string Username, string Ticket, string SecurityStamp, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset Renewed);

/// <summary>
/// The sessions of the sign-in cookie, in the store (table <c>web_session</c>, decision 0019): every web node reads the same
/// ones, so a session begun on one node is known on another and a restart signs no one out. The cookie carries a random
/// key; the store keeps only its SHA-256, so a copy of the table (a backup) signs no one in. An expired session is gone:
/// <see cref="Find"/> removes it, and every new session sweeps the expired ones.
/// </summary>
public static class WebSessions
{
    /// <summary>How far a renewal must move the expiry before it is written: sliding expiration renews often, the store need not know each.</summary>
    public static readonly TimeSpan RenewStep = TimeSpan.FromMinutes(1);

    /// <summary>Stores a new session and returns its key (32 random bytes, base64url), the one thing the cookie carries.</summary>
    public static string Start(Database database, string username, string securityStamp, string ticket, DateTimeOffset expires, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(securityStamp);
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        using var connection = database.ConnectMigrated();
        connection.Execute("DELETE FROM web_session WHERE expires_at <= @now", new { now = Ms(now) });
        connection.Execute("""
            INSERT INTO web_session (key_hash, username, ticket, security_stamp, created_at, expires_at, renewed_at)
            VALUES (@hash, @username, @ticket, @securityStamp, @now, @expires, @now)
            """, new { hash = Hash(key), username, ticket, securityStamp, now = Ms(now), expires = Ms(expires) });
        return key;
    }

    /// <summary>The live session with this key, or null (unknown, ended, or expired: an expired one is removed now).</summary>
    public static WebSession? Find(Database database, string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        using var connection = database.ConnectMigrated();
        var row = connection.QueryFirstOrDefault<Row>("""
            SELECT username AS Username, ticket AS Ticket, security_stamp AS SecurityStamp, created_at AS Created, expires_at AS Expires, renewed_at AS Renewed
            FROM web_session WHERE key_hash = @hash
            """, new { hash = Hash(key) });
        if (row is null) return null;
        if (row.Expires <= Ms(now))
        {
            connection.Execute("DELETE FROM web_session WHERE key_hash = @hash AND expires_at <= @now", new { hash = Hash(key), now = Ms(now) });
            return null;
        }
        return new(row.Username, row.Ticket, row.SecurityStamp, At(row.Created), At(row.Expires), At(row.Renewed));
    }

    /// <summary>
    /// Replaces a live session's ticket and expiry when the expiry moves by more than <see cref="RenewStep"/>; true when
    /// written. Never brings back an ended session: only an existing row is updated, nothing is inserted.
    /// </summary>
    public static bool Renew(Database database, string key, string ticket, DateTimeOffset expires, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ticket);
        using var connection = database.ConnectMigrated();
        return connection.Execute("""
            UPDATE web_session SET ticket = @ticket, expires_at = @expires, renewed_at = @now
            WHERE key_hash = @hash AND expires_at > @now AND expires_at < @before
            """, new { ticket, expires = Ms(expires), now = Ms(now), before = Ms(expires - RenewStep), hash = Hash(key) }) > 0;
    }

    /// <summary>Ends the session with this key (signing out, or a session found no longer valid).</summary>
    public static void End(Database database, string key)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        using var connection = database.ConnectMigrated();
        connection.Execute("DELETE FROM web_session WHERE key_hash = @hash", new { hash = Hash(key) });
    }

    /// <summary>Removes every expired session; the number removed.</summary>
    public static int EndExpired(Database database, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.Execute("DELETE FROM web_session WHERE expires_at <= @now", new { now = Ms(now) });
    }

    /// <summary>The live sessions of an account (for a beheerder's overview and the tests).</summary>
    public static int Count(Database database, string username, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM web_session WHERE username = @username AND expires_at > @now", new { username, now = Ms(now) });
    }

    /// <summary>What the store keeps of a key: its SHA-256, hex.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    internal static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private sealed class Row
    {
        public string Username { get; set; } = "";
        public string Ticket { get; set; } = "";
        public string SecurityStamp { get; set; } = "";
        public long Created { get; set; }
        public long Expires { get; set; }
        public long Renewed { get; set; }
    }
}

/// <summary>
/// Failed sign-in and token attempts per account name or client id (table <c>sign_in_failure</c>), shared by every web
/// node on the store: the failure that reaches the limit within the window locks the name for the lockout time. One
/// statement per failure (an upsert that counts), so two nodes counting at once lose no failure.
/// </summary>
public static class SignInFailures
{
    /// <summary>Until when the name is locked, or null when it is not locked at <paramref name="now"/>.</summary>
    public static DateTimeOffset? LockedUntil(Database database, string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(name);
        using var connection = database.ConnectMigrated();
        var until = connection.ExecuteScalar<long?>("SELECT locked_until FROM sign_in_failure WHERE name = @name", new { name });
        return until is { } ms && ms > WebSessions.Ms(now) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Counts a failed attempt at <paramref name="now"/>: failures older than <paramref name="window"/> (counted from the
    /// first) or from before an ended lock start over; the failure that reaches <paramref name="maxFailures"/> locks the
    /// name for <paramref name="lockout"/>; failures during a lock change nothing.
    /// </summary>
    public static void Failed(Database database, string name, DateTimeOffset now, int maxFailures, TimeSpan window, TimeSpan lockout)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        using var connection = database.ConnectMigrated();
        // In the update, the column names are the row as it was (both engines evaluate every SET against the old row).
        const string Locked = "sign_in_failure.locked_until IS NOT NULL AND sign_in_failure.locked_until > @now";
        const string Fresh = "sign_in_failure.locked_until IS NOT NULL OR @now - sign_in_failure.since > @window";
        connection.Execute($"""
            INSERT INTO sign_in_failure (name, since, failures, locked_until) VALUES (@name, @now, 1, @firstLock)
            ON CONFLICT (name) DO UPDATE SET
                since = CASE WHEN {Locked} THEN sign_in_failure.since WHEN {Fresh} THEN @now ELSE sign_in_failure.since END,
                failures = CASE WHEN {Locked} THEN sign_in_failure.failures WHEN {Fresh} THEN 1 ELSE sign_in_failure.failures + 1 END,
                locked_until = CASE
                    WHEN {Locked} THEN sign_in_failure.locked_until
                    WHEN (CASE WHEN {Fresh} THEN 1 ELSE sign_in_failure.failures + 1 END) >= @max THEN @until
                    ELSE NULL END
            """, new
        {
            name, now = WebSessions.Ms(now), window = (long)window.TotalMilliseconds, max = maxFailures,
            until = WebSessions.Ms(now + lockout), firstLock = maxFailures <= 1 ? WebSessions.Ms(now + lockout) : (long?)null,
        });
    }

    /// <summary>A successful attempt clears the name's failures.</summary>
    public static void Succeeded(Database database, string name)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(name);
        using var connection = database.ConnectMigrated();
        connection.Execute("DELETE FROM sign_in_failure WHERE name = @name", new { name });
    }

    /// <summary>Forgets names whose lock has ended or whose failures are older than the window; the number forgotten.</summary>
    public static int Sweep(Database database, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.Execute("""
            DELETE FROM sign_in_failure
            WHERE (locked_until IS NOT NULL AND locked_until <= @now) OR (locked_until IS NULL AND since < @oldest)
            """, new { now = WebSessions.Ms(now), oldest = WebSessions.Ms(now - window) });
    }
}
