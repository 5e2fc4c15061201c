using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.Data.Sqlite;

namespace Doorstroom.Bench;

/// <summary>What <c>doorstroom-bench ingest</c> runs.</summary>
public sealed record IngestBenchOptions
{
    /// <summary>Events of the first ingest, and so the events the store holds before the daily import (about ten a pupil).</summary>
    public long Events { get; init; } = 10_000_000;

    /// <summary>The generator's seed: the same seed gives the same files.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Where the files and SQLite stores go; a new temporary folder when null.</summary>
    public string? Directory { get; init; }

    /// <summary>A PostgreSQL connection string of a user who may create databases; PostgreSQL is skipped when null.</summary>
    public string? Postgres { get; init; }

    /// <summary>The sqlite3 shell for the <c>.import</c> baseline; that baseline is skipped when null or empty.</summary>
    public string? Sqlite3 { get; init; } = "sqlite3";

    /// <summary>Runs of every loader, their order rotated from run to run; medians and spread are over these.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Keep the generated files and stores (else they are deleted).</summary>
    public bool KeepFiles { get; init; }
}

/// <summary>One load into a fresh store (first ingest) or into a copy of a store that holds the first ingest (daily).</summary>
/// <param name="Store"><see cref="IngestBench.Sqlite"/> or <see cref="IngestBench.Postgres"/>.</param>
/// <param name="Case"><see cref="IngestBench.First"/> or <see cref="IngestBench.Daily"/>.</param>
/// <param name="Loader"><see cref="IngestBench.Ours"/> or a baseline's name.</param>
/// <param name="Run">1, 2, …: the round it belongs to.</param>
/// <param name="Events">Events loaded.</param>
/// <param name="Rows">Rows in <c>event</c> afterwards.</param>
/// <param name="Elapsed">Wall time of the load.</param>
/// <param name="PeakWorkingSetBytes">This process's peak working set during the load (since the peak was reset before it, where Linux allows).</param>
public sealed record IngestRun(string Store, string Case, string Loader, int Run, long Events, long Rows, TimeSpan Elapsed, long PeakWorkingSetBytes)
{
    /// <summary>Events a second.</summary>
    public double EventsPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>The runs of one loader on one store and case: median and spread.</summary>
public sealed record IngestSummary(string Store, string Case, string Loader, long Events, long Rows, ImmutableArray<double> Seconds)
{
    /// <summary>The median wall time (the mean of the middle two for an even count).</summary>
    public double Median
    {
        get
        {
            var s = Seconds.Sort();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    /// <summary>The fastest run's seconds.</summary>
    public double Min => Seconds.Min();

    /// <summary>The slowest run's seconds.</summary>
    public double Max => Seconds.Max();

    /// <summary>Events a second at the median time.</summary>
    public double EventsPerSecond => Events / Math.Max(Median, 1e-9);
}

/// <summary>The figures of one <c>bench ingest</c> run.</summary>
/// <param name="Events">Events of the first ingest (the store holds these before the daily import).</param>
/// <param name="Pupils">Pupils of the first ingest.</param>
/// <param name="DailyEvents">Events of <see cref="IngestBench.Day"/>, the daily import.</param>
/// <param name="DailyNewPupils">Pupils the daily import adds (all their events are on that day).</param>
/// <param name="EventsCsvBytes">Size of the event CSV (the open format) of the first ingest.</param>
/// <param name="StoredCsvBytes">Size of the stored-columns CSV the baselines read.</param>
/// <param name="Generation">Time taken to generate the files.</param>
/// <param name="Runs">Every run, in the order they ran.</param>
/// <param name="PeakManagedHeapBytes">The managed heap's peak over the whole bench.</param>
/// <param name="Checks">One line per baseline: the same schema and row counts as ours, or what differs.</param>
/// <param name="Notes">What the reader needs to weigh the figures.</param>
public sealed record IngestBenchResult(
    long Events,
    long Pupils,
    long DailyEvents,
    long DailyNewPupils,
    long EventsCsvBytes,
    long StoredCsvBytes,
    TimeSpan Generation,
    ImmutableArray<IngestRun> Runs,
    long PeakManagedHeapBytes,
    ImmutableArray<string> Checks,
    ImmutableArray<string> Notes
)
{
    /// <summary>Median and spread per store, case and loader: stores and cases in the order they ran, ours first.</summary>
    public ImmutableArray<IngestSummary> Summaries =>
        [
            .. Runs.GroupBy(r => (r.Store, r.Case, r.Loader))
                .Select(g => new IngestSummary(
                    g.Key.Store,
                    g.Key.Case,
                    g.Key.Loader,
                    g.First().Events,
                    g.First().Rows,
                    [.. g.Select(r => r.Elapsed.TotalSeconds)]
                ))
                .OrderBy(s => Runs.IndexOf(Runs.First(r => r.Store == s.Store)))
                .ThenBy(s => s.Case == IngestBench.First ? 0 : 1)
                .ThenBy(s => s.Loader == IngestBench.Ours ? 0 : 1),
        ];

    /// <summary>The summary of a loader, or null when it did not run.</summary>
    public IngestSummary? Summary(string store, string @case, string loader) =>
        Summaries.FirstOrDefault(s => s.Store == store && s.Case == @case && s.Loader == loader);

    /// <summary>ours ÷ <paramref name="baseline"/> in events/s at the median times, or null when either did not run.</summary>
    public double? Ratio(string store, string @case, string baseline) =>
        Summary(store, @case, IngestBench.Ours) is { } ours && Summary(store, @case, baseline) is { } other
            ? ours.EventsPerSecond / other.EventsPerSecond
            : null;

    /// <summary>The largest peak working set of our importer's runs, or 0 when none ran.</summary>
    public long OursPeakWorkingSetBytes => Runs.Where(r => r.Loader == IngestBench.Ours).Select(r => r.PeakWorkingSetBytes).DefaultIfEmpty().Max();
}

/// <summary>
/// <c>doorstroom-bench ingest</c>: generates synthetic events deterministically to CSV files (streamed), then, a few
/// rounds with the loaders' order rotated, loads them into fresh stores with <see cref="EventImporter"/> and with each
/// store's own bulk paths — load then index (the strongest: bare tables, then the indexes and constraints) and the
/// store's loader into the indexed schema — and imports one day's events into a store that holds the rest, ours
/// against the store's incremental path. Figures, never assertions.
/// </summary>
public static class IngestBench
{
    /// <summary>The store names used in <see cref="IngestRun.Store"/>.</summary>
    public const string Sqlite = "SQLite",
        Postgres = "PostgreSQL";

    /// <summary>The cases of <see cref="IngestRun.Case"/>: a fresh store, and one day into a store that holds the rest.</summary>
    public const string First = "first ingest",
        Daily = "daily";

    /// <summary>The loaders of <see cref="IngestRun.Loader"/>.</summary>
    public const string Ours = "ours",
        LoadThenIndex = "load then index",
        SqliteShell = "sqlite3 .import, indexed",
        CopyCsv = "COPY csv, indexed",
        MultiRowInsert = "multi-row INSERT, indexed",
        BinaryCopy = "binary COPY, indexed";

    /// <summary>
    /// The day of the daily case: 1 August 2017, a heavy day (one cohort's vo intake and another's mbo intake), about
    /// 2 % of the events. The first ingest holds every other event.
    /// </summary>
    public static readonly DateOnly Day = new(2017, 8, 1);

    /// <summary>The order of the loaders in round <paramref name="run"/> (0, 1, …): rotated by one each round, so each goes first in turn.</summary>
    public static IReadOnlyList<T> Order<T>(IReadOnlyList<T> loaders, int run)
    {
        ArgumentNullException.ThrowIfNull(loaders);
        return [.. Enumerable.Range(0, loaders.Count).Select(i => loaders[(i + run) % loaders.Count])];
    }

    /// <summary>Runs the benchmark; <paramref name="progress"/> hears each stage.</summary>
    public static IngestBenchResult Run(IngestBenchOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("doorstroom-bench-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var files = new IngestFiles(directory);
        using var sampler = new HeapSampler();
        try
        {
            var clock = Stopwatch.StartNew();
            var generated = Generate(options, files, progress);
            var generation = clock.Elapsed;
            var session = new IngestSession(options, files, generated, progress, cancellationToken);
            session.Notes.Add(
                $"baselines read {Path.GetFileName(files.StoredCsv)} and {Path.GetFileName(files.PupilsCsv)}: the stored columns, pupil_id and digest "
                    + $"already computed; ours reads {Path.GetFileName(files.EventsCsv)} (the open format) and parses, checks, hashes and maps pupils itself"
            );
            session.Notes.Add(
                $"order: {options.Runs} round(s), the loaders' order rotated each round; the daily case starts each run from a copy of ours' "
                    + "first-ingest store"
            );
            session.RunSqlite();
            if (string.IsNullOrWhiteSpace(options.Postgres))
                session.Notes.Add("PostgreSQL skipped: no connection string given");
            else
                session.RunPostgres(options.Postgres);

            return new IngestBenchResult(
                generated.Events,
                generated.Pupils,
                generated.DayEvents,
                generated.DayNewPupils,
                new FileInfo(files.EventsCsv).Length,
                new FileInfo(files.StoredCsv).Length,
                generation,
                [.. session.Runs],
                sampler.Peak,
                [.. session.Checks],
                [.. session.Notes]
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

    /// <summary>What <see cref="Generate"/> wrote.</summary>
    internal sealed record Generated(long Events, long Pupils, long DayEvents, long DayNewPupils);

    /// <summary>
    /// Writes the first ingest (every event but those of <see cref="Day"/>, until <see cref="IngestBenchOptions.Events"/>
    /// of them) as the event CSV (the open format) and as the stored-columns CSVs the baselines read, and the day's
    /// events the same two ways. Pupil ids are those our importer gives: in order of a pupil's first event in the file.
    /// </summary>
    private static Generated Generate(IngestBenchOptions options, IngestFiles files, IProgress<ImportProgress>? progress)
    {
        long id = 0,
            pupils = 0;
        var day = new List<(EventRecord Record, long PupilId)>();
        using (var stored = Writer(files.StoredCsv))
        using (var pupilFile = Writer(files.PupilsCsv))
        {
            stored.WriteLine($"id,{Baselines.StoredColumns}");
            pupilFile.WriteLine(Baselines.PupilColumns);
            string? current = null;
            long currentId = 0;
            var waiting = new List<int>();

            IEnumerable<EventRecord> Stored()
            {
                foreach (var record in Synthetic.Events(options.Seed))
                {
                    if (id == options.Events)
                        yield break;
                    var e = record.Event;
                    if (e.Pupil != current)
                    {
                        (current, currentId) = (e.Pupil, 0);
                        waiting.Clear();
                    }

                    if (e.Date == Day)
                    {
                        day.Add((record, currentId));
                        if (currentId == 0)
                            waiting.Add(day.Count - 1);
                        continue;
                    }

                    if (currentId == 0)
                    {
                        currentId = ++pupils;
                        pupilFile.WriteLine(Baselines.PupilLine(currentId, record));
                        foreach (var i in waiting)
                            day[i] = (day[i].Record, currentId);
                        waiting.Clear();
                    }

                    id++;
                    stored.Write(string.Create(CultureInfo.InvariantCulture, $"{id},"));
                    stored.Write(Baselines.StoredLine(currentId, e));
                    if (id % 100_000 == 0)
                        progress?.Report(new ImportProgress("generating", id, options.Events));
                    yield return record;
                }
            }

            using var file = File.Create(files.EventsCsv);
            EventExport.WriteCsv(Stored(), file);
        }

        // Pupils with no event but on the day are new to the store: ours gives them the next ids in file order.
        long newPupils = 0;
        using (var dayStored = Writer(files.DayStoredCsv))
        using (var dayPupils = Writer(files.DayPupilsCsv))
        {
            dayStored.WriteLine(Baselines.StoredColumns);
            dayPupils.WriteLine(Baselines.PupilColumns);
            var fresh = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (record, known) in day)
            {
                var pupilId = known;
                if (pupilId == 0 && !fresh.TryGetValue(record.Event.Pupil, out pupilId))
                {
                    pupilId = fresh[record.Event.Pupil] = pupils + ++newPupils;
                    dayPupils.WriteLine(Baselines.PupilLine(pupilId, record));
                }

                dayStored.Write(Baselines.StoredLine(pupilId, record.Event));
            }
        }

        using (var file = File.Create(files.DayCsv))
            EventExport.WriteCsv(day.Select(d => d.Record), file);
        progress?.Report(new ImportProgress("generating", id, options.Events));
        return new Generated(id, pupils, day.Count, newPupils);

        static StreamWriter Writer(string path) => new(path, false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
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
    /// year, over ~1,640 vo and ~680 mbo BRIN6 codes, without end. Private to the bench; the real simulator lives elsewhere.
    /// </summary>
    private static class Synthetic
    {
        private static readonly Leerweg[] Vmbo = [Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl];

        public static IEnumerable<EventRecord> Events(ulong seed)
        {
            var state = seed;
            for (var pupil = 1L; ; pupil++)
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
                    yield return new EventRecord(e, Synthetic: true, BirthDate: birth);
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

/// <summary>The files one bench run writes.</summary>
internal sealed record IngestFiles(string Directory)
{
    public string EventsCsv => Path.Combine(Directory, "events.csv");
    public string StoredCsv => Path.Combine(Directory, "events-stored.csv");
    public string PupilsCsv => Path.Combine(Directory, "pupils-stored.csv");
    public string DayCsv => Path.Combine(Directory, "day.csv");
    public string DayStoredCsv => Path.Combine(Directory, "day-stored.csv");
    public string DayPupilsCsv => Path.Combine(Directory, "day-pupils-stored.csv");
}
