using System.Collections.Immutable;
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Doorstroom.Catalogue;

namespace Doorstroom.Storage;

/// <summary>What an import did. A refused file is an expected answer, so it is a value with its problems.</summary>
public abstract record ImportOutcome(string Kind, string File)
{
    /// <summary>True unless the file was refused.</summary>
    public bool Ok => this is not Refused;
}

/// <summary>The file was read whole and stored in one transaction.</summary>
/// <param name="Records">Records in the file (rows, features, events).</param>
/// <param name="Stored">Rows the file stands for in the store (after merging repeated records).</param>
/// <param name="Changed">Rows inserted or updated; 0 when the store already held exactly this.</param>
/// <param name="Notes">What the importer noticed and handled (repeated records, suppressed cells …).</param>
public sealed record Imported(string Kind, string File, long Records, long Stored, long Changed, ImmutableArray<string> Notes)
    : ImportOutcome(Kind, File);

/// <summary>The same bytes were imported before; nothing was read or written.</summary>
public sealed record AlreadyImported(string Kind, string File, string On, long Records) : ImportOutcome(Kind, File);

/// <summary>The file has bad records; nothing was written. Each problem names file, line, column and what was expected.</summary>
public sealed record Refused(string Kind, string File, ImmutableArray<Problem> Problems) : ImportOutcome(Kind, File);

/// <summary>How far an import has got, for a progress bar or a plain line.</summary>
public readonly record struct ImportProgress(string Stage, long Done, long? Total);

/// <summary>A file read whole: its rows, how many records it had, and what was wrong or noticed.</summary>
public sealed record Parsed<TRow>(ImmutableArray<TRow> Rows, long Records, ImmutableArray<Problem> Problems, ImmutableArray<string> Notes);

/// <summary>
/// The import journal: one row per imported file, keyed by the SHA-256 of its bytes, written in the same
/// transaction as the data. It is how an import of the same file twice becomes a no-op.
/// </summary>
public static class ImportJournal
{
    /// <summary>The SHA-256 of a file, as lowercase hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>When and as what a file with this hash was imported, or null.</summary>
    public static (string Kind, string ImportedAt, long Records)? Find(DbConnection connection, string sha256) =>
        connection.QueryFirstOrDefault<(string, string, long)?>(
            "SELECT kind, imported_at, records FROM import_log WHERE sha256 = @sha256", new { sha256 });

    /// <summary>Records an import inside its transaction.</summary>
    public static void Record(DbConnection connection, DbTransaction transaction, string sha256, string kind, string fileName,
        long records, long stored, DateTimeOffset now) =>
        connection.Execute(
            "INSERT INTO import_log (sha256, kind, file_name, records, stored, imported_at) VALUES (@sha256, @kind, @fileName, @records, @stored, @at)",
            new { sha256, kind, fileName, records, stored, at = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") }, transaction);
}

/// <summary>
/// One way to import reference data: parse the whole file first (refusing it on any bad record), then upsert every
/// row in one transaction together with the journal entry. Re-importing the same rows changes nothing.
/// </summary>
/// <param name="Kind">The name on the command line, e.g. <c>vo-vestigingen</c>.</param>
/// <param name="Description">One line for <c>import --help</c>.</param>
/// <param name="DefaultFiles">The files of this kind under the real-data folder.</param>
public abstract record Importer(string Kind, string Description, ImmutableArray<string> DefaultFiles)
{
    /// <summary>Imports a file of this kind: all of it in one transaction, or nothing with the problems.</summary>
    public abstract ImportOutcome Run(Database database, string path, TimeProvider clock, IProgress<ImportProgress>? progress = null,
        bool force = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The start every import shares: the file must exist, and a file whose bytes the journal already holds is not
    /// read again unless forced. Either <c>Answer</c> is the outcome to return at once, or <c>Connection</c> is an
    /// open, migrated connection the caller disposes.
    /// </summary>
    protected (ImportOutcome? Answer, DbConnection? Connection, string Name, string Sha256) Open(Database database, string path, bool force)
    {
        ArgumentNullException.ThrowIfNull(database);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            return (new Refused(Kind, name, [new Problem(path, null, "", "file not found")]), null, name, "");

        var sha = ImportJournal.Sha256Of(path);
        var connection = database.ConnectMigrated();
        if (!force && ImportJournal.Find(connection, sha) is { } before)
        {
            connection.Dispose();
            return (new AlreadyImported(Kind, name, before.ImportedAt, before.Records), null, name, sha);
        }

        return (null, connection, name, sha);
    }
}

/// <summary>An importer of reference rows: parse whole, then upsert into one table by its key.</summary>
public sealed record TableImporter<TRow>(
    string Kind,
    string Description,
    ImmutableArray<string> DefaultFiles,
    Func<string, CancellationToken, Parsed<TRow>> Parse,
    Upsert Table,
    Func<TRow, object> Parameters) : Importer(Kind, Description, DefaultFiles)
{
    /// <inheritdoc />
    public override ImportOutcome Run(Database database, string path, TimeProvider clock, IProgress<ImportProgress>? progress = null,
        bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (answer, opened, name, sha) = Open(database, path, force);
        if (answer is not null) return answer;
        using var connection = opened!;

        progress?.Report(new ImportProgress("reading", 0, null));
        var parsed = Parse(path, cancellationToken);
        if (!parsed.Problems.IsEmpty) return new Refused(Kind, name, parsed.Problems);

        long changed = 0, done = 0;
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var row in parsed.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                changed += connection.Execute(Table.Sql, Parameters(row), transaction);
                if (++done % 500 == 0) progress?.Report(new ImportProgress("storing", done, parsed.Rows.Length));
            }

            if (ImportJournal.Find(connection, sha) is null)
                ImportJournal.Record(connection, transaction, sha, Kind, name, parsed.Records, parsed.Rows.Length, clock.GetUtcNow());
            transaction.Commit();
        }

        progress?.Report(new ImportProgress("storing", done, parsed.Rows.Length));
        return new Imported(Kind, name, parsed.Records, parsed.Rows.Length, changed, parsed.Notes);
    }
}

/// <summary>
/// An <c>INSERT … ON CONFLICT (key) DO UPDATE … WHERE something differs</c> statement, which both SQLite and
/// PostgreSQL understand, so that storing an unchanged row counts 0 rows changed.
/// </summary>
public sealed record Upsert(string Table, ImmutableArray<string> Key, ImmutableArray<string> Columns)
{
    /// <summary>The statement, with Dapper parameters named after the columns.</summary>
    public string Sql { get; } = Build(Table, Key, Columns);

    private static string Build(string table, ImmutableArray<string> key, ImmutableArray<string> columns)
    {
        var all = key.AddRange(columns);
        var values = string.Join(", ", all.Select(c => "@" + c));
        if (columns.IsEmpty)
            return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({values}) ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
        var set = string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"));
        var mine = string.Join(", ", columns.Select(c => $"{table}.{c}"));
        var theirs = string.Join(", ", columns.Select(c => $"excluded.{c}"));
        var differs = columns.Length == 1 ? $"{mine} IS DISTINCT FROM {theirs}" : $"({mine}) IS DISTINCT FROM ({theirs})";
        return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({values}) ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {set} WHERE {differs}";
    }
}
