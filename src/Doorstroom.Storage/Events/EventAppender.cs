using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Doorstroom.Domain;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Doorstroom.Storage;

/// <summary>
/// Appends events inside a transaction the caller owns, batch by batch: checks each event, maps pupil keys to ids
/// (a dictionary per append, looked up in and added to the store a batch at a time), and hands the batch to the
/// store's bulk writer. Reading, checking and hashing run on the caller's thread while a writer thread stores the
/// previous batches (a bounded hand-over of a few batches), so a two-core machine keeps both cores busy.
/// Problems go to <c>report</c> with the caller's line number; after the first one nothing more is written (the caller
/// rolls back) but events are still checked, so a file's problems come out together.
/// </summary>
internal sealed class EventAppender : IDisposable
{
    /// <summary>How often progress is reported, in events.</summary>
    public const int ProgressEvery = 10_000;

    private readonly IEventSink _sink;
    private readonly Action<long, string, string> _report;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly Dictionary<string, PupilRef> _pupils = new(StringComparer.Ordinal);
    private readonly BlockingCollection<(Pending[] Rows, int Count)> _full = new(boundedCapacity: 4);
    private readonly ConcurrentQueue<Pending[]> _free = new();
    private readonly Lock _lock = new();
    private readonly Thread _writer;
    private readonly int _batchSize;
    private readonly bool _storeHadPupils;
    private Pending[] _batch;
    private int _count;
    private long _events, _inserted, _newPupils;
    private volatile bool _failed;
    private Exception? _error;

    public EventAppender(DbConnection connection, DbTransaction transaction, Dialect dialect, Action<long, string, string> report,
        IProgress<ImportProgress>? progress)
    {
        _sink = dialect == Dialect.Sqlite
            ? new SqliteEventSink((SqliteConnection)connection)
            : new PostgresEventSink((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        _batchSize = dialect == Dialect.Sqlite ? 4096 : 50_000;
        _batch = new Pending[_batchSize];
        _report = report;
        _progress = progress;
        _storeHadPupils = _sink.AnyPupils();
        _writer = new Thread(Write) { Name = "event writer", IsBackground = true };
        _writer.Start();
    }

    /// <summary>True once a problem was reported: nothing more is written.</summary>
    public bool Failed => _failed;

    /// <summary>Checks an event and queues it for the store.</summary>
    public void Add(long line, EventRecord record)
    {
        var e = EventNames.Normalize(record.Event);
        var problems = EventShapes.Check(e);
        foreach (var (field, message) in problems) Report(line, field, message);
        if (record.BirthDate is { } birth && !BirthDateInRange(birth))
        {
            Report(line, "birth_date", $"a birth date from {EventNames.Date(ContractDates.EarliestBirthDate)} to {EventNames.Date(ContractDates.Latest)} (found {EventNames.Date(birth)})");
            return;
        }
        if (++_events % ProgressEvery == 0) _progress?.Report(new ImportProgress("storing", _events, null));
        if (!problems.IsEmpty || _failed) return;

        _batch[_count++] = new Pending(line, e, record.Synthetic, record.BirthDate, EventDigest.Of(e));
        if (_count == _batch.Length) HandOver();
    }

    /// <summary>True for a birth date the contract accepts.</summary>
    internal static bool BirthDateInRange(DateOnly birth) => birth >= ContractDates.EarliestBirthDate && birth <= ContractDates.Latest;

    /// <summary>Writes what is queued, waits for the writer, and says what the append did.</summary>
    public Appended Complete()
    {
        HandOver();
        _full.CompleteAdding();
        _writer.Join();
        if (_error is not null) ExceptionDispatchInfo.Throw(_error);
        _progress?.Report(new ImportProgress("storing", _events, _events));
        return new Appended(_events, _inserted, _newPupils);
    }

    /// <summary>Writes nothing more: the caller found a problem of its own and will roll back.</summary>
    public void Stop() => _failed = true;

    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _failed = true;
            _full.CompleteAdding();
        }

        _writer.Join();
        _full.Dispose();
        _sink.Dispose();
    }

    private void Report(long line, string field, string message)
    {
        lock (_lock)
        {
            _failed = true;
            _report(line, field, message);
        }
    }

    private void HandOver()
    {
        if (_error is not null) ExceptionDispatchInfo.Throw(_error);
        if (_count == 0 || _failed)
        {
            _count = 0;
            return;
        }

        _full.Add((_batch, _count));
        _batch = _free.TryDequeue(out var free) ? free : new Pending[_batchSize];
        _count = 0;
    }

