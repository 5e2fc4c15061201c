using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Doorstroom.Storage;

/// <summary>
/// SQLite: statements prepared once per append on the raw handle (positional binding; Microsoft.Data.Sqlite's named
/// binding costs a name lookup per parameter), events as multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> of
/// <see cref="RowsPerStatement"/> rows.
/// </summary>
internal sealed class SqliteEventSink : IEventSink
{
    internal const int RowsPerStatement = 128;
    internal const string EventColumns = "pupil_id, kind, on_date, institution, leerweg, leerjaar, niveau, crebo, route, detail, digest";

    /// <summary>The columns an append writes: <see cref="EventColumns"/> (what the ingest benchmark's native loaders fill) and the correction's
    /// reference.</summary>
    internal const string WriteColumns = EventColumns + ", voids";
    private const int ColumnCount = 12;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _many,
        _one,
        _find,
        _create;

    /// <param name="connection">The import's connection, in its transaction.</param>
    /// <param name="plain">Plain <c>INSERT</c>s: the unique index is dropped until the end of the import (<see cref="DeferredIndexes"/>).</param>
    public SqliteEventSink(SqliteConnection connection, bool plain = false)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Pragma($"PRAGMA cache_size = -{CacheKib}");
        _many = Prepare(Insert(RowsPerStatement, plain));
        _one = Prepare(Insert(1, plain));
        _find = Prepare("SELECT id, synthetic, birth_date FROM pupil WHERE pkey = ?1");
        _create = Prepare("INSERT INTO pupil (pkey, synthetic, birth_date) VALUES (?1, ?2, ?3)");
    }

    private static string Insert(int rows, bool plain)
    {
        var one = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
        var conflict = plain ? "" : " ON CONFLICT (pupil_id, digest) DO NOTHING";
        return $"INSERT INTO event ({WriteColumns}) VALUES {string.Join(", ", Enumerable.Repeat(one, rows))}{conflict}";
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
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            SqliteException.ThrowExceptionForRC(rc, _db);
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
                DateOnly? birth =
                    raw.sqlite3_column_type(_find, 2) != raw.SQLITE_NULL && EventStore.TryDate(raw.sqlite3_column_text(_find, 2).utf8_to_string(), out var b)
                        ? b
                        : null;
                into[key] = new PupilRef(raw.sqlite3_column_int64(_find, 0), raw.sqlite3_column_int64(_find, 1) != 0, birth, New: false);
            }
            else
                Check(rc);
            raw.sqlite3_reset(_find);
        }
    }

    public int CreatePupils(List<NewPupil> pupils, Dictionary<string, PupilRef> into)
    {
        Span<byte> date = stackalloc byte[10];
        foreach (var p in pupils)
        {
            raw.sqlite3_bind_text16(_create, 1, p.Key);
            raw.sqlite3_bind_int64(_create, 2, p.Synthetic ? 1 : 0);
            if (p.BirthDate is { } birth)
                raw.sqlite3_bind_text(_create, 3, Iso(birth, date));
            else
                raw.sqlite3_bind_null(_create, 3);
            var rc = raw.sqlite3_step(_create);
            raw.sqlite3_reset(_create);
            Check(rc);
            into[p.Key] = new PupilRef(raw.sqlite3_last_insert_rowid(_db), p.Synthetic, p.BirthDate, New: true);
        }
        return pupils.Count;
    }

    public long Write(ReadOnlySpan<Pending> rows, bool allNew)
    {
        long stored = 0;
        Span<byte> date = stackalloc byte[10];
        while (rows.Length >= RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++)
                Bind(_many, r * ColumnCount, rows[r], date);
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
        if (e.Leerweg is { } lw)
            raw.sqlite3_bind_text(s, at + 5, EventNames.LeerwegUtf8(lw));
        else
            raw.sqlite3_bind_null(s, at + 5);
        Int(s, at + 6, e.Leerjaar);
        Int(s, at + 7, e.Niveau);
        Int(s, at + 8, e.Crebo);
        Text(s, at + 9, e.Route);
        Text(s, at + 10, e.Detail);
        raw.sqlite3_bind_int64(s, at + 11, row.Digest);
        if (e.Voids is { } voids)
            raw.sqlite3_bind_int64(s, at + 12, voids);
        else
            raw.sqlite3_bind_null(s, at + 12);

        static void Text(sqlite3_stmt s, int i, string? value)
        {
            if (value is null)
                raw.sqlite3_bind_null(s, i);
            else
                raw.sqlite3_bind_text16(s, i, value);
        }

        static void Int(sqlite3_stmt s, int i, int? value)
        {
            if (value is { } v)
                raw.sqlite3_bind_int64(s, i, v);
            else
                raw.sqlite3_bind_null(s, i);
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
