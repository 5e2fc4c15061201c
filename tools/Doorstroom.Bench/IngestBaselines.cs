using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Doorstroom.Bench;

/// <summary>
/// The stores' own ways to load what ours imports, each timed from its first statement to its commit: load then index
/// (bare tables, then the indexes and constraints), the store's loader into the indexed schema, and the incremental
/// path of a daily import. They read the stored-columns CSVs: pupil ids and digests already computed.
/// </summary>
internal static class Baselines
{
    /// <summary>
    /// The columns of the store's <c>event</c> table after <c>id</c>, in the table's order (<c>sqlite3 .import</c> fills them
    /// by position): the migrations' schema, written out here so that Storage keeps its event sink to itself. A change to
    /// the <c>event</c> table needs the same change here (the bench's schema check says so).
    /// </summary>
    public const string StoredColumns = "pupil_id,kind,on_date,institution,leerweg,leerjaar,niveau,crebo,route,detail,digest";

    /// <summary>The columns of <c>pupil</c>, in the table's order.</summary>
    public const string PupilColumns = "id,pkey,synthetic,birth_date";

    /// <summary>Ours' page cache while appending (KiB): <c>SqliteEventSink.CacheKib</c> in Storage, which keeps it internal.</summary>
    public const int CacheKib = 131_072;

    private const int RowsPerStatement = 128;

    public static string PupilLine(long id, EventRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"{id},{record.Event.Pupil},{(record.Synthetic ? 1 : 0)},{record.BirthDate:yyyy-MM-dd}");

