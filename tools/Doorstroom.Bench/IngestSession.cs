using System.Diagnostics;
using System.Globalization;
using Doorstroom.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Doorstroom.Bench.IngestBench;

namespace Doorstroom.Bench;

/// <summary>One loader of a case: its name and the load, timed by itself, into a store that is ready for it.</summary>
internal sealed record Loader(string Name, Func<Database, TimeSpan> Load);

/// <summary>
/// The rounds of one <c>bench ingest</c>: per store, the first ingest by every loader into fresh stores, then the daily
/// import into copies of ours' first-ingest store; every store afterwards compared with ours' (schema, rows, and a
/// checksum of which pupil each event belongs to).
/// </summary>
internal sealed class IngestSession(
    IngestBenchOptions options,
    IngestFiles files,
    IngestBench.Generated generated,
    IProgress<ImportProgress>? progress,
    CancellationToken cancellationToken
)
{
    private int _stores;

    public List<IngestRun> Runs { get; } = [];
    public List<string> Checks { get; } = [];
    public List<string> Notes { get; } = [];

    public void RunSqlite()
    {
        IngestScratch Fresh() => SqliteScratch.Create(Path.Combine(files.Directory, $"store-{++_stores}.db"));

        List<Loader> first =
        [
            new(Ours, db => OursLoad(db, files.EventsCsv, Sqlite, generated.Events)),
            new(LoadThenIndex, db => Baselines.SqliteLoadThenIndex(db, files, generated)),
        ];
        var shell = string.IsNullOrWhiteSpace(options.Sqlite3) ? null : Baselines.ShellVersion(options.Sqlite3);
        if (shell is not null)
            first.Add(new(SqliteShell, db => Baselines.SqliteShellImport(options.Sqlite3!, db, files)));

        using var kept = Measure(Sqlite, First, generated.Events, Fresh, first);
        SqliteConnection.ClearAllPools();
        var source = (SqliteScratch)kept!;
        List<Loader> daily =
        [
            new(Ours, db => OursLoad(db, files.DayCsv, Sqlite, generated.DayEvents)),
            new(MultiRowInsert, db => Baselines.SqliteDailyInsert(db, files, generated)),
        ];
        Measure(Sqlite, Daily, generated.DayEvents, () => source.CopyTo(Path.Combine(files.Directory, $"store-{++_stores}.db")), daily)?.Dispose();

        Notes.Add(
            $"SQLite: ours and load then index run in this process on the same SQLite {Baselines.SqliteVersion()} (Microsoft.Data.Sqlite, "
                + "e_sqlite3) with the store's pragmas (WAL, synchronous=NORMAL, foreign_keys=ON) and ours' page cache while loading "
                + $"({Baselines.CacheKib / 1024} MiB); load then index drops the event indexes, loads with foreign_keys off, builds the indexes, "
                + "checks the foreign key (PRAGMA foreign_key_check) and commits, one transaction; pupil keeps its inline UNIQUE (SQLite cannot add it later)"
        );
        Notes.Add(
            shell is null
                ? "SQLite: the sqlite3 shell baseline was skipped"
                : $"SQLite: {SqliteShell} is the sqlite3 shell {shell}, a separate build with its default page cache; it stores empty cells as '' "
                    + "where the others store NULL"
        );
    }

    public void RunPostgres(string admin)
    {
        IngestScratch Fresh() => PostgresScratch.Create(admin, template: null);

        List<Loader> first =
        [
            new(Ours, db => OursLoad(db, files.EventsCsv, Postgres, generated.Events)),
            new(LoadThenIndex, db => Baselines.PostgresLoadThenIndex(db, files)),
            new(CopyCsv, db => Baselines.PostgresCopyCsv(db, files)),
        ];
        using var kept = Measure(Postgres, First, generated.Events, Fresh, first);
        var source = (PostgresScratch)kept!;
        List<Loader> daily =
        [
            new(Ours, db => OursLoad(db, files.DayCsv, Postgres, generated.DayEvents)),
            new(BinaryCopy, db => Baselines.PostgresDailyCopy(db, files)),
        ];
        Measure(Postgres, Daily, generated.DayEvents, () => PostgresScratch.Create(admin, template: source.Name), daily)?.Dispose();
        Notes.Add(
            $"PostgreSQL {Baselines.PostgresSettings(admin)}, the same for every loader; load then index: in one transaction drops event's "
                + "primary key, unique and foreign key constraints and its indexes (on every partition), binary COPY of pupils and events, "
                + "pupil_key filled from pupil as our loader fills it, then the keys, the indexes and the foreign key again (pg_dump's order); "
                + "COPY csv and binary COPY fill pupil_key too"
        );
    }

    /// <summary>Runs every loader <see cref="IngestBenchOptions.Runs"/> times, rotating their order; returns ours' first store of a first ingest.</summary>
    private IngestScratch? Measure(string store, string @case, long events, Func<IngestScratch> fresh, IReadOnlyList<Loader> loaders)
    {
        IngestScratch? kept = null;
        var shapes = new List<(string Loader, int Run, StoreShape Shape)>();
        for (var run = 0; run < options.Runs; run++)
        {
            foreach (var loader in Order(loaders, run))
            {
                cancellationToken.ThrowIfCancellationRequested();
                IngestScratch? scratch = fresh();
                try
                {
                    progress?.Report(new ImportProgress($"{store}, {@case}, run {run + 1}: {loader.Name}", 0, events));
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    Memory.ResetPeak();
                    var elapsed = loader.Load(scratch.Database);
                    var peak = Memory.Peak();
                    var shape = scratch.Shape();
                    Runs.Add(new IngestRun(store, @case, loader.Name, run + 1, events, shape.Events, elapsed, peak));
                    shapes.Add((loader.Name, run + 1, shape));
                    if (kept is null && @case == First && loader.Name == Ours)
                        (kept, scratch) = (scratch, null);
                }
                finally
                {
                    scratch?.Dispose();
                }
            }
        }

        Compare(store, @case, shapes);
        return kept;
    }

    /// <summary>A line per loader: the same schema, rows and checksum as ours' first store, or the first thing that differs.</summary>
    private void Compare(string store, string @case, List<(string Loader, int Run, StoreShape Shape)> shapes)
    {
        var reference = shapes.First(s => s.Loader == Ours).Shape;
        foreach (var group in shapes.GroupBy(s => s.Loader))
        {
            var differences = group.Select(s => (s.Run, Difference: reference.Difference(s.Shape))).Where(d => d.Difference is not null).ToList();
            Checks.Add(
                differences.Count == 0
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $"check {store}, {@case}, {group.Key}: same schema, rows ({reference.Pupils:N0} pupils, {reference.Events:N0} events) "
                            + $"and pupil-of-event checksum as ours, every run"
                    )
                    : $"check {store}, {@case}, {group.Key}: DIFFERS from ours in run {differences[0].Run}: {differences[0].Difference}"
            );
        }
    }

    private TimeSpan OursLoad(Database database, string csv, string store, long events)
    {
        var clock = Stopwatch.StartNew();
        var outcome = new EventImporter().Run(
            database,
            csv,
            TimeProvider.System,
            progress is null ? null : new Forward(progress, $"ours → {store}", events),
            cancellationToken: cancellationToken
        );
        clock.Stop();
        return outcome switch
        {
            Refused refused => throw new InvalidOperationException($"the generated file was refused: {string.Join("; ", refused.Problems.Take(3))}"),
            Imported => clock.Elapsed,
            _ => throw new InvalidOperationException($"the generated file was not imported: {outcome}"),
        };
    }

    private sealed class Forward(IProgress<ImportProgress> inner, string prefix, long total) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => inner.Report(value with { Stage = $"{prefix}: {value.Stage}", Total = value.Total ?? total });
    }
}

