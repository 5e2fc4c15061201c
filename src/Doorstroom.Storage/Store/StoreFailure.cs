using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Doorstroom.Storage;

/// <summary>
/// A store that failed, said in one line: which store, what happened, what to do (no stack trace, no data). The command
/// line and the web site's start both say it this way.
/// </summary>
public static class StoreFailure
{
    public static string Explain(string? store, DbException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var name = store ?? "the store";
        return e switch
        {
            SqliteException { SqliteErrorCode: 5 or 6 } => $"{name} is locked by another process (waited 5 s for it); try again when that process is done",
            SqliteException { SqliteErrorCode: 14 } => $"{name} cannot be opened: is it a folder, or a file (or folder) you may not read and write?",
            SqliteException { SqliteErrorCode: 8 } => $"{name} is read-only for you: you may not write to it or to its folder",
            SqliteException { SqliteErrorCode: 26 } => $"{name} is not a SQLite database",
            SqliteException { SqliteErrorCode: 11 } => $"{name} is damaged (the file is malformed); restore it from a backup",
            SqliteException { SqliteErrorCode: 1 } s when s.Message.Contains("no such", StringComparison.Ordinal) => Missing(name, s.Message),
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn } p => Missing(name, p.MessageText),
            PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => $"{name} is locked by another session; try again when it is done",
            NpgsqlException { InnerException: { } inner } => $"{name} cannot be reached ({inner.Message.Trim().TrimEnd('.')}); check that the server runs "
                + $"and that its host, port and database are right",
            _ => $"{name} failed: {e.Message}",
        };
    }

    private static string Missing(string name, string what) =>
        $"{name} lacks a table or column this version needs ({what.Trim().TrimEnd('.')}): it is not a Doorstroom store or it was damaged; restore it from a "
        + $"backup or start a new one";
}