    public static string StoredLine(long pupilId, TransitionEvent e) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{pupilId},{EventNames.Kind(e.Kind)},{e.Date:yyyy-MM-dd},{e.Institution},{(e.Leerweg is { } lw ? EventNames.Leerweg(lw) : "")},"
                + $"{e.Leerjaar},{e.Niveau},{e.Crebo},{e.Route},{e.Detail},{EventDigest.Of(e)}\n"
        );

    /// <summary>The SQLite this process links (ours and the in-process baselines).</summary>
    public static string SqliteVersion() => raw.sqlite3_libversion().utf8_to_string();

    /// <summary>The sqlite3 shell's version, or null when it cannot be run.</summary>
    public static string? ShellVersion(string shell)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(shell, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"cannot start {shell}");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text.Split(' ', 2)[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// SQLite load then index: in one transaction, the event table's indexes dropped, pupils and events inserted with
    /// foreign keys off (prepared multi-row INSERTs on the raw handle, as ours), the indexes built again, the foreign key
    /// checked (<c>PRAGMA foreign_key_check</c>), commit.
    /// </summary>
    public static TimeSpan SqliteLoadThenIndex(Database database, IngestFiles files, IngestBench.Generated generated)
    {
        using var connection = (SqliteConnection)database.Connect();
        var db = connection.Handle!;
        var clock = Stopwatch.StartNew();
        Exec(db, $"PRAGMA cache_size = -{CacheKib}; PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE");
        var indexes = Query(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL ORDER BY name");
        foreach (var index in indexes)
            Exec(db, $"DROP INDEX {index[0]}");
        Insert(db, "pupil", files.PupilsCsv, generated.Pupils);
        Insert(db, "event", files.StoredCsv, generated.Events);
        foreach (var index in indexes)
            Exec(db, index[1]);
        if (Query(db, "SELECT rowid FROM pragma_foreign_key_check('event') LIMIT 1").Count > 0)
            throw new InvalidOperationException("load then index: an event names a pupil that is not there");
        Exec(db, "COMMIT");
        clock.Stop();
        Exec(db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000");
        return clock.Elapsed;
    }

    /// <summary>SQLite's daily path: the day's new pupils and events by prepared multi-row INSERTs into the indexed tables, one transaction.</summary>
    public static TimeSpan SqliteDailyInsert(Database database, IngestFiles files, IngestBench.Generated generated)
    {
        using var connection = (SqliteConnection)database.Connect();
        var db = connection.Handle!;
        var clock = Stopwatch.StartNew();
        Exec(db, $"PRAGMA cache_size = -{CacheKib}; BEGIN IMMEDIATE");
        Insert(db, "pupil", files.DayPupilsCsv, generated.DayNewPupils);
        Insert(db, "event", files.DayStoredCsv, generated.DayEvents);
        Exec(db, "COMMIT");
        clock.Stop();
        Exec(db, "PRAGMA cache_size = -2000");
        return clock.Elapsed;
    }

    /// <summary>The sqlite3 shell's <c>.import</c> into the migrated (indexed) schema, with the store's pragmas.</summary>
    public static TimeSpan SqliteShellImport(string shell, Database database, IngestFiles files)
    {
        SqliteConnection.ClearAllPools();
        var start = new ProcessStartInfo(shell, [database.File!])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {shell}");
        process.StandardInput.Write(
            $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            .bail on
            .import --csv --skip 1 '{files.PupilsCsv}' pupil
            .import --csv --skip 1 '{files.StoredCsv}' event

            """
        );
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{shell} failed: {string.Join('\n', error.Result.Split('\n').Take(5))}");
        return clock.Elapsed;
    }

    /// <summary>Inserts a stored-columns CSV (its header names the columns) with prepared statements of <see cref="RowsPerStatement"/> rows.</summary>
    private static void Insert(sqlite3 db, string table, string csv, long rows)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true }).FromFile(csv);
        var columns = reader.Header.ColNames.ToArray();
        var integer = columns.Select(c => Type(c) is NpgsqlDbType.Bigint or NpgsqlDbType.Integer or NpgsqlDbType.Smallint).ToArray();
        var one = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Length)) + ")";
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        var many = Prepare(db, sql + string.Join(", ", Enumerable.Repeat(one, RowsPerStatement)));
        var single = Prepare(db, sql + one);
        try
        {
            var inMany = rows / RowsPerStatement * RowsPerStatement;
            long done = 0;
            var at = 0;
            Span<byte> utf8 = stackalloc byte[512];
            foreach (var row in reader)
            {
                var statement = done < inMany ? many : single;
                for (var c = 0; c < columns.Length; c++)
                {
                    var cell = row[c].Span;
                    var i = at + c + 1;
                    if (cell.IsEmpty)
                        raw.sqlite3_bind_null(statement, i);
                    else if (integer[c])
                        raw.sqlite3_bind_int64(statement, i, long.Parse(cell, CultureInfo.InvariantCulture));
                    else
                        raw.sqlite3_bind_text(statement, i, utf8[..Encoding.UTF8.GetBytes(cell, utf8)]);
                }

                done++;
                at += columns.Length;
                if (statement == single || at == columns.Length * RowsPerStatement)
                {
                    Step(db, statement);
                    at = 0;
                }
            }

            if (done != rows)
                throw new InvalidOperationException($"{csv}: {done:N0} rows where {rows:N0} were written");
        }
        finally
        {
            many.Dispose();
            single.Dispose();
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out _));
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        Check(db, rc);
    }

    private static void Exec(sqlite3 db, string sql) => Check(db, raw.sqlite3_exec(db, sql));

    private static List<string[]> Query(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            var rows = new List<string[]>();
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                rows.Add([.. Enumerable.Range(0, raw.sqlite3_column_count(statement)).Select(i => raw.sqlite3_column_text(statement, i).utf8_to_string())]);
            Check(db, rc);
            return rows;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>The server's version and the settings that weigh on building indexes.</summary>
    public static string PostgresSettings(string admin)
    {
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version') || ' (maintenance_work_mem ' || current_setting('maintenance_work_mem') || ', "
                + "max_parallel_maintenance_workers ' || current_setting('max_parallel_maintenance_workers') || ', shared_buffers ' "
                + "|| current_setting('shared_buffers') || ')'",
            connection
        );
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>
    /// PostgreSQL load then index, in one transaction: event's foreign keys, keys and indexes and pupil's unique keys
    /// dropped (pupil's primary key stays: other tables reference it), binary COPY of both tables, then the keys,
    /// the indexes and last the foreign keys again, and the identity sequences moved past the loaded ids.
    /// </summary>
    public static TimeSpan PostgresLoadThenIndex(Database database, IngestFiles files)
    {
        using var connection = (NpgsqlConnection)database.Connect();
        var clock = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        var constraints = Rows(
            connection,
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype::text FROM pg_constraint
            WHERE (conrelid = 'event'::regclass AND contype IN ('p', 'u', 'f')) OR (conrelid = 'pupil'::regclass AND contype = 'u')
            ORDER BY contype = 'f' DESC, conname
            """
        );
        var indexes = Rows(
            connection,
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid IN ('event'::regclass, 'pupil'::regclass)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
            ORDER BY 1
            """
        );
        foreach (var c in constraints)
            Execute(connection, $"ALTER TABLE {c[0]} DROP CONSTRAINT {c[1]}");
        foreach (var i in indexes)
            Execute(connection, $"DROP INDEX {i[0]}");
        Copy(connection, "pupil", files.PupilsCsv);
        PupilKeys(connection, 0);
        Copy(connection, "event", files.StoredCsv);
        foreach (var c in constraints.Where(c => c[3] != "f"))
            Execute(connection, $"ALTER TABLE {c[0]} ADD CONSTRAINT {c[1]} {c[2]}");
        // A partitioned table's index definition says ON ONLY (the parent alone, left invalid); the load builds it on every partition.
        foreach (var i in indexes)
            Execute(connection, i[1].Replace(" ON ONLY ", " ON ", StringComparison.Ordinal));
        foreach (var c in constraints.Where(c => c[3] == "f"))
            Execute(connection, $"ALTER TABLE {c[0]} ADD CONSTRAINT {c[1]} {c[2]}");
        foreach (var table in new[] { "pupil", "event" })
            Execute(connection, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} HAVING max(id) IS NOT NULL");
        transaction.Commit();
        clock.Stop();
        return clock.Elapsed;
    }

    /// <summary>PostgreSQL's text COPY of the CSVs into the migrated (indexed) schema, one transaction.</summary>
    public static TimeSpan PostgresCopyCsv(Database database, IngestFiles files)
    {
        using var connection = (NpgsqlConnection)database.Connect();
        var clock = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            Text(connection, $"COPY pupil ({PupilColumns}) FROM STDIN (FORMAT csv, HEADER true)", files.PupilsCsv);
            PupilKeys(connection, 0);
            Text(connection, $"COPY event (id, {StoredColumns}) FROM STDIN (FORMAT csv, HEADER true)", files.StoredCsv);
            transaction.Commit();
        }

        clock.Stop();
        return clock.Elapsed;

        static void Text(NpgsqlConnection connection, string sql, string file)
        {
            using var writer = connection.BeginTextImport(sql);
            using var reader = new StreamReader(file);
            var buffer = new char[1 << 16];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
                writer.Write(buffer, 0, read);
        }
    }

    /// <summary>PostgreSQL's daily path: the day's new pupils and events by binary COPY into the indexed tables, one transaction.</summary>
    public static TimeSpan PostgresDailyCopy(Database database, IngestFiles files)
    {
        using var connection = (NpgsqlConnection)database.Connect();
        var clock = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            long newest;
            using (var max = new NpgsqlCommand("SELECT COALESCE(max(id), 0) FROM pupil", connection))
                newest = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
            Copy(connection, "pupil", files.DayPupilsCsv);
            PupilKeys(connection, newest);
            Copy(connection, "event", files.DayStoredCsv);
            transaction.Commit();
        }

        clock.Stop();
        return clock.Elapsed;
    }

    /// <summary>
    /// On PostgreSQL a pupil key is unique through <c>pupil_key</c> (migration 14), which our loader fills as it creates
    /// pupils; the baselines fill it too, for the pupils with an id above <paramref name="after"/>, or they would do less work.
    /// </summary>
    private static void PupilKeys(NpgsqlConnection connection, long after)
    {
        using var command = new NpgsqlCommand("INSERT INTO pupil_key (pkey, pupil_id) SELECT pkey, id FROM pupil WHERE id > @after", connection);
        command.Parameters.AddWithValue("after", after);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    /// <summary>Binary COPY of a stored-columns CSV (its header names the columns).</summary>
    private static void Copy(NpgsqlConnection connection, string table, string csv)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true }).FromFile(csv);
        var columns = reader.Header.ColNames.ToArray();
        var types = columns.Select(Type).ToArray();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        using var importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in reader)
        {
            importer.StartRow();
            for (var c = 0; c < columns.Length; c++)
            {
                var cell = row[c].Span;
                if (cell.IsEmpty)
                {
                    importer.WriteNull();
                    continue;
                }

                switch (types[c])
                {
                    case NpgsqlDbType.Bigint:
                        importer.Write(long.Parse(cell, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                        break;
                    case NpgsqlDbType.Integer:
                        importer.Write(int.Parse(cell, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                        break;
                    case NpgsqlDbType.Smallint:
                        importer.Write(short.Parse(cell, CultureInfo.InvariantCulture), NpgsqlDbType.Smallint);
                        break;
                    case NpgsqlDbType.Date:
                        importer.Write(DateOnly.ParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                        break;
                    default:
                        // Keys are unique; every other text column holds a few hundred values at most.
                        importer.Write(columns[c] == "pkey" ? cell.ToString() : Intern(strings, cell), NpgsqlDbType.Text);
                        break;
                }
            }
        }

        importer.Complete();
    }

    private static string Intern(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> strings, ReadOnlySpan<char> cell)
    {
        if (strings.TryGetValue(cell, out var known))
            return known;
        var text = cell.ToString();
        strings[text] = text;
        return text;
    }

    /// <summary>The store's type of a stored column.</summary>
    private static NpgsqlDbType Type(string column) =>
        column switch
        {
            "id" or "pupil_id" or "digest" => NpgsqlDbType.Bigint,
            "synthetic" or "leerjaar" or "niveau" => NpgsqlDbType.Smallint,
            "crebo" => NpgsqlDbType.Integer,
            "on_date" or "birth_date" => NpgsqlDbType.Date,
            _ => NpgsqlDbType.Text,
        };

    private static List<string[]> Rows(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        return rows;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
