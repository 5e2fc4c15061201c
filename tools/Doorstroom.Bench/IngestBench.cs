using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Doorstroom.Bench;

/// <summary>What <c>doorstroom-bench ingest</c> runs.</summary>
public sealed record IngestBenchOptions
{
    /// <summary>Events to generate (about ten a pupil).</summary>
    public long Events { get; init; } = 10_000_000;

    /// <summary>The generator's seed: the same seed gives the same files.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Where the files and SQLite stores go; a new temporary folder when null.</summary>
    public string? Directory { get; init; }

    /// <summary>A PostgreSQL connection string of a user who may create databases; PostgreSQL is skipped when null.</summary>
    public string? Postgres { get; init; }

    /// <summary>The sqlite3 shell for the native SQLite baseline.</summary>
    public string Sqlite3 { get; init; } = "sqlite3";

    /// <summary>Keep the generated files and stores (else they are deleted).</summary>
    public bool KeepFiles { get; init; }
}

/// <summary>One load of the generated events into a fresh store.</summary>
/// <param name="Store">SQLite or PostgreSQL.</param>
/// <param name="Loader"><c>ours</c> (<see cref="EventImporter"/> on the event CSV) or <c>native</c> (the store's own bulk loader on the stored-columns
/// CSV).</param>
/// <param name="Events">Events loaded.</param>
/// <param name="Rows">Rows in <c>event</c> afterwards.</param>
/// <param name="Elapsed">Wall time of the load.</param>
/// <param name="PeakWorkingSetBytes">This process's peak working set after the load.</param>
public sealed record IngestRun(string Store, string Loader, long Events, long Rows, TimeSpan Elapsed, long PeakWorkingSetBytes)
{
    /// <summary>Events a second.</summary>
    public double EventsPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>The figures of one <c>bench ingest</c> run.</summary>
public sealed record IngestBenchResult(
    long Events,
    long Pupils,
    long EventsCsvBytes,
    long StoredCsvBytes,
    TimeSpan Generation,
    ImmutableArray<IngestRun> Runs,
    long PeakWorkingSetBytes,
    long PeakManagedHeapBytes,
    ImmutableArray<string> Notes
)
{
    /// <summary>ours ÷ native events/s for a store, or null when either run is missing.</summary>
    public double? Ratio(string store) =>
        Runs.FirstOrDefault(r => r.Store == store && r.Loader == "ours") is { } ours
        && Runs.FirstOrDefault(r => r.Store == store && r.Loader == "native") is { } native
            ? ours.EventsPerSecond / native.EventsPerSecond
            : null;
}

/// <summary>
/// <c>doorstroom-bench ingest</c>: generates synthetic events deterministically to a CSV file (streamed), then loads
/// them into fresh stores with <see cref="EventImporter"/> and with each store's native bulk loader, and reports
/// events/s, ratios and peak memory. Figures, never assertions.
/// </summary>
public static class IngestBench
{
    /// <summary>The store names used in <see cref="IngestRun.Store"/>.</summary>
    public const string Sqlite = "SQLite",
        Postgres = "PostgreSQL";

    /// <summary>
    /// The columns of the store's <c>event</c> table after <c>id</c>, in the table's order (<c>sqlite3 .import</c> fills them
    /// by position): the migrations' schema, written out here so that Storage keeps its event sink to itself. A change
    /// to the <c>event</c> table needs the same change here.
    /// </summary>
    private const string StoredColumns = "pupil_id, kind, on_date, institution, leerweg, leerjaar, niveau, crebo, route, detail, digest";

