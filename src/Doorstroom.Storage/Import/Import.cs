using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
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
/// The importer of one kind of file: all of it in one transaction together with its journal entry, or nothing with
/// the problems. <see cref="TableImporter{TRow}"/> does reference tables, <see cref="EventImporter"/> pupil events.
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

/// <summary>
/// An importer of reference rows: parse the whole file first (refusing it on any bad record), then upsert every row
/// into one table by its key, in one transaction. Re-importing the same rows changes nothing.
/// </summary>
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

        long changed;
        using (var transaction = connection.BeginTransaction())
        {
            using (var writer = new BatchedUpsert(connection, transaction, Table, database.Dialect))
            {
                foreach (var row in parsed.Rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Add(Parameters(row));
                    if (writer.Added % 5000 == 0) progress?.Report(new ImportProgress("storing", writer.Added, parsed.Rows.Length));
                }

                writer.Flush();
                changed = writer.Changed;
            }

            if (ImportJournal.Find(connection, sha) is null)
                ImportJournal.Record(connection, transaction, sha, Kind, name, parsed.Records, parsed.Rows.Length, clock.GetUtcNow());
            transaction.Commit();
        }

        progress?.Report(new ImportProgress("storing", parsed.Rows.Length, parsed.Rows.Length));
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
    public string Sql { get; } = Build(Table, Key, Columns, "(" + string.Join(", ", Key.AddRange(Columns).Select(c => "@" + c)) + ")");

    /// <summary>
    /// The same statement for <paramref name="rows"/> rows at once (<c>VALUES (…), (…)</c>), with positional parameters
    /// <c>@p{row}_{column}</c>. The rows must have distinct keys: PostgreSQL refuses to touch one row twice in a statement.
    /// </summary>
    public string SqlFor(int rows)
    {
        var all = Key.AddRange(Columns);
        var tuples = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, all.Length).Select(c => $"@p{r}_{c}")) + ")");
        return Build(Table, Key, Columns, string.Join(", ", tuples));
    }

    private static string Build(string table, ImmutableArray<string> key, ImmutableArray<string> columns, string values)
    {
        var all = key.AddRange(columns);
        if (columns.IsEmpty)
            return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES {values} ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
        var set = string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"));
        var mine = string.Join(", ", columns.Select(c => $"{table}.{c}"));
        var theirs = string.Join(", ", columns.Select(c => $"excluded.{c}"));
        var differs = columns.Length == 1 ? $"{mine} IS DISTINCT FROM {theirs}" : $"({mine}) IS DISTINCT FROM ({theirs})";
        return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES {values} ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {set} WHERE {differs}";
    }
}

/// <summary>
/// Writes upsert rows in multi-row statements of up to a few hundred rows, reusing one prepared command, so that a
/// file of 100,000 rows is a few hundred round trips instead of 100,000 (a per-row Dapper call costs seconds on
/// PostgreSQL). Each row is an object whose properties are named after the columns, ignoring case and underscores
/// (<c>examenkandidaten_lt5</c> is <c>ExamenkandidatenLt5</c>); a row whose key
/// is already waiting in the batch flushes the batch first, so repeated keys keep per-row semantics (last one wins).
/// </summary>
internal sealed class BatchedUpsert(DbConnection connection, DbTransaction transaction, Upsert upsert, Dialect dialect) : IDisposable
{
    // PostgreSQL gains from few round trips. SQLite has none to save, and Microsoft.Data.Sqlite looks each parameter up
    // by name in a linear list, so a statement of thousands of parameters binds in quadratic time: keep it small there.
    private readonly int _maxParameters = dialect == Dialect.Postgres ? 8000 : 100;
    private readonly ImmutableArray<string> _columns = upsert.Key.AddRange(upsert.Columns);
    private readonly List<object?[]> _pending = [];
    private readonly HashSet<string> _pendingKeys = new(StringComparer.Ordinal);
    private DbCommand? _full;
    private (Type Type, Func<object, object?>[] Getters, DbType?[] Types)? _shape;

    private int BatchRows => Math.Clamp(_maxParameters / _columns.Length, 1, 500);

    /// <summary>Rows handed in so far.</summary>
    public long Added { get; private set; }

    /// <summary>Rows inserted or updated by the statements run so far.</summary>
    public long Changed { get; private set; }

    /// <summary>Queues one row; runs a statement when the batch is full.</summary>
    public void Add(object row)
    {
        var shape = ShapeOf(row);
        var values = new object?[_columns.Length];
        for (var i = 0; i < values.Length; i++) values[i] = shape.Getters[i](row);
        var key = string.Join('\u001f', values.Take(upsert.Key.Length).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        if (!_pendingKeys.Add(key))
        {
            Flush();
            _pendingKeys.Add(key);
        }

        _pending.Add(values);
        Added++;
        if (_pending.Count == BatchRows) Flush();
    }

    /// <summary>Runs what is queued.</summary>
    public void Flush()
    {
        if (_pending.Count == 0 || _shape is not { } shape) return;
        if (_pending.Count == BatchRows)
        {
            _full ??= Command(BatchRows, shape.Types, prepare: true);
            Changed += Run(_full);
        }
        else
        {
            using var partial = Command(_pending.Count, shape.Types, prepare: false);
            Changed += Run(partial);
        }

        _pending.Clear();
        _pendingKeys.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => _full?.Dispose();

    private int Run(DbCommand command)
    {
        var p = 0;
        foreach (var values in _pending)
            foreach (var value in values)
                command.Parameters[p++].Value = value ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }

    private DbCommand Command(int rows, DbType?[] types, bool prepare)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is built from the importer's own table and column names, never from input.
        command.CommandText = upsert.SqlFor(rows);
#pragma warning restore CA2100
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < _columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{r}_{c}";
                if (types[c] is { } type) parameter.DbType = type;
                command.Parameters.Add(parameter);
            }

        if (prepare) command.Prepare();
        return command;
    }

    private (Type Type, Func<object, object?>[] Getters, DbType?[] Types) ShapeOf(object row)
    {
        var type = row.GetType();
        if (_shape is { } known && known.Type == type) return known;
        var getters = new Func<object, object?>[_columns.Length];
        var types = new DbType?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
            var property = type.GetProperty(_columns[i], Public)
                ?? type.GetProperty(_columns[i].Replace("_", "", StringComparison.Ordinal), Public)
                ?? throw new InvalidOperationException($"The rows for {upsert.Table} have no property for column {_columns[i]}.");
            getters[i] = property.GetValue;
            types[i] = (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
            {
                var t when t == typeof(string) => DbType.String,
                var t when t == typeof(int) => DbType.Int32,
                var t when t == typeof(long) => DbType.Int64,
                var t when t == typeof(short) => DbType.Int16,
                var t when t == typeof(double) => DbType.Double,
                var t when t == typeof(bool) => DbType.Boolean,
                _ => null,
            };
        }

        Flush();
        _shape = (type, getters, types);
        _full?.Dispose();
        _full = null;
        return _shape.Value;
    }
}
