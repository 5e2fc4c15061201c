using Dapper;

namespace Doorstroom.Storage;

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
        connection.Execute(
            $"""
            INSERT INTO sign_in_failure (name, since, failures, locked_until) VALUES (@name, @now, 1, @firstLock)
            ON CONFLICT (name) DO UPDATE SET
                since = CASE WHEN {Locked} THEN sign_in_failure.since WHEN {Fresh} THEN @now ELSE sign_in_failure.since END,
                failures = CASE WHEN {Locked} THEN sign_in_failure.failures WHEN {Fresh} THEN 1 ELSE sign_in_failure.failures + 1 END,
                locked_until = CASE
                    WHEN {Locked} THEN sign_in_failure.locked_until
                    WHEN (CASE WHEN {Fresh} THEN 1 ELSE sign_in_failure.failures + 1 END) >= @max THEN @until
                    ELSE NULL END
            """,
            new
            {
                name,
                now = WebSessions.Ms(now),
                window = (long)window.TotalMilliseconds,
                max = maxFailures,
                until = WebSessions.Ms(now + lockout),
                firstLock = maxFailures <= 1 ? WebSessions.Ms(now + lockout) : (long?)null,
            }
        );
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
        return connection.Execute(
            """
            DELETE FROM sign_in_failure
            WHERE (locked_until IS NOT NULL AND locked_until <= @now) OR (locked_until IS NULL AND since < @oldest)
            """,
            new { now = WebSessions.Ms(now), oldest = WebSessions.Ms(now - window) }
        );
    }
}
