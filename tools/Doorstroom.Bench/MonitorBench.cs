using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;
using nietras.SeparatedValues;

namespace Doorstroom.Bench;

/// <summary>What <c>doorstroom bench monitor</c> runs.</summary>
public sealed record MonitorBenchOptions
{
    /// <summary>About this many events are simulated (whole cohorts: the count lands near it, not on it).</summary>
    public long Events { get; init; } = 10_000_000;

    /// <summary>The simulator's seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The exam year of the first simulated cohort.</summary>
    public int FirstCohortYear { get; init; } = 2012;

    /// <summary>How many cohorts the events are spread over.</summary>
    public int Cohorts { get; init; } = 8;

    /// <summary>
    /// The days whose events are withheld and then appended, one at a time, for the recomputation figure: 1 March 2016 (an
    /// ordinary day in the simulated cohorts' active years: applications and leavers) and 1 August 2016 (the simulator's
    /// heaviest day: every mbo enrolment and vo promotion of the year falls on it, ~3.6% of all events).
    /// </summary>
    public ImmutableArray<DateOnly> AppendDays { get; init; } = [new(2016, 3, 1), new(2016, 8, 1)];

    /// <summary>DuckDB's worker threads (<c>SET threads</c>); 2 = this machine's cores.</summary>
    public int DuckDbThreads { get; init; } = 2;

    /// <summary>Skip DuckDB (ours alone: no ratio, no honesty check), for sizes DuckDB cannot finish on the machine.</summary>
    public bool SkipDuckDb { get; init; }

    /// <summary>Skip DuckDB's <c>GROUP BY CUBE</c> (the third line): the fair baselines alone, the CUBE takes several times longer.</summary>
    public bool SkipDuckDbCube { get; init; }

    /// <summary>DuckDB's <c>memory_limit</c> for the fair baselines.</summary>
    public string DuckDbMemoryLimit { get; init; } = DuckDbFair.DefaultMemoryLimit;

    /// <summary>Where the files go; a new temporary folder when null.</summary>
    public string? Directory { get; init; }

    /// <summary>Keep the generated files (else a temporary folder is deleted).</summary>
    public bool KeepFiles { get; init; }

    /// <summary>The engine's full share (<see cref="MonitorEngine"/>): past it a refresh computes everything again.</summary>
    public double FullShare { get; init; } = 0.25;

    /// <summary>The indicators both engines compute and the breakdowns are compared on: all eleven.</summary>
    public ImmutableArray<Indicator> Indicators { get; init; } = [.. Enum.GetValues<Indicator>()];
}

/// <summary>One engine's run.</summary>
/// <param name="Engine">ours or DuckDB.</param>
/// <param name="Elapsed">Wall time: read the CSV, observe, roll up every breakdown (ours); load and queries (DuckDB).</param>
/// <param name="Load">The part of <paramref name="Elapsed"/> that read the CSV (DuckDB: <c>read_csv</c> into a table; ours: reading, grouping and observing are
/// one pass, so zero).</param>
/// <param name="Observations">Observations (rows of the population) over the compared indicators.</param>
/// <param name="Groups">Groups over every breakdown of the compared indicators.</param>
/// <param name="PeakWorkingSetBytes">The largest working set sampled during the run (native memory included).</param>
/// <param name="PeakManagedHeapBytes">The largest GC heap sampled during the run.</param>
/// <param name="StartWorkingSetBytes">The working set when the run began, after what came before was handed back
/// (<c>Sampler.AfterSettling</c>): part of <paramref name="PeakWorkingSetBytes"/>, but not the run's own.</param>
/// <param name="Stages">Where the time went, stage by stage.</param>
public sealed record EngineRun(
    string Engine,
    TimeSpan Elapsed,
    TimeSpan Load,
    long Observations,
    long Groups,
    long PeakWorkingSetBytes,
    long PeakManagedHeapBytes,
    long StartWorkingSetBytes,
    ImmutableArray<(string Stage, TimeSpan Elapsed)> Stages
);

/// <summary>A headline figure from both engines.</summary>
/// <param name="Figure">Which figure, e.g. "D6 switch, national".</param>
/// <param name="Key">The group, e.g. "cohort 2018, niveau 2".</param>
public sealed record HeadlineFigure(string Figure, string Key, long OursPopulation, long OursHits, long DuckDbPopulation, long DuckDbHits)
{
    /// <summary>True when the two engines disagree.</summary>
    public bool Differs => OursPopulation != DuckDbPopulation || OursHits != DuckDbHits;