    /// <summary>Runs the benchmark; <paramref name="progress"/> hears each stage.</summary>
    public static IngestBenchResult Run(IngestBenchOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("doorstroom-bench-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var eventsCsv = Path.Combine(directory, "events.csv");
        var storedCsv = Path.Combine(directory, "events-stored.csv");
        var pupilsCsv = Path.Combine(directory, "pupils-stored.csv");
        var notes = ImmutableArray.CreateBuilder<string>();
        var runs = ImmutableArray.CreateBuilder<IngestRun>();
        using var sampler = new HeapSampler();
        try
        {
            var clock = Stopwatch.StartNew();
            var (events, pupils) = Generate(options, eventsCsv, storedCsv, pupilsCsv, progress);
            var generation = clock.Elapsed;
            notes.Add(
                $"native loaders read {Path.GetFileName(storedCsv)} and {Path.GetFileName(pupilsCsv)}: the stored columns, pupil_id and digest already "
                    + $"computed; ours reads {Path.GetFileName(eventsCsv)} (the open format) and parses, checks, hashes and maps pupils itself"
            );
            notes.Add(
                "both SQLite loads use the same pragmas (WAL, synchronous=NORMAL, foreign_keys=ON) into the same migrated schema; the shell stores "
                    + "empty cells as '' where ours stores NULL"
            );

            runs.Add(Ours(Sqlite, Database.Open(Fresh(directory, "ours.db")), eventsCsv, events, progress, cancellationToken));
            runs.Add(NativeSqlite(options.Sqlite3, Fresh(directory, "native.db"), storedCsv, pupilsCsv, events, progress));
            SqliteConnection.ClearAllPools();

            if (string.IsNullOrWhiteSpace(options.Postgres))
                notes.Add("PostgreSQL skipped: no connection string given");
            else
            {
                using var ours = new ScratchDatabase(options.Postgres);
                runs.Add(Ours(Postgres, ours.Database, eventsCsv, events, progress, cancellationToken));
                using var native = new ScratchDatabase(options.Postgres);
                runs.Add(NativePostgres(native.Database, storedCsv, pupilsCsv, events, progress));
            }

            return new IngestBenchResult(
                events,
                pupils,
                new FileInfo(eventsCsv).Length,
                new FileInfo(storedCsv).Length,
                generation,
                runs.ToImmutable(),
                PeakWorkingSet(),
                sampler.Peak,
                notes.ToImmutable()
            );
        }
        finally
        {
            if (!options.KeepFiles && options.Directory is null)
            {
                SqliteConnection.ClearAllPools();
                try
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                }
                catch (IOException) { }
            }
        }
    }

    /// <summary>The path of a SQLite file that does not exist yet (a kept folder may hold one from an earlier run).</summary>
    private static string Fresh(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
        return path;
    }

    private static IngestRun Ours(
        string store,
        Database database,
        string csv,
        long events,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
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
        if (outcome is Refused refused)
            throw new InvalidOperationException($"the generated file was refused: {string.Join("; ", refused.Problems.Take(3))}");
        return new IngestRun(store, "ours", events, new EventStore(database).Count(), clock.Elapsed, PeakWorkingSet());
    }