/// <summary>This process's peak resident memory, reset before each load where Linux allows it.</summary>
internal static class Memory
{
    /// <summary>Resets the peak (Linux: writing 5 to /proc/self/clear_refs); false where that is not possible.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak resident set since the last reset (VmHWM), else the process's peak working set.</summary>
    public static long Peak()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}

/// <summary>What two stores must share: the schema, the row counts and which pupil each event belongs to.</summary>
/// <param name="Schema">The schema as text, one line per table column, index and constraint, sorted.</param>
/// <param name="Pupils">Rows in <c>pupil</c>.</param>
/// <param name="Events">Rows in <c>event</c>.</param>
/// <param name="Checksum">Σ (digest mod 1,000,003) × (the pupil key's number mod 1,009): a wrong pupil for an event changes it.</param>
internal sealed record StoreShape(string Schema, long Pupils, long Events, string Checksum)
{
    internal const string ChecksumSql = """
        SELECT CAST(SUM((e.digest % 1000003) * (CAST(substr(p.pkey, 2) AS BIGINT) % 1009)) AS TEXT) FROM event e JOIN pupil p ON p.id = e.pupil_id
        """;

    /// <summary>What differs from <paramref name="other"/>, or null when nothing does.</summary>
    public string? Difference(StoreShape other)
    {
        if (Pupils != other.Pupils || Events != other.Events)
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{other.Pupils:N0} pupils and {other.Events:N0} events where ours has {Pupils:N0} and {Events:N0}"
            );
        if (Schema != other.Schema)
        {
            var ours = Schema.Split('\n');
            var theirs = other.Schema.Split('\n');
            var onlyOurs = ours.Except(theirs).FirstOrDefault();
            var onlyTheirs = theirs.Except(ours).FirstOrDefault();
            return $"schema: ours has '{onlyOurs ?? "—"}', this store '{onlyTheirs ?? "—"}'";
        }