    /// <summary>Ours' rate (hits ÷ population).</summary>
    public double OursRate => OursHits / (double)Math.Max(OursPopulation, 1);

    /// <summary>DuckDB's rate.</summary>
    public double DuckDbRate => DuckDbHits / (double)Math.Max(DuckDbPopulation, 1);
}

/// <summary>The recomputation after appending one day of events to the store.</summary>
/// <param name="Day">The day appended.</param>
/// <param name="Events">Events dated that day.</param>
/// <param name="Pupils">Pupils with an event that day.</param>
/// <param name="Kind">What the engine did: incremental, or full when the day touched more than its full share of the pupils.</param>
/// <param name="PupilsRead">Pupils the engine read again from the store.</param>
/// <param name="Refresh">The engine's refresh, reading the touched pupils' streams from the store included: the monitor is up to date.</param>
/// <param name="Headline">Then the headline tables (every indicator per cohort and per cohort × niveau) rolled up from the cube.</param>
/// <param name="AllBreakdowns">Separately, all 128 breakdowns of every indicator rolled up again.</param>
/// <param name="MatchesFullRun">True when the cube afterwards equals a full computation over the same store.</param>
public sealed record Recomputation(
    DateOnly Day,
    long Events,
    long Pupils,
    RefreshKind Kind,
    long PupilsRead,
    TimeSpan Refresh,
    TimeSpan Headline,
    TimeSpan AllBreakdowns,
    bool MatchesFullRun
);