    private static IngestRun NativeSqlite(string shell, string path, string storedCsv, string pupilsCsv, long events, IProgress<ImportProgress>? progress)
    {
        var database = Database.Open(path);
        using (database.ConnectMigrated()) { }
        SqliteConnection.ClearAllPools();
        progress?.Report(new ImportProgress($"native → {Sqlite}: sqlite3 .import", 0, events));
        var start = new ProcessStartInfo(shell, [path])
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
            .import --csv --skip 1 '{pupilsCsv}' pupil
            .import --csv --skip 1 '{storedCsv}' event

            """
        );
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{shell} failed: {string.Join('\n', error.Result.Split('\n').Take(5))}");
        return new IngestRun(Sqlite, "native", events, new EventStore(database).Count(), clock.Elapsed, PeakWorkingSet());
    }

    private static IngestRun NativePostgres(Database database, string storedCsv, string pupilsCsv, long events, IProgress<ImportProgress>? progress)
    {
        using (database.ConnectMigrated()) { }
        progress?.Report(new ImportProgress($"native → {Postgres}: COPY … FROM STDIN (FORMAT csv)", 0, events));
        var clock = Stopwatch.StartNew();
        using (var connection = (NpgsqlConnection)database.Connect())
        using (var transaction = connection.BeginTransaction())
        {
            Copy(connection, "COPY pupil (id, pkey, synthetic, birth_date) FROM STDIN (FORMAT csv, HEADER true)", pupilsCsv);
            // On PostgreSQL a pupil key is unique through pupil_key (migration 14), which our loader fills as it creates pupils.
            using (var keys = new NpgsqlCommand("INSERT INTO pupil_key (pkey, pupil_id) SELECT pkey, id FROM pupil", connection, transaction))
                keys.ExecuteNonQuery();
            Copy(connection, $"COPY event (id, {StoredColumns}) FROM STDIN (FORMAT csv, HEADER true)", storedCsv);
            transaction.Commit();
        }

        clock.Stop();
        return new IngestRun(Postgres, "native", events, new EventStore(database).Count(), clock.Elapsed, PeakWorkingSet());

        static void Copy(NpgsqlConnection connection, string sql, string file)
        {
            using var writer = connection.BeginTextImport(sql);
            using var reader = new StreamReader(file);
            var buffer = new char[1 << 16];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
                writer.Write(buffer, 0, read);
        }
    }

    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    /// <summary>Writes the event CSV (the open format) and the stored-columns CSVs the native loaders need.</summary>
    private static (long Events, long Pupils) Generate(
        IngestBenchOptions options,
        string eventsCsv,
        string storedCsv,
        string pupilsCsv,
        IProgress<ImportProgress>? progress
    )
    {
        long id = 0,
            pupils = 0;
        using var stored = new StreamWriter(storedCsv, false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        using var pupilFile = new StreamWriter(pupilsCsv, false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        stored.WriteLine($"id,{StoredColumns.Replace(" ", "", StringComparison.Ordinal)}");
        pupilFile.WriteLine("id,pkey,synthetic,birth_date");
        string? lastPupil = null;

        IEnumerable<EventRecord> Stored()
        {
            foreach (var record in Synthetic.Events(options.Seed, options.Events))
            {
                var e = record.Event;
                if (e.Pupil != lastPupil)
                {
                    lastPupil = e.Pupil;
                    pupils++;
                    pupilFile.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pupils},{e.Pupil},1,{record.BirthDate!.Value:yyyy-MM-dd}"));
                }

                id++;
                stored.Write(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{id},{pupils},{EventNames.Kind(e.Kind)},{e.Date:yyyy-MM-dd},{e.Institution},{(e.Leerweg is { } lw ? EventNames.Leerweg(lw) : "")},"
                            + $"{e.Leerjaar},{e.Niveau},{e.Crebo},{e.Route},{e.Detail},{EventDigest.Of(e)}\n"
                    )
                );
                if (id % 100_000 == 0)
                    progress?.Report(new ImportProgress("generating", id, options.Events));
                yield return record;
            }
        }

        using (var file = File.Create(eventsCsv))
            EventExport.WriteCsv(Stored(), file);
        progress?.Report(new ImportProgress("generating", id, options.Events));
        return (id, pupils);
    }

    private sealed class Forward(IProgress<ImportProgress> inner, string prefix, long total) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => inner.Report(value with { Stage = $"{prefix}: {value.Stage}", Total = value.Total ?? total });
    }

    /// <summary>A fresh PostgreSQL database for one load, dropped afterwards.</summary>
    private sealed class ScratchDatabase : IDisposable
    {
        private readonly string _admin,
            _name;

        public ScratchDatabase(string admin)
        {
            _admin = admin;
            _name = "doorstroom_bench_" + Guid.NewGuid().ToString("N")[..12];
            Execute($"CREATE DATABASE {_name}");
            Database = Database.Open(
                new NpgsqlConnectionStringBuilder(admin)
                {
                    Database = _name,
                    Pooling = false,
                    CommandTimeout = 0,
                }.ConnectionString
            );
        }

        public Database Database { get; }

        private void Execute(string sql)
        {
            using var connection = new NpgsqlConnection(_admin);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }

        public void Dispose() => Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    /// <summary>Samples the managed heap a few times a second and keeps the largest.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public HeapSampler() => _timer = new Timer(_ => Sample(), null, 0, 100);

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        private void Sample()
        {
            var now = GC.GetGCMemoryInfo().HeapSizeBytes;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
        }

        public void Dispose() => _timer.Dispose();
    }

    /// <summary>
    /// A small seeded generator (SplitMix64): about ten realistic events a vmbo pupil from leerjaar 1 to the first mbo
    /// year, over ~1,640 vo and ~680 mbo BRIN6 codes. Private to the bench; the real simulator lives elsewhere.
    /// </summary>
    private static class Synthetic
    {
        private static readonly Leerweg[] Vmbo = [Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl];

        public static IEnumerable<EventRecord> Events(ulong seed, long count)
        {
            var state = seed;
            long emitted = 0;
            for (var pupil = 1L; emitted < count; pupil++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"P{pupil:D8}");
                var year = 2012 + (int)(Next(ref state) % 10);
                var birth = new DateOnly(year - 12, 1, 1).AddDays((int)(Next(ref state) % 365));
                var vo = Brin(Next(ref state) % 1640, 0);
                var mbo = Brin(Next(ref state) % 680, 5000);
                var leerweg = Vmbo[Next(ref state) % 4];
                var crebo = 25000 + (int)(Next(ref state) % 900);
                var niveau = leerweg == Leerweg.Bb ? 2 : 2 + (int)(Next(ref state) % 3);
                var mboLeerweg = Next(ref state) % 4 == 0 ? Leerweg.Bbl : Leerweg.Bol;
                var list = new List<TransitionEvent>(12) { new(key, new DateOnly(year, 8, 1), EventKind.Ingeschreven, vo, leerweg, 1, Route: "vmbo") };
                var leerjaar = 1;
                for (var y = year + 1; leerjaar < 4; y++)
                {
                    var repeats = Next(ref state) % 25 == 0;
                    if (!repeats)
                        leerjaar++;
                    list.Add(new(key, new DateOnly(y, 7, 15), repeats ? EventKind.Gedoubleerd : EventKind.Bevorderd, vo, leerweg, leerjaar));
                }

                var last = list[^1].Date.Year + 1;
                list.Add(new(key, new DateOnly(last, 3, 1), EventKind.Aangemeld, mbo, mboLeerweg, Niveau: niveau, Crebo: crebo, Route: "normale-route"));
                list.Add(new(key, new DateOnly(last, 4, 1), EventKind.IntakeGehouden, mbo, mboLeerweg, Niveau: niveau, Crebo: crebo, Detail: "positief"));
                list.Add(new(key, new DateOnly(last, 5, 1), EventKind.Toegelaten, mbo, mboLeerweg, Niveau: niveau, Crebo: crebo));
                list.Add(new(key, new DateOnly(last, 7, 1), EventKind.DiplomaBehaald, vo, leerweg));
                list.Add(new(key, new DateOnly(last, 7, 31), EventKind.Uitgeschreven, vo, leerweg, 4, Detail: "diploma"));
                list.Add(new(key, new DateOnly(last, 8, 1), EventKind.Ingeschreven, mbo, mboLeerweg, Niveau: niveau, Crebo: crebo, Route: "normale-route"));
                foreach (var e in list)
                {
                    if (emitted++ == count)
                        yield break;
                    yield return new EventRecord(e, Synthetic: true, BirthDate: birth);
                }
            }
        }

        private static string Brin(ulong n, int offset)
        {
            var i = (int)n + offset;
            return string.Create(CultureInfo.InvariantCulture, $"{10 + i / 260 % 90:D2}{(char)('A' + i / 10 % 26)}{(char)('A' + i % 10)}{i % 100:D2}");
        }

        private static ulong Next(ref ulong state)
        {
            var z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}