    private void Write()
    {
        foreach (var (rows, count) in _full.GetConsumingEnumerable())
        {
            try
            {
                if (!_failed && _error is null) Flush(rows.AsSpan(0, count));
            }
            catch (Exception e)
            {
                // Whatever fails here is rethrown on the caller's thread by the next hand-over or Complete.
                _error = e;
                _failed = true;
            }

            Array.Clear(rows, 0, count);
            _free.Enqueue(rows);
        }
    }

    private void Flush(Span<Pending> batch)
    {
        ResolvePupils(batch);
        var allNew = true;
        foreach (ref var p in batch)
        {
            var pupil = _pupils[p.Event.Pupil];
            if (pupil.Synthetic != p.Synthetic)
                Report(p.Line, "synthetic", $"{Bool(pupil.Synthetic)}, as pupil {p.Event.Pupil} already has (found {Bool(p.Synthetic)})");
            if (pupil.BirthDate != p.BirthDate)
                Report(p.Line, "birth_date", $"{Date(pupil.BirthDate)}, as pupil {p.Event.Pupil} already has (found {Date(p.BirthDate)})");
            p.PupilId = pupil.Id;
            allNew &= pupil.New;
        }

        if (!_failed) _inserted += _sink.Write(batch, allNew);

        static string Bool(bool b) => b ? "true" : "false";
        static string Date(DateOnly? d) => d is { } date ? EventNames.Date(date) : "no birth date";
    }

    private void ResolvePupils(Span<Pending> batch)
    {
        var unknown = new List<NewPupil>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ref readonly var p in batch)
        {
            if (!_pupils.ContainsKey(p.Event.Pupil) && seen.Add(p.Event.Pupil))
                unknown.Add(new NewPupil(p.Event.Pupil, p.Synthetic, p.BirthDate));
        }

        if (unknown.Count == 0) return;
        if (_storeHadPupils)
        {
            _sink.FindPupils([.. unknown.Select(u => u.Key)], _pupils);
            unknown.RemoveAll(u => _pupils.ContainsKey(u.Key));
        }

        _sink.CreatePupils(unknown, _pupils);
        _newPupils += unknown.Count;
    }
}

/// <summary>An event waiting in a batch: where it came from, its digest, and (once resolved) its pupil's id.</summary>
internal record struct Pending(long Line, TransitionEvent Event, bool Synthetic, DateOnly? BirthDate, long Digest)
{
    public long PupilId { get; set; }
}

/// <summary>A pupil's id and attributes; <see cref="New"/> when created by this append.</summary>
internal readonly record struct PupilRef(long Id, bool Synthetic, DateOnly? BirthDate, bool New);

/// <summary>A pupil to create.</summary>
internal readonly record struct NewPupil(string Key, bool Synthetic, DateOnly? BirthDate);

/// <summary>The per-dialect bulk writer under <see cref="EventAppender"/>.</summary>
internal interface IEventSink : IDisposable
{
    bool AnyPupils();

    /// <summary>Adds the pupils among <paramref name="keys"/> that the store has.</summary>
    void FindPupils(string[] keys, Dictionary<string, PupilRef> into);

    /// <summary>Creates pupils, ids ascending in list order.</summary>
    void CreatePupils(List<NewPupil> pupils, Dictionary<string, PupilRef> into);

    /// <summary>Stores the events not yet in their pupils' streams, in order; returns how many were stored.</summary>
    long Write(ReadOnlySpan<Pending> rows, bool allNew);
}

/// <summary>
/// SQLite: statements prepared once per append on the raw handle (positional binding; Microsoft.Data.Sqlite's named
/// binding costs a name lookup per parameter), events as multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> of
/// <see cref="RowsPerStatement"/> rows.
/// </summary>
internal sealed class SqliteEventSink : IEventSink
{
    internal const int RowsPerStatement = 128;
    internal const string EventColumns = "pupil_id, kind, on_date, institution, leerweg, leerjaar, niveau, crebo, route, detail, digest";

    /// <summary>The columns an append writes: <see cref="EventColumns"/> (what the ingest benchmark's native loaders fill) and the correction's reference.</summary>
    internal const string WriteColumns = EventColumns + ", voids";
    private const int ColumnCount = 12;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _many, _one, _find, _create;

    public SqliteEventSink(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Pragma($"PRAGMA cache_size = -{CacheKib}");
        _many = Prepare(Insert(RowsPerStatement));
        _one = Prepare(Insert(1));
        _find = Prepare("SELECT id, synthetic, birth_date FROM pupil WHERE pkey = ?1");
        _create = Prepare("INSERT INTO pupil (pkey, synthetic, birth_date) VALUES (?1, ?2, ?3)");
    }

    private static string Insert(int rows)
    {
        var one = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
        return $"INSERT INTO event ({WriteColumns}) VALUES {string.Join(", ", Enumerable.Repeat(one, rows))} ON CONFLICT (pupil_id, digest) DO NOTHING";
    }

