using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// Work that one process at a time may do on a store: on PostgreSQL under a session advisory lock, so web nodes started
/// together on one store (decision 0022) take turns; on SQLite (one node) it just runs.
/// </summary>
public static class StoreLock
{
    /// <summary>The lock under which a node makes the Data Protection key ring when the store has none.</summary>
    public const long KeyRing = 0x446f6f72_6b657973;

    /// <summary>Runs <paramref name="action"/> holding the advisory lock <paramref name="key"/> (PostgreSQL), released after.</summary>
    public static void Hold(Database database, long key, Action action)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(action);
        if (database.Dialect != Dialect.Postgres)
        {
            action();
            return;
        }
        using var connection = database.ConnectMigrated();
        connection.Execute("SELECT pg_advisory_lock(@key)", new { key });
        try
        {
            action();
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@key)", new { key });
        }
    }
}