/// <summary>The figures of one <c>bench monitor</c> run.</summary>
/// <param name="DuckDb">DuckDB's <c>GROUP BY CUBE</c> over the CSV (the third line), when it ran.</param>
/// <param name="BreakdownsPerIndicator">Breakdowns per compared indicator, per engine (DuckDB: distinct GROUPING() ids seen).</param>
/// <param name="BreakdownsDiffering">(indicator, breakdown) pairs whose group counts differ between ours and the DuckDB line that gave
/// every breakdown (the same algorithm, else the CUBE).</param>
public sealed record MonitorBenchResult(
    long Events,
    long Pupils,
    long CsvBytes,
    TimeSpan Generation,
    DateOnly Through,
    EngineRun Ours,
    EngineRun? DuckDb,
    ImmutableArray<Recomputation> Recomputations,
    ImmutableDictionary<Indicator, (int Ours, int DuckDb)> BreakdownsPerIndicator,
    int BreakdownsDiffering,
    ImmutableArray<HeadlineFigure> Headline,
    long PeakWorkingSetBytes,
    ImmutableArray<string> Notes
)
{
    /// <summary>DuckDB with ours' algorithm (packed key, each breakdown rolled up from its parent, counts only): the fair baseline.</summary>
    public EngineRun? SameAlgorithm { get; init; }

    /// <summary>DuckDB computing only a dashboard's few breakdowns per indicator.</summary>
    public EngineRun? Dashboard { get; init; }

    /// <summary>Groups of at least 5 pupils over every breakdown: ours.</summary>
    public long OursPublishable { get; init; }

    /// <summary>Groups of at least 5 pupils over every breakdown: DuckDB with the same algorithm.</summary>
    public long SameAlgorithmPublishable { get; init; }

    /// <summary>Ours' time ÷ DuckDB same algorithm's: the headline ratio (the target is ≤ 0.25).</summary>
    public double? Ratio => Over(SameAlgorithm);

    /// <summary>Ours' time ÷ DuckDB dashboard's.</summary>
    public double? DashboardRatio => Over(Dashboard);

    /// <summary>Ours' time ÷ DuckDB CUBE's.</summary>
    public double? CubeRatio => Over(DuckDb);

    private double? Over(EngineRun? baseline) => baseline is null ? null : Ours.Elapsed.TotalSeconds / Math.Max(baseline.Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// <c>doorstroom bench monitor</c>: simulates events to one <c>;</c> CSV, computes the monitor's indicators and every
/// breakdown (each indicator × each of the 2^7 subsets of the dimensions) with our code and with DuckDB's SQL over the
/// same file, times both, recomputes the pupils of one appended day, and sets headline figures side by side. Figures,
/// never assertions.
/// </summary>
public static class MonitorBench
{
    /// <summary>Runs the benchmark; <paramref name="progress"/> hears each stage.</summary>
    public static MonitorBenchResult Run(MonitorBenchOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("doorstroom-monitor-bench-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var eventsCsv = Path.Combine(directory, "events.csv");
        var crebosCsv = Path.Combine(directory, "crebos.csv");
        var storePath = Path.Combine(directory, "monitor.db");
        var notes = ImmutableArray.CreateBuilder<string>();
        try
        {
            var world = SyntheticWorld.Build(options.Seed);
            var crebos = SyntheticWorld.Crebos(world);
            var clock = Stopwatch.StartNew();
            var (events, pupils, through) = Generate(options, world, eventsCsv, progress, cancellationToken);
            WriteCrebos(crebos.Values, crebosCsv);
            var generation = clock.Elapsed;

            // The store the product reads: every event but the append days', loaded untimed (bench ingest measures loading).
            var days = options.AppendDays.ToHashSet();
            progress?.Report(new ImportProgress("load the store (untimed): every event but the append days'", 0, events));
            var database = Storage.Database.Open(storePath);
            StoreCrebos(database, crebos.Values);
            new EventStore(database).Append(Records(eventsCsv, e => !days.Contains(e.Date), cancellationToken), cancellationToken: cancellationToken);
            var directions = crebos
                .Values.Select(c => c.Domain)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(d => d, d => Direction(crebos.Values.First(c => c.Domain == d)), StringComparer.Ordinal);

            // The engine's first state (untimed), then each append day added, refreshed and checked against a full computation; then
            // the timed run over the whole store, the same events DuckDB reads from the CSV, with no other cube held.
            progress?.Report(new ImportProgress("ours: the engine's state before the append days (untimed)", 0, events));
            var engine = new MonitorEngine(database, directions, fullShare: options.FullShare);
            engine.Refresh(cancellationToken);
            var recomputations = options
                .AppendDays.Order()
                .Select(day => Recompute(database, directions, engine, eventsCsv, day, progress, cancellationToken))
                .ToImmutableArray();
            engine = null!;

            progress?.Report(new ImportProgress("ours: the monitor engine from the whole store, then every breakdown", 0, events));
            EngineRun ours;
            MonitorCube cube;
            CubeBreakdowns oursBreakdowns;
            // The loading and the append days are untimed set-up: what they left goes back first (AfterSettling), so that ours'
            // peak is the monitor's, as in a process that only runs it (`doorstroom monitor`).
            using (var sampler = Sampler.AfterSettling())
            {
                clock.Restart();
                var state = new MonitorEngine(database, directions, fullShare: options.FullShare).Refresh(cancellationToken);
                var observed = clock.Elapsed;
                oursBreakdowns = MonitorEngine.RollUp(state.Cube);
                clock.Stop();
                cube = state.Cube;
                ours = new EngineRun(
                    "ours",
                    clock.Elapsed,
                    TimeSpan.Zero,
                    cube.Count,
                    Covered(oursBreakdowns, options.Indicators),
                    sampler.PeakWorkingSet,
                    sampler.PeakHeap,
                    sampler.StartWorkingSet,
                    [($"read the store, observe on {Environment.ProcessorCount} cores, merge", observed), ("roll up 128 breakdowns", clock.Elapsed - observed)]
                );
            }
            notes.Add(
                $"ours: {ours.Groups:N0} groups over every breakdown, of which {oursBreakdowns.TotalPublishable:N0} have ≥ 5 pupils (a table may show them); "
                    + $"the base cube holds {cube.Count:N0} cells in {cube.Bytes / 1048576.0:N0} MiB"
            );
            progress?.Report(
                new ImportProgress(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"ours: {ours.Elapsed.TotalSeconds:F2} s, {ours.Groups:N0} groups, peak working set {ours.PeakWorkingSetBytes / 1048576.0:N0} MiB"
                    ),
                    0,
                    events
                )
            );
            var oursHeadline = Headline(cube, options.Indicators);
            cube = null!; // each DuckDB run below starts settled (Sampler.AfterSettling): the cube is handed back first

            var oursPublishable = options.Indicators.Sum(i => Enumerable.Range(0, Masks).Sum(m => (long)oursBreakdowns.Publishable[(int)i][m]));
            if (options.SkipDuckDb)
            {
                notes.Add("DuckDB skipped (--no-duckdb): ours alone, no ratio and no honesty check in this run");
                var alone = options.Indicators.ToImmutableDictionary(i => i, i => (Masks, 0));
                var headlineAlone = oursHeadline
                    .Select(h => new HeadlineFigure(h.Figure, h.Key, h.Counts.Population, h.Counts.Hits, 0, 0))
                    .OrderBy(h => h.Figure, StringComparer.Ordinal)
                    .ThenBy(h => h.Key, StringComparer.Ordinal)
                    .ToImmutableArray();
                return new MonitorBenchResult(
                    events,
                    pupils,
                    new FileInfo(eventsCsv).Length,
                    generation,
                    through,
                    ours,
                    null,
                    recomputations,
                    alone,
                    0,
                    headlineAlone,
                    Sampler.ProcessPeak(),
                    notes.ToImmutable()
                )
                {
                    OursPublishable = oursPublishable,
                };
            }

            // The fair baselines first (DuckDB doing what ours does), then the CUBE: each after the one before has given back its memory.
            progress?.Report(new ImportProgress($"DuckDB ({options.DuckDbThreads} threads): the same algorithm", 0, events));
            var same = DuckDbFair.SameAlgorithm(eventsCsv, crebosCsv, options.DuckDbThreads, options.DuckDbMemoryLimit, options.Indicators);
            notes.AddRange(same.Notes);
            progress?.Report(new ImportProgress($"DuckDB ({options.DuckDbThreads} threads): a dashboard's breakdowns", 0, events));
            var dashboard = DuckDbFair.Dashboard(eventsCsv, crebosCsv, options.DuckDbThreads, options.DuckDbMemoryLimit, options.Indicators);
            notes.AddRange(dashboard.Notes.Skip(1));
            DuckDbSide.Outcome? duckCube = null;
            if (options.SkipDuckDbCube)
                notes.Add("DuckDB's GROUP BY CUBE skipped (--no-duckdb-cube): the same algorithm and the dashboard are the baselines");
            else
            {
                progress?.Report(new ImportProgress($"DuckDB ({options.DuckDbThreads} threads): read_csv and GROUP BY CUBE", 0, events));
                duckCube = DuckDbSide.Run(eventsCsv, crebosCsv, options.DuckDbThreads, options.Indicators);
                notes.AddRange(DuckDbSide.Notes(options.DuckDbThreads));
            }

            // The honesty check: the headline figures as the dashboard's DuckDB run gives them (the same observation SQL as the CUBE's).
            var duckHeadline = dashboard.Headline;
            var headline = oursHeadline
                .Select(h =>
                {
                    duckHeadline.TryGetValue((h.Figure, h.Key), out var d);
                    return new HeadlineFigure(h.Figure, h.Key, h.Counts.Population, h.Counts.Hits, d.Population, d.Hits);
                })
                .Concat(
                    duckHeadline
                        .Where(d => !oursHeadline.Any(h => (h.Figure, h.Key) == d.Key))
                        .Select(d => new HeadlineFigure(d.Key.Figure, d.Key.Key, 0, 0, d.Value.Population, d.Value.Hits))
                )
                .OrderBy(h => h.Figure, StringComparer.Ordinal)
                .ThenBy(h => h.Key, StringComparer.Ordinal)
                .ToImmutableArray();

            // Every breakdown's group count of ours against the same algorithm's (and the CUBE's, when it ran).
            var differing = 0;
            var perIndicator = ImmutableDictionary.CreateBuilder<Indicator, (int, int)>();
            foreach (var indicator in options.Indicators)
            {
                var theirs = same.Groups.GetValueOrDefault(indicator) ?? [];
                var cubes = duckCube?.Groups.GetValueOrDefault(indicator);
                var shown = dashboard.Groups.GetValueOrDefault(indicator) ?? [];
                perIndicator[indicator] = (Masks, theirs.Count);
                for (var m = 0; m < Masks; m++)
                {
                    var id = Breakdown.GroupingId(m);
                    var ourCount = oursBreakdowns.Of(indicator, m);
                    if (
                        ourCount != theirs.GetValueOrDefault(id)
                        || (cubes is not null && ourCount != cubes.GetValueOrDefault(id))
                        || (DuckDbFair.DashboardBreakdowns.Any(b => b.Mask == m) && ourCount != shown.GetValueOrDefault(id))
                    )
                        differing++;
                }
            }

            return new MonitorBenchResult(
                events,
                pupils,
                new FileInfo(eventsCsv).Length,
                generation,
                through,
                ours,
                duckCube?.Run,
                recomputations,
                perIndicator.ToImmutable(),
                differing,
                headline,
                Sampler.ProcessPeak(),
                notes.ToImmutable()
            )
            {
                SameAlgorithm = same.Run,
                Dashboard = dashboard.Run,
                OursPublishable = oursPublishable,
                SameAlgorithmPublishable = same.PublishableTotal,
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!options.KeepFiles && options.Directory is null)
            {
                try
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                }
                catch (IOException) { }
            }
        }
    }

    /// <summary>The number of breakdowns per indicator: every subset of the seven dimensions.</summary>
    public const int Masks = CubeLayout.Masks;

    private static long Covered(CubeBreakdowns breakdowns, ImmutableArray<Indicator> indicators) =>
        indicators.Sum(i => Enumerable.Range(0, Masks).Sum(m => (long)breakdowns.Of(i, m)));

    private static DomainDirection Direction(CreboInfo crebo) => new(crebo.Domain, crebo.Direction, crebo.Direction == Domain.Direction.Groen, Confidence.High);

    /// <summary>The world's qualifications in the store's kwalificatie table, with their domains (the engine reads them from there).</summary>
    private static void StoreCrebos(Storage.Database database, IEnumerable<CreboInfo> crebos)
    {
        using var connection = database.ConnectMigrated();
        using var transaction = connection.BeginTransaction();
        foreach (var c in crebos)
        {
            Dapper.SqlMapper.Execute(
                connection,
                "INSERT INTO kwalificatie (crebo, naam, niveau, leerwegen, domein) VALUES (@Crebo, 'kwalificatie', @Niveau, 'BOL/BBL', @Domain)",
                new
                {
                    c.Crebo,
                    c.Niveau,
                    c.Domain,
                },
                transaction
            );
        }
        transaction.Commit();
    }

    /// <summary>The CSV's events that <paramref name="which"/> accepts, as the store takes them (synthetic, with the birth date).</summary>
    private static IEnumerable<EventRecord> Records(string csv, Func<TransitionEvent, bool> which, CancellationToken cancellationToken)
    {
        var batch = new List<EventRecord>();
        foreach (var pupil in Pupils(csv, cancellationToken))
        {
            foreach (var e in pupil.Stream)
            {
                if (which(e))
                    yield return new EventRecord(e, Synthetic: true, pupil.Birth);
            }
        }
    }

    /// <summary>The CSV's pupils one at a time (streamed: the reader hands each pupil's consecutive lines over).</summary>
    private static IEnumerable<(TransitionEvent[] Stream, DateOnly? Birth)> Pupils(string csv, CancellationToken cancellationToken)
    {
        var queue = new System.Collections.Concurrent.BlockingCollection<(TransitionEvent[], DateOnly?)>(1024);
        var reader = Task.Run(
            () =>
            {
                try
                {
                    ReadPupils(csv, (stream, birth) => queue.Add((stream.ToArray(), birth), cancellationToken), cancellationToken);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            cancellationToken
        );
        foreach (var pupil in queue.GetConsumingEnumerable(cancellationToken))
            yield return pupil;
        reader.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Appends one withheld day to the store (untimed), then times the engine's refresh (reading the touched pupils from the
    /// store included), the headline tables and, separately, all 128 breakdowns; checks the cube against a full computation.
    /// </summary>
    private static Recomputation Recompute(
        Storage.Database database,
        Dictionary<string, DomainDirection> directions,
        MonitorEngine engine,
        string csv,
        DateOnly day,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
    {
        var dayEvents = Records(csv, e => e.Date == day, cancellationToken).ToList();
        var touched = dayEvents.Select(r => r.Event.Pupil).Distinct(StringComparer.Ordinal).Count();
        new EventStore(database).Append(dayEvents, cancellationToken: cancellationToken);
        progress?.Report(new ImportProgress($"ours: {day:yyyy-MM-dd} appended ({dayEvents.Count:N0} events, {touched:N0} pupils); refresh", 0, touched));
        var clock = Stopwatch.StartNew();
        var state = engine.Refresh(cancellationToken);
        var refresh = clock.Elapsed;
        clock.Restart();
        _ = Headline(state.Cube, [.. Enum.GetValues<Indicator>()]);
        var headline = clock.Elapsed;
        clock.Restart();
        _ = MonitorEngine.RollUp(state.Cube);
        var all = clock.Elapsed;
        var difference = state.Cube.Difference(new MonitorEngine(database, directions).Refresh(cancellationToken).Cube);
        if (difference is not null)
            progress?.Report(new ImportProgress($"the refreshed cube differs from a full computation: {difference}", 0, 0));
        return new Recomputation(day, dayEvents.Count, touched, engine.Last!.Kind, engine.Last.PupilsRead, refresh, headline, all, difference is null);
    }

    /// <summary>The bench's notes on how the engines' definitions relate, for the report.</summary>
    public static ImmutableArray<string> DefinitionNotes { get; } =
    [
        "ours is the product's monitor engine (MonitorEngine: the store read, Indicators.Observe into MonitorCube, RollUp); DuckDB's SQL "
            + "follows Indicators.cs and Timeline.cs definition by definition, for all eleven indicators",
        "where they must differ: same-day events of one pupil — ours takes them in stream (file) order, the SQL in a fixed order (Ingeschreven, "
            + "Geswitcht/Bevorderd/Gedoubleerd, DiplomaBehaald, Uitgeschreven; two enrolments on one day by institution code); two diplomas of one pupil on "
            + "one day at one institution with the same fields are one row in SQL; a spell's leerweg is its last one in SQL where ours reads it as it "
            + "stood at the diploma; the simulator makes none of these, real data might",
        "memory: every engine's run starts after what came before is handed back (pooled connections closed, an aggressive compacting GC, "
            + "malloc_trim); its peak is the process's working set, sampled every 50 ms, and \"began at\" is the part that was there before "
            + "(the runtime, the loaded libraries, the bench's own data)",
    ];

    private static (long Events, long Pupils, DateOnly Through) Generate(
        MonitorBenchOptions options,
        World world,
        string path,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken
    )
    {
        // A probe cohort tells the events a pupil; whole cohorts are then sized to land near the target.
        const int probe = 2_000;
        var perPupil = Simulator.Run(world, Calibration.Default, options.FirstCohortYear, 1, probe, options.Seed).Sum(p => p.Events.Length) / (double)probe;
        var perCohort = (int)Math.Max(1, Math.Ceiling(options.Events / perPupil / options.Cohorts));
        long events = 0,
            pupils = 0;
        var through = DateOnly.MinValue;
        progress?.Report(new ImportProgress($"simulate {options.Cohorts} cohorts × {perCohort:N0} pupils → {Path.GetFileName(path)}", 0, options.Events));
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        EventExport.WriteCsv(Records(), file);
        return (events, pupils, through);

        IEnumerable<EventRecord> Records()
        {
            foreach (var pupil in Simulator.Run(world, Calibration.Default, options.FirstCohortYear, options.Cohorts, perCohort, options.Seed))
            {
                cancellationToken.ThrowIfCancellationRequested();
                pupils++;
                foreach (var e in pupil.Events)
                {
                    if (e.Date > through)
                        through = e.Date;
                    events++;
                    yield return new EventRecord(e, Synthetic: true, pupil.BirthDate);
                }
                if (pupils % 100_000 == 0)
                    progress?.Report(new ImportProgress("simulate", events, options.Events));
            }
        }
    }

    private static void WriteCrebos(IEnumerable<CreboInfo> crebos, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("crebo;niveau;domain;direction");
        foreach (var c in crebos.OrderBy(c => c.Crebo))
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Crebo};{c.Niveau};{c.Domain};{c.Direction}"));
    }

    /// <summary>
    /// Reads the event CSV streaming and hands each pupil's consecutive lines to <paramref name="observe"/>.
    /// </summary>
    internal static void ReadPupils(string path, Action<ReadOnlySpan<TransitionEvent>, DateOnly?> observe, CancellationToken cancellationToken)
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        using var reader = Sep.New(';').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var h = reader.Header;
        int cPupil = h.IndexOf(EventColumns.Pupil),
            cDate = h.IndexOf(EventColumns.Date),
            cType = h.IndexOf(EventColumns.Type),
            cInstitution = h.IndexOf("institution"),
            cLeerweg = h.IndexOf("leerweg"),
            cLeerjaar = h.IndexOf("leerjaar"),
            cNiveau = h.IndexOf("niveau"),
            cCrebo = h.IndexOf("crebo"),
            cRoute = h.IndexOf("route"),
            cDetail = h.IndexOf("detail"),
            cBirth = h.IndexOf(EventColumns.BirthDate);
        var stream = new List<TransitionEvent>(64);
        string? pupil = null;
        DateOnly? birth = null;
        long lines = 0;
        foreach (var row in reader)
        {
            if ((++lines & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var key = row[cPupil].Span;
            if (pupil is null || !key.SequenceEqual(pupil))
            {
                Flush();
                pupil = key.ToString();
                birth = row[cBirth].Span is { IsEmpty: false } b ? Date(b) : null;
            }
            stream.Add(
                new TransitionEvent(
                    pupil,
                    Date(row[cDate].Span),
                    Enum.Parse<EventKind>(row[cType].Span),
                    Text(row[cInstitution].Span),
                    row[cLeerweg].Span is { IsEmpty: false } lw ? Enum.Parse<Leerweg>(lw, ignoreCase: true) : null,
                    Int(row[cLeerjaar].Span),
                    Int(row[cNiveau].Span),
                    Int(row[cCrebo].Span),
                    Text(row[cRoute].Span),
                    Text(row[cDetail].Span)
                )
            );
        }
        Flush();

        void Flush()
        {
            if (stream.Count == 0)
                return;
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stream);
            observe(span, birth);
            stream.Clear();
        }

        string? Text(ReadOnlySpan<char> value)
        {
            if (value.IsEmpty)
                return null;
            if (!strings.TryGetValue(value, out var s))
            {
                s = value.ToString();
                strings[s] = s;
            }
            return s;
        }

        static int? Int(ReadOnlySpan<char> value) => value.IsEmpty ? null : int.Parse(value, CultureInfo.InvariantCulture);

        static DateOnly Date(ReadOnlySpan<char> value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A headline group's key: "cohort 2018" or "cohort 2018, niveau 2" ("niveau –" for vo).</summary>
    public static string HeadlineKey(int cohort, int? niveau, bool byNiveau) =>
        byNiveau
            ? string.Create(CultureInfo.InvariantCulture, $"cohort {cohort}, niveau {(niveau is { } n ? n.ToString(CultureInfo.InvariantCulture) : "– (vo)")}")
            : string.Create(CultureInfo.InvariantCulture, $"cohort {cohort}");

    /// <summary>The honesty check's figures: every indicator national per cohort, and D2 also per cohort and niveau.</summary>
    public static ImmutableArray<(Indicator Indicator, bool ByNiveau)> Figures { get; } =
    [.. Enum.GetValues<Indicator>().Select(i => (i, false)), (Indicator.NieuweVsv, true)];

    /// <summary>A figure's name: the indicator's enum name, "per niveau" when broken down so (the rulebook ids are catalogue data).</summary>
    public static string FigureName(Indicator indicator, bool byNiveau) => $"{indicator}{(byNiveau ? " per niveau" : "")}";

    private static List<(string Figure, string Key, Counts Counts)> Headline(MonitorCube cube, ImmutableArray<Indicator> indicators)
    {
        var list = new List<(string, string, Counts)>();
        foreach (var (indicator, byNiveau) in Figures)
        {
            if (!indicators.Contains(indicator))
                continue;
            var table = byNiveau ? cube.Table(indicator, [Dimension.Cohort, Dimension.Niveau]) : cube.Table(indicator, [Dimension.Cohort]);
            foreach (var row in table.Rows)
            {
                var cohort = int.Parse(row.Keys[0], CultureInfo.InvariantCulture);
                int? niveau = byNiveau && row.Keys[1] != MonitorCube.Unknown ? int.Parse(row.Keys[1], CultureInfo.InvariantCulture) : null;
                list.Add((FigureName(indicator, byNiveau), HeadlineKey(cohort, niveau, byNiveau), new Counts(row.Population, row.Hits, 0)));
            }
        }
        return list;
    }
}