    /// <summary>The page cache while appending (KiB): the event table and its index grow by hundreds of MiB.</summary>
    internal const int CacheKib = 131_072;

    private void Pragma(string sql) => Check(raw.sqlite3_exec(_db, sql));

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out _));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW)) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public bool AnyPupils()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM pupil)";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public void FindPupils(string[] keys, Dictionary<string, PupilRef> into)
    {
        foreach (var key in keys)
        {
            raw.sqlite3_bind_text16(_find, 1, key);
            var rc = raw.sqlite3_step(_find);
            if (rc == raw.SQLITE_ROW)
            {
                DateOnly? birth = raw.sqlite3_column_type(_find, 2) != raw.SQLITE_NULL && EventStore.TryDate(raw.sqlite3_column_text(_find, 2).utf8_to_string(), out var b) ? b : null;
                into[key] = new PupilRef(raw.sqlite3_column_int64(_find, 0), raw.sqlite3_column_int64(_find, 1) != 0, birth, New: false);
            }
            else Check(rc);
            raw.sqlite3_reset(_find);
        }
    }

    public void CreatePupils(List<NewPupil> pupils, Dictionary<string, PupilRef> into)
    {
        Span<byte> date = stackalloc byte[10];
        foreach (var p in pupils)
        {
            raw.sqlite3_bind_text16(_create, 1, p.Key);
            raw.sqlite3_bind_int64(_create, 2, p.Synthetic ? 1 : 0);
            if (p.BirthDate is { } birth) raw.sqlite3_bind_text(_create, 3, Iso(birth, date)); else raw.sqlite3_bind_null(_create, 3);
            var rc = raw.sqlite3_step(_create);
            raw.sqlite3_reset(_create);
            Check(rc);
            into[p.Key] = new PupilRef(raw.sqlite3_last_insert_rowid(_db), p.Synthetic, p.BirthDate, New: true);
        }
    }

    public long Write(ReadOnlySpan<Pending> rows, bool allNew)
    {
        long stored = 0;
        Span<byte> date = stackalloc byte[10];
        while (rows.Length >= RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++) Bind(_many, r * ColumnCount, rows[r], date);
            stored += Step(_many);
            rows = rows[RowsPerStatement..];
        }

        foreach (ref readonly var row in rows)
        {
            Bind(_one, 0, row, date);
            stored += Step(_one);
        }

        return stored;
    }

    private int Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        Check(rc);
        return raw.sqlite3_changes(_db);
    }

    private static void Bind(sqlite3_stmt s, int at, in Pending row, Span<byte> date)
    {
        var e = row.Event;
        raw.sqlite3_bind_int64(s, at + 1, row.PupilId);
        raw.sqlite3_bind_text(s, at + 2, EventNames.KindUtf8(e.Kind));
        raw.sqlite3_bind_text(s, at + 3, Iso(e.Date, date));
        Text(s, at + 4, e.Institution);
        if (e.Leerweg is { } lw) raw.sqlite3_bind_text(s, at + 5, EventNames.LeerwegUtf8(lw)); else raw.sqlite3_bind_null(s, at + 5);
        Int(s, at + 6, e.Leerjaar);
        Int(s, at + 7, e.Niveau);
        Int(s, at + 8, e.Crebo);
        Text(s, at + 9, e.Route);
        Text(s, at + 10, e.Detail);
        raw.sqlite3_bind_int64(s, at + 11, row.Digest);
        if (e.Voids is { } voids) raw.sqlite3_bind_int64(s, at + 12, voids); else raw.sqlite3_bind_null(s, at + 12);

        static void Text(sqlite3_stmt s, int i, string? value)
        {
            if (value is null) raw.sqlite3_bind_null(s, i); else raw.sqlite3_bind_text16(s, i, value);
        }

        static void Int(sqlite3_stmt s, int i, int? value)
        {
            if (value is { } v) raw.sqlite3_bind_int64(s, i, v); else raw.sqlite3_bind_null(s, i);
        }
    }

    private static ReadOnlySpan<byte> Iso(DateOnly date, Span<byte> into)
    {
        date.TryFormat(into, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return into[..written];
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
        _find.Dispose();
        _create.Dispose();
        Pragma("PRAGMA cache_size = -2000");
    }
}

/// <summary>
/// PostgreSQL: pupils looked up and created a batch at a time with arrays; events by binary COPY, straight into
/// <c>event</c> when every pupil of the batch is new in this append (inside a savepoint: should the input repeat an
/// event, the unique index refuses the COPY and the batch goes the other way), else into a temporary staging table
/// and from there <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>.
/// </summary>
internal sealed class PostgresEventSink(NpgsqlConnection connection, NpgsqlTransaction transaction) : IEventSink
{
    private const string Savepoint = "event_batch";
    private bool _staging;