        return Checksum == other.Checksum ? null : $"events belong to other pupils (checksum {other.Checksum} where ours is {Checksum})";
    }
}

/// <summary>A store for one load, migrated, dropped afterwards.</summary>
internal abstract class IngestScratch : IDisposable
{
    public abstract Database Database { get; }

    public abstract StoreShape Shape();

    public abstract void Dispose();
}

/// <summary>A SQLite file for one load.</summary>
internal sealed class SqliteScratch : IngestScratch
{
    private readonly string _path;

    private SqliteScratch(string path)
    {
        _path = path;
        Database = Database.Open(path);
    }

    public override Database Database { get; }

    /// <summary>A new migrated store (a kept folder may hold an old file of that name: it is deleted).</summary>
    public static SqliteScratch Create(string path)
    {
        Delete(path);
        var scratch = new SqliteScratch(path);
        scratch.Database.Migrate();
        SqliteConnection.ClearAllPools();
        return scratch;
    }

    /// <summary>A copy of this store (closed first, so that its WAL is checkpointed).</summary>
    public SqliteScratch CopyTo(string path)
    {
        SqliteConnection.ClearAllPools();
        Delete(path);
        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(_path + suffix))
                File.Copy(_path + suffix, path + suffix);
        }

        return new SqliteScratch(path);
    }

    public override StoreShape Shape()
    {
        using var connection = (SqliteConnection)Database.Connect();
        var shape = new StoreShape(
            string.Join('\n', Strings(connection, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name")),
            Scalar(connection, "SELECT count(*) FROM pupil"),
            Scalar(connection, "SELECT count(*) FROM event"),
            Strings(connection, StoreShape.ChecksumSql).Single()
        );
        return shape;

        static long Scalar(SqliteConnection c, string sql)
        {
            using var command = new SqliteCommand(sql, c);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    private static List<string> Strings(SqliteConnection c, string sql)
    {
        using var command = new SqliteCommand(sql, c);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
            list.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return list;
    }

    public override void Dispose()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        Delete(_path);
    }

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
    }
}

/// <summary>A fresh PostgreSQL database for one load (migrated, or a copy of a template), dropped afterwards.</summary>
internal sealed class PostgresScratch : IngestScratch
{
    private readonly string _admin;

    private PostgresScratch(string admin, string? template)
    {
        _admin = admin;
        Name = "doorstroom_bench_" + Guid.NewGuid().ToString("N")[..12];
        Execute(template is null ? $"CREATE DATABASE {Name}" : $"CREATE DATABASE {Name} TEMPLATE {template} STRATEGY FILE_COPY");
        Database = Database.Open(
            new NpgsqlConnectionStringBuilder(admin)
            {
                Database = Name,
                Pooling = false,
                CommandTimeout = 0,
            }.ConnectionString
        );
    }

    public string Name { get; }

    public override Database Database { get; }

    /// <summary>A new database: migrated, or a copy of <paramref name="template"/> (which no one may be connected to).</summary>
    public static PostgresScratch Create(string admin, string? template)
    {
        var scratch = new PostgresScratch(admin, template);
        if (template is null)
            scratch.Database.Migrate();
        return scratch;
    }

    public override StoreShape Shape()
    {
        using var connection = (NpgsqlConnection)Database.Connect();
        return new StoreShape(
            Scalar(
                connection,
                """
                SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null ' || is_nullable || ' default '
                        || coalesce(column_default, '') || ' identity ' || is_identity AS line
                    FROM information_schema.columns WHERE table_schema = 'public'
                    UNION ALL SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                    UNION ALL SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid)
                    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                ) lines
                """
            ),
            long.Parse(Scalar(connection, "SELECT count(*)::text FROM pupil"), CultureInfo.InvariantCulture),
            long.Parse(Scalar(connection, "SELECT count(*)::text FROM event"), CultureInfo.InvariantCulture),
            Scalar(connection, StoreShape.ChecksumSql)
        );

        static string Scalar(NpgsqlConnection c, string sql)
        {
            using var command = new NpgsqlCommand(sql, c);
            return command.ExecuteScalar() as string ?? "";
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        Database.Dispose();
        Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
