using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Doorstroom.Storage;

/// <summary>
/// The first import into an empty <c>event</c> table loads, then indexes: the table's indexes (and on PostgreSQL its
/// foreign keys) are dropped inside the import's own transaction and built once at the end, several times cheaper than
/// keeping them up to date row by row. All of it is the one transaction: a refused file, an error or a crash leaves the
/// store as it was, indexes included. Events repeated within the file, which the unique index would have skipped, are
/// removed before it is built (the first of them stays, as <c>ON CONFLICT DO NOTHING</c> keeps it). On PostgreSQL the
/// dropped indexes lock <c>event</c> until the import commits, so readers of the still empty table wait for it.
/// </summary>
internal sealed class DeferredIndexes
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dialect _dialect;
    private readonly List<string> _indexes;
    private readonly List<string> _foreignKeys;

    private DeferredIndexes(DbConnection connection, DbTransaction transaction, Dialect dialect, List<string> indexes, List<string> foreignKeys)
    {
        _connection = connection;
        _transaction = transaction;
        _dialect = dialect;
        _indexes = indexes;
        _foreignKeys = foreignKeys;
    }

    /// <summary>Drops the event table's indexes when the table holds no rows, and says how to build them again; null (nothing dropped) otherwise.</summary>
    public static DeferredIndexes? DropIfEmpty(DbConnection connection, DbTransaction transaction, Dialect dialect)
    {
        if (Rows(connection, transaction, "SELECT id FROM event LIMIT 1").Count > 0)
            return null;
        List<string> indexes = [],
            foreignKeys = [];
        if (dialect == Dialect.Sqlite)
        {
            foreach (
                var index in Rows(
                    connection,
                    transaction,
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL"
                )
            )
            {
                Execute(connection, transaction, $"DROP INDEX \"{index[0]}\"");
                indexes.Add(index[1]);
            }
        }
        else
        {
            const string Foreign = "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'event'::regclass AND contype = 'f'";
            foreach (var key in Rows(connection, transaction, Foreign))
            {
                Execute(connection, transaction, $"ALTER TABLE event DROP CONSTRAINT \"{key[0]}\"");
                foreignKeys.Add($"ALTER TABLE event ADD CONSTRAINT \"{key[0]}\" {key[1]}");
            }

            const string Standalone = """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = 'event'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
                """;
            foreach (var index in Rows(connection, transaction, Standalone))
            {
                Execute(connection, transaction, $"DROP INDEX {index[0]}");
                // The event table is partitioned (migration 14): its definition says ON ONLY, which would build an invalid index
                // on the parent alone; without ONLY it is built on every partition too.
                indexes.Add(index[1].Replace(" ON ONLY ", " ON ", StringComparison.Ordinal));
            }
        }

        return new DeferredIndexes(connection, transaction, dialect, indexes, foreignKeys);
    }

    /// <summary>Builds what was dropped, then the foreign keys; returns how many events repeated within the import it removed first.</summary>
    public long Rebuild()
    {
        long removed = 0;
        foreach (var sql in _indexes.OrderBy(s => s.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) ? 0 : 1))
        {
            if (TryBuild(sql))
                continue;
            removed += Execute(
                _connection,
                _transaction,
                _dialect == Dialect.Sqlite
                    ? "DELETE FROM event WHERE id NOT IN (SELECT min(id) FROM event GROUP BY pupil_id, digest)"
                    : "DELETE FROM event e USING event f WHERE f.pupil_id = e.pupil_id AND f.digest = e.digest AND f.id < e.id"
            );
            Execute(_connection, _transaction, sql);
        }

        foreach (var sql in _foreignKeys)
            Execute(_connection, _transaction, sql);
        return removed;
    }

    /// <summary>Builds an index; false, with nothing changed, when a unique index meets repeated events.</summary>
    private bool TryBuild(string sql)
    {
        if (_connection is NpgsqlConnection && _transaction is NpgsqlTransaction pg)
        {
            pg.Save("deferred_index");
            try
            {
                Execute(_connection, _transaction, sql);
                pg.Release("deferred_index");
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                pg.Rollback("deferred_index");
                return false;
            }
        }

        try
        {
            Execute(_connection, _transaction, sql);
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: SQLite undid the statement, the transaction goes on.
            return false;
        }
    }

    private static int Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command.ExecuteNonQuery();
    }

    private static List<string[]> Rows(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([
                .. Enumerable
                    .Range(0, reader.FieldCount)
                    .Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            ]);
        return rows;
    }
}
