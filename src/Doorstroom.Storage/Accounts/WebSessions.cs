using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Doorstroom.Storage;

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
        connection.Execute(
            """
            INSERT INTO web_session (key_hash, username, ticket, security_stamp, created_at, expires_at, renewed_at)
            VALUES (@hash, @username, @ticket, @securityStamp, @now, @expires, @now)
            """,
            new
            {
                hash = Hash(key),
                username,
                ticket,
                securityStamp,
                now = Ms(now),
                expires = Ms(expires),
            }
        );
        return key;
    }

    /// <summary>The live session with this key, or null (unknown, ended, or expired: an expired one is removed now).</summary>
    public static WebSession? Find(Database database, string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        using var connection = database.ConnectMigrated();
        var row = connection.QueryFirstOrDefault<Row>(
            """
            SELECT username AS Username, ticket AS Ticket, security_stamp AS SecurityStamp, created_at AS Created, expires_at AS Expires, renewed_at AS Renewed
            FROM web_session WHERE key_hash = @hash
            """,
            new { hash = Hash(key) }
        );
        if (row is null)
            return null;
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
        return connection.Execute(
                """
                UPDATE web_session SET ticket = @ticket, expires_at = @expires, renewed_at = @now
                WHERE key_hash = @hash AND expires_at > @now AND expires_at < @before
                """,
                new
                {
                    ticket,
                    expires = Ms(expires),
                    now = Ms(now),
                    before = Ms(expires - RenewStep),
                    hash = Hash(key),
                }
            ) > 0;
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
        return connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM web_session WHERE username = @username AND expires_at > " + "@now",
            new { username, now = Ms(now) }
        );
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