    public bool AnyPupils()
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pupil)", connection, transaction);
        return (bool)command.ExecuteScalar()!;
    }

    public void FindPupils(string[] keys, Dictionary<string, PupilRef> into)
    {
        using var command = new NpgsqlCommand("SELECT pkey, id, synthetic, birth_date FROM pupil WHERE pkey = ANY(@keys)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into[reader.GetString(0)] = new PupilRef(reader.GetInt64(1), reader.GetInt16(2) != 0,
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), New: false);
        }
    }

    public void CreatePupils(List<NewPupil> pupils, Dictionary<string, PupilRef> into)
    {
        if (pupils.Count == 0) return;
        using var command = new NpgsqlCommand("""
            INSERT INTO pupil (pkey, synthetic, birth_date)
            SELECT k, s, b FROM unnest(@keys, @synthetic, @birth) WITH ORDINALITY AS t (k, s, b, o) ORDER BY o
            RETURNING pkey, id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. pupils.Select(p => p.Key)]));
        command.Parameters.Add(new NpgsqlParameter<short[]>("synthetic", [.. pupils.Select(p => (short)(p.Synthetic ? 1 : 0))]));
        command.Parameters.Add(new NpgsqlParameter<DateOnly?[]>("birth", [.. pupils.Select(p => p.BirthDate)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        var ids = new Dictionary<string, long>(pupils.Count, StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        foreach (var p in pupils) into[p.Key] = new PupilRef(ids[p.Key], p.Synthetic, p.BirthDate, New: true);
    }

    public long Write(ReadOnlySpan<Pending> rows, bool allNew)
    {
        if (allNew)
        {
            transaction.Save(Savepoint);
            try
            {
                var copied = Copy($"COPY event ({SqliteEventSink.WriteColumns}) FROM STDIN (FORMAT BINARY)", rows, ordinal: false);
                transaction.Release(Savepoint);
                return copied;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                transaction.Rollback(Savepoint);
            }
        }

        if (!_staging)
        {
            Execute($"CREATE TEMP TABLE IF NOT EXISTS event_staging (ord BIGINT NOT NULL, {StagingColumns}) ON COMMIT DROP");
            _staging = true;
        }

        Execute("TRUNCATE event_staging");
        Copy($"COPY event_staging (ord, {SqliteEventSink.WriteColumns}) FROM STDIN (FORMAT BINARY)", rows, ordinal: true);
        return Execute($"""
            INSERT INTO event ({SqliteEventSink.WriteColumns})
            SELECT {SqliteEventSink.WriteColumns} FROM event_staging ORDER BY ord
            ON CONFLICT (pupil_id, digest) DO NOTHING
            """);
    }

    private const string StagingColumns = """
        pupil_id BIGINT NOT NULL, kind TEXT NOT NULL, on_date DATE NOT NULL, institution TEXT, leerweg TEXT,
        leerjaar SMALLINT, niveau SMALLINT, crebo INTEGER, route TEXT, detail TEXT, digest BIGINT NOT NULL, voids BIGINT
        """;

    private int Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        return command.ExecuteNonQuery();
    }

    private long Copy(string sql, ReadOnlySpan<Pending> rows, bool ordinal)
    {
        using var importer = connection.BeginBinaryImport(sql);
        long ord = 0;
        foreach (ref readonly var row in rows)
        {
            var e = row.Event;
            importer.StartRow();
            if (ordinal) importer.Write(ord++, NpgsqlDbType.Bigint);
            importer.Write(row.PupilId, NpgsqlDbType.Bigint);
            importer.Write(EventNames.Kind(e.Kind), NpgsqlDbType.Text);
            importer.Write(e.Date, NpgsqlDbType.Date);
            Text(e.Institution);
            Text(e.Leerweg is { } lw ? EventNames.Leerweg(lw) : null);
            Small(e.Leerjaar);
            Small(e.Niveau);
            if (e.Crebo is { } crebo) importer.Write(crebo, NpgsqlDbType.Integer); else importer.WriteNull();
            Text(e.Route);
            Text(e.Detail);
            importer.Write(row.Digest, NpgsqlDbType.Bigint);
            if (e.Voids is { } voids) importer.Write(voids, NpgsqlDbType.Bigint); else importer.WriteNull();
        }

        return (long)importer.Complete();

        void Text(string? value)
        {
            if (value is null) importer.WriteNull(); else importer.Write(value, NpgsqlDbType.Text);
        }

        void Small(int? value)
        {
            if (value is { } v) importer.Write((short)v, NpgsqlDbType.Smallint); else importer.WriteNull();
        }
    }

    public void Dispose() { }
}
