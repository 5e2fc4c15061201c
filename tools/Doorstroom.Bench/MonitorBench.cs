using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;
using nietras.SeparatedValues;

namespace Doorstroom.Bench;

/// <summary>How the monitor observes one pupil: the shape of the Domain's <see cref="Domain.Indicators.Observe"/>.</summary>
/// <param name="stream">One pupil's events in date order.</param>
/// <param name="birthDate">The pupil's birth date, when known.</param>
/// <param name="context">The crebo map and the date the data is complete through.</param>
/// <param name="sink">Where the pupil's observations go.</param>
public delegate void ObservePupil(ReadOnlySpan<TransitionEvent> stream, DateOnly? birthDate, MonitorContext context, IObservationSink sink);

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

    /// <summary>Where the files go; a new temporary folder when null.</summary>
    public string? Directory { get; init; }

    /// <summary>Keep the generated files (else a temporary folder is deleted).</summary>
    public bool KeepFiles { get; init; }

    /// <summary>Our side: observes one pupil; the Domain's <see cref="Domain.Indicators.Observe"/>, the monitor itself.</summary>
    public ObservePupil Observe { get; init; } = Domain.Indicators.Observe;

    /// <summary>Our cube; the bench's <see cref="BenchCube"/> unless another is plugged in.</summary>
    public Func<IBenchCube> Cube { get; init; } = () => new BenchCube();

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
/// <param name="Stages">Where the time went, stage by stage.</param>
public sealed record EngineRun(
    string Engine,
    TimeSpan Elapsed,
    TimeSpan Load,
    long Observations,
    long Groups,
    long PeakWorkingSetBytes,
    long PeakManagedHeapBytes,
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

/// <summary>The recomputation after appending one day of events.</summary>
/// <param name="Day">The day appended.</param>
/// <param name="Events">Events dated that day.</param>
/// <param name="Pupils">Pupils with an event that day: the ones recomputed.</param>
/// <param name="CubeUpToDate">Observe the touched pupils before and after the day and apply the net change to the base table: the monitor is up to
/// date.</param>
/// <param name="Headline">Then roll up again the headline tables (every indicator per cohort and per cohort × niveau) from the base.</param>
/// <param name="AllBreakdowns">Separately, roll up all 128 breakdowns of every indicator again.</param>
/// <param name="MatchesFullRun">True when the cube afterwards equals the one built from all events at once.</param>
public sealed record Recomputation(
    DateOnly Day,
    long Events,
    long Pupils,
    TimeSpan CubeUpToDate,
    TimeSpan Headline,
    TimeSpan AllBreakdowns,
    bool MatchesFullRun
);

/// <summary>The figures of one <c>bench monitor</c> run.</summary>
/// <param name="BreakdownsPerIndicator">Breakdowns per compared indicator, per engine (DuckDB: distinct GROUPING() ids seen).</param>
/// <param name="BreakdownsDiffering">(indicator, breakdown) pairs whose group counts differ between the engines.</param>
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
    /// <summary>Ours' time ÷ DuckDB's (the target is ≤ 1).</summary>
    public double? Ratio => DuckDb is null ? null : Ours.Elapsed.TotalSeconds / Math.Max(DuckDb.Elapsed.TotalSeconds, 1e-9);
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
        var notes = ImmutableArray.CreateBuilder<string>();
        try
        {
            var world = SyntheticWorld.Build(options.Seed);
            var crebos = SyntheticWorld.Crebos(world);
            var clock = Stopwatch.StartNew();
            var (events, pupils, through) = Generate(options, world, eventsCsv, progress, cancellationToken);
            WriteCrebos(crebos.Values, crebosCsv);
            var generation = clock.Elapsed;
            var context = new MonitorContext(crebos, through);
            var covered = options.Indicators.ToHashSet();

            GC.Collect();
            progress?.Report(new ImportProgress("ours: read, observe, roll up", 0, events));
            IBenchCube cube;
            var days = options.AppendDays.ToHashSet();
            var touchedKeys = new Dictionary<string, int>(StringComparer.Ordinal);
            ObservationCache? cache = null;
            long observations;
            EngineRun ours;
            using (var sampler = new Sampler())
            {
                clock.Restart();
                cube = options.Cube();
                // The bench's cube also keeps every pupil's observations packed, so that recomputing a pupil observes only its new stream.
                cache = cube is BenchCube ? new ObservationCache() : null;
                var sink = new Filter(cube is BenchCube bench ? new CachingSink(bench, cache!) : cube, covered);
                var ordinal = 0;
                ReadPupils(
                    eventsCsv,
                    (stream, birth) =>
                    {
                        cache?.BeginPupil();
                        options.Observe(stream, birth, context, sink);
                        cache?.EndPupil();
                        foreach (var e in stream)
                        {
                            if (days.Contains(e.Date))
                                touchedKeys.TryAdd(e.Pupil, ordinal);
                        }
                        ordinal++;
                    },
                    cancellationToken
                );
                var observed = clock.Elapsed;
                cube.RollUp();
                clock.Stop();
                observations = sink.Count;
                ours = new EngineRun(
                    "ours",
                    clock.Elapsed,
                    TimeSpan.Zero,
                    observations,
                    Groups(cube, options.Indicators),
                    sampler.PeakWorkingSet,
                    sampler.PeakHeap,
                    [("read, group by pupil, observe", observed), ("roll up 128 breakdowns", clock.Elapsed - observed)]
                );
            }
            progress?.Report(
                new ImportProgress(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"ours: {ours.Elapsed.TotalSeconds:F2} s, {ours.Observations:N0} observations, {ours.Groups:N0} groups, peak working set "
                            + $"{ours.PeakWorkingSetBytes / 1048576.0:N0} MiB"
                    ),
                    0,
                    events
                )
            );

            // The appended pupils' streams, fetched after the timed run as a store would by pupil (untimed, not in ours' peak).
            var appended = new List<(TransitionEvent[] Stream, DateOnly? Birth, int Ordinal)>();
            ReadPupils(
                eventsCsv,
                (stream, birth) =>
                {
                    if (touchedKeys.TryGetValue(stream[0].Pupil, out var ordinal))
                        appended.Add((stream.ToArray(), birth, ordinal));
                },
                cancellationToken
            );

            var recomputations = options
                .AppendDays.Select(day => Recompute(options, day, cube, cache, covered, context, appended, progress))
                .ToImmutableArray();
            var oursHeadline = Headline(cube, options.Indicators);
            var oursBreakdowns = options.Indicators.ToDictionary(
                i => i,
                i => Enumerable.Range(0, BenchCube.Masks).ToDictionary(m => m, m => cube.Groups(i, m))
            );
            cube = null!;
            cache = null;
            appended.Clear();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            if (options.SkipDuckDb)
            {
                notes.Add("DuckDB skipped (--no-duckdb): ours alone, no ratio and no honesty check in this run");
                var alone = options.Indicators.ToImmutableDictionary(i => i, i => (oursBreakdowns[i].Count, 0));
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
                );
            }
            progress?.Report(new ImportProgress($"DuckDB ({options.DuckDbThreads} threads): read_csv and GROUP BY CUBE", 0, events));
            var duck = DuckDbSide.Run(eventsCsv, crebosCsv, options.DuckDbThreads, options.Indicators);
            notes.AddRange(DuckDbSide.Notes(options.DuckDbThreads));

            var headline = oursHeadline
                .Select(h =>
                {
                    duck.Headline.TryGetValue((h.Figure, h.Key), out var d);
                    return new HeadlineFigure(h.Figure, h.Key, h.Counts.Population, h.Counts.Hits, d.Population, d.Hits);
                })
                .Concat(
                    duck.Headline.Where(d => !oursHeadline.Any(h => (h.Figure, h.Key) == d.Key))
                        .Select(d => new HeadlineFigure(d.Key.Figure, d.Key.Key, 0, 0, d.Value.Population, d.Value.Hits))
                )
                .OrderBy(h => h.Figure, StringComparer.Ordinal)
                .ThenBy(h => h.Key, StringComparer.Ordinal)
                .ToImmutableArray();

            var differing = 0;
            var perIndicator = ImmutableDictionary.CreateBuilder<Indicator, (int, int)>();
            foreach (var indicator in options.Indicators)
            {
                var theirs = duck.Groups.GetValueOrDefault(indicator) ?? [];
                perIndicator[indicator] = (oursBreakdowns[indicator].Count, theirs.Count);
                for (var m = 0; m < BenchCube.Masks; m++)
                {
                    if (oursBreakdowns[indicator][m] != theirs.GetValueOrDefault(Breakdown.GroupingId(m)))
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
                duck.Run,
                recomputations,
                perIndicator.ToImmutable(),
                differing,
                headline,
                Sampler.ProcessPeak(),
                notes.ToImmutable()
            );
        }
        finally
        {
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

    /// <summary>The bench's notes on how the engines' definitions relate, for the report.</summary>
    public static ImmutableArray<string> DefinitionNotes { get; } =
    [
        "ours is the monitor itself (Indicators.Observe into the bench's cube); DuckDB's SQL follows Indicators.cs and Timeline.cs definition by definition, "
            + "for all eleven indicators",
        "where they must differ: same-day events of one pupil — ours takes them in stream (file) order, the SQL in a fixed order (Ingeschreven, "
            + "Geswitcht/Bevorderd/Gedoubleerd, DiplomaBehaald, Uitgeschreven; two enrolments on one day by institution code); two diplomas of one pupil on "
            + "one day at one institution with the same fields are one row in SQL; a spell's leerweg is its last one in SQL where ours reads it as it "
            + "stood at the diploma; the simulator makes none of these, real data might",
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

    /// <summary>
    /// Puts the cube in the state it had with <paramref name="day"/> withheld (untimed), then appends the day: the touched
    /// pupils' old observations out, the new in, applied to the base table (timed: the cube is up to date); then the headline
    /// tables rolled up again (timed), and separately all 128 breakdowns (timed). The cube ends as it began.
    /// </summary>
    private static Recomputation Recompute(
        MonitorBenchOptions options,
        DateOnly day,
        IBenchCube cube,
        ObservationCache? cache,
        HashSet<Indicator> covered,
        MonitorContext context,
        List<(TransitionEvent[] Stream, DateOnly? Birth, int Ordinal)> all,
        IProgress<ImportProgress>? progress
    )
    {
        var touched = all.Where(p => p.Stream.Any(e => e.Date == day)).ToList();
        var full = (cube as BenchCube)?.Fingerprint();
        if (cube is BenchCube bench && cache is not null)
        {
            // The day withheld (untimed), then appended (timed): each pupil's stream observed once, against its cached observations.
            var withheldStreams = touched.Select(p => p.Stream.Where(e => e.Date != day).ToArray()).ToArray();
            Reobserve(options, bench, cache, covered, context, touched, withheldStreams);
            progress?.Report(new ImportProgress($"ours: append {day:yyyy-MM-dd} and recompute {touched.Count:N0} pupils", 0, touched.Count));
            var watch = Stopwatch.StartNew();
            Reobserve(options, bench, cache, covered, context, touched, [.. touched.Select(p => p.Stream)]);
            var current = watch.Elapsed;
            watch.Restart();
            cube.RollUpKept();
            var kept = watch.Elapsed;
            watch.Restart();
            cube.RollUp();
            var rolled = watch.Elapsed;
            return new Recomputation(
                day,
                touched.Sum(p => p.Stream.Count(e => e.Date == day)),
                touched.Count,
                current,
                kept,
                rolled,
                bench.Fingerprint() == full
            );
        }
        var before = new Collect(covered);
        var after = new Collect(covered);
        var withheld = touched.Select(p => p.Stream.Where(e => e.Date != day).ToArray()).ToArray();
        for (var i = 0; i < touched.Count; i++)
            Replace(touched[i].Stream, withheld[i], touched[i].Birth);
        progress?.Report(new ImportProgress($"ours: append {day:yyyy-MM-dd} and recompute {touched.Count:N0} pupils", 0, touched.Count));
        // Per pupil, only the observations that changed go to the cube (most of a pupil's observations, earlier years,
        // are the same before and after the day); each is one update of the base table. Pupils are observed in parallel
        // (chunks of pupils, one net change per chunk), and the changes applied to the cube on this thread.
        var clock = Stopwatch.StartNew();
        const int chunk = 4096;
        var changes = new (List<Observation> Out, List<Observation> In)[(touched.Count + chunk - 1) / chunk];
        Parallel.For(0, changes.Length, c =>
        {
            var (old, @new, outs, ins) = (new Collect(covered), new Collect(covered), new List<Observation>(), new List<Observation>());
            for (var i = c * chunk; i < Math.Min(touched.Count, (c + 1) * chunk); i++)
                Delta(withheld[i], touched[i].Stream, touched[i].Birth, old, @new, outs, ins);
            changes[c] = (outs, ins);
        });
        foreach (var (outs, ins) in changes)
        {
            foreach (var o in outs)
                cube.Remove(o);
            foreach (var o in ins)
                cube.Add(o);
        }
        var upToDate = clock.Elapsed;
        clock.Restart();
        cube.RollUpKept();
        var headline = clock.Elapsed;
        clock.Restart();
        cube.RollUp();
        var allBreakdowns = clock.Elapsed;
        var matches = full is null || (cube as BenchCube)!.Fingerprint() == full;
        return new Recomputation(day, touched.Sum(p => p.Stream.Count(e => e.Date == day)), touched.Count, upToDate, headline, allBreakdowns, matches);

        void Replace(TransitionEvent[] old, TransitionEvent[] @new, DateOnly? birth)
        {
            var (outs, ins) = (new List<Observation>(), new List<Observation>());
            Delta(old, @new, birth, before, after, outs, ins);
            foreach (var o in outs)
                cube.Remove(o);
            foreach (var o in ins)
                cube.Add(o);
        }

        void Delta(TransitionEvent[] old, TransitionEvent[] @new, DateOnly? birth, Collect was, Collect now, List<Observation> outs, List<Observation> ins)
        {
            was.Items.Clear();
            now.Items.Clear();
            options.Observe(old, birth, context, was);
            options.Observe(@new, birth, context, now);
            foreach (var o in was.Items)
            {
                var same = now.Items.IndexOf(o);
                if (same >= 0)
                    now.Items.RemoveAt(same);
                else
                    outs.Add(o);
            }
            ins.AddRange(now.Items);
        }
    }

    /// <summary>
    /// Brings the cube and the cache to <paramref name="streams"/> (one per touched pupil): each pupil's stream observed once
    /// and packed, in parallel chunks of pupils, and compared with its cached observations into a net change per group
    /// (an observation that only changed its hit or value is one update, not an out and an in); a changed pupil's new
    /// observations are written over its cached ones in place by its chunk when they fit its slot. Then, on this thread,
    /// the net changes applied to the base table, and the pupils that outgrew their slot moved to the cache's end. A pupil
    /// with a dimension value the cube has not seen yet (the parallel packing only reads the cube's interners) is packed
    /// on this thread.
    /// </summary>
    private static void Reobserve(
        MonitorBenchOptions options,
        BenchCube cube,
        ObservationCache cache,
        HashSet<Indicator> covered,
        MonitorContext context,
        List<(TransitionEvent[] Stream, DateOnly? Birth, int Ordinal)> pupils,
        TransitionEvent[][] streams
    )
    {
        const int chunk = 4096;
        var changes = new Change[(pupils.Count + chunk - 1) / chunk];
        Parallel.For(0, changes.Length, c =>
        {
            var change = changes[c] = new Change();
            var now = new Collect(covered);
            var packer = new Packer(cube);
            var packed = new List<PackedObservation>();
            var (outs, ins) = (new List<PackedObservation>(), new List<PackedObservation>());
            for (var i = c * chunk; i < Math.Min(pupils.Count, (c + 1) * chunk); i++)
            {
                now.Items.Clear();
                options.Observe(streams[i], pupils[i].Birth, context, now);
                packed.Clear();
                var ok = true;
                foreach (var o in now.Items)
                {
                    if (!packer.TryPack(o.Cell, out var key))
                    {
                        ok = false;
                        break;
                    }
                    packed.Add(new PackedObservation(key, o.Value, (byte)o.Indicator, o.Hit));
                }
                var ordinal = pupils[i].Ordinal;
                if (!ok)
                {
                    change.Slow.Add((ordinal, [.. now.Items]));
                    continue;
                }
                if (!Diff(cache, ordinal, packed, outs, ins, change.Deltas))
                    continue;
                var fresh = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(packed);
                if (!cache.TrySetInPlace(ordinal, fresh))
                {
                    change.Moved.Add((ordinal, change.Observations.Count, packed.Count));
                    change.Observations.AddRange(packed);
                }
            }
        });
        var slow = new List<PackedObservation>();
        for (var indicator = 0; indicator < Enum.GetValues<Indicator>().Length; indicator++)
        {
            foreach (var change in changes)
            {
                foreach (var d in change.Deltas[indicator])
                    cube.Apply(d);
            }
        }
        foreach (var change in changes)
        {
            var observations = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(change.Observations);
            foreach (var (ordinal, start, count) in change.Moved)
                cache.Set(ordinal, observations.Slice(start, count));
            foreach (var (ordinal, items) in change.Slow)
            {
                slow.Clear();
                foreach (var o in items)
                    slow.Add(new PackedObservation(cube.Pack(o.Cell), o.Value, (byte)o.Indicator, o.Hit));
                for (var k = 0; k < cache.Count(ordinal); k++)
                    cube.Apply(cache[ordinal, k], -1);
                foreach (var o in slow)
                    cube.Apply(o, 1);
                cache.Set(ordinal, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(slow));
            }
        }
    }

    /// <summary>
    /// The net change from a pupil's cached observations to <paramref name="now"/> (as multisets) to <paramref name="deltas"/>:
    /// one delta per observation gone or come, and one per group whose observation only changed its hit or value; true when any.
    /// </summary>
    private static bool Diff(
        ObservationCache cache,
        int pupil,
        List<PackedObservation> now,
        List<PackedObservation> outs,
        List<PackedObservation> ins,
        List<CubeDelta>[] deltas
    )
    {
        var count = cache.Count(pupil);
        var fresh = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(now);
        Span<bool> matched = fresh.Length <= 256 ? stackalloc bool[fresh.Length] : new bool[fresh.Length];
        outs.Clear();
        ins.Clear();
        for (var k = 0; k < count; k++)
        {
            ref readonly var was = ref cache[pupil, k];
            var found = false;
            for (var j = 0; j < fresh.Length; j++)
            {
                ref readonly var n = ref fresh[j];
                if (!matched[j] && n.Key == was.Key && n.Indicator == was.Indicator && n.Hit == was.Hit && n.Value.Equals(was.Value))
                {
                    matched[j] = found = true;
                    break;
                }
            }
            if (!found)
                outs.Add(was);
        }
        for (var j = 0; j < fresh.Length; j++)
        {
            if (!matched[j])
                ins.Add(fresh[j]);
        }
        if (outs.Count == 0 && ins.Count == 0)
            return false;
        foreach (var i in ins)
        {
            var pair = -1;
            for (var k = 0; k < outs.Count && pair < 0; k++)
            {
                if (outs[k].Key == i.Key && outs[k].Indicator == i.Indicator)
                    pair = k;
            }
            if (pair < 0)
            {
                deltas[i.Indicator].Add(new CubeDelta(i.Key, i.Value, i.Indicator, 1, (sbyte)(i.Hit ? 1 : 0)));
                continue;
            }
            var o = outs[pair];
            outs.RemoveAt(pair);
            deltas[i.Indicator].Add(new CubeDelta(i.Key, i.Value - o.Value, i.Indicator, 0, (sbyte)((i.Hit ? 1 : 0) - (o.Hit ? 1 : 0))));
        }
        foreach (var o in outs)
            deltas[o.Indicator].Add(new CubeDelta(o.Key, -o.Value, o.Indicator, -1, (sbyte)(o.Hit ? -1 : 0)));
        return true;
    }

    /// <summary>One chunk's net change: the deltas, the changed pupils that outgrew their cache slot with their new observations, and pupils to pack on the
    /// cube's thread.</summary>
    private sealed class Change
    {
        /// <summary>The deltas per indicator, so that they are applied one base table at a time.</summary>
        public List<CubeDelta>[] Deltas { get; } = [.. Enum.GetValues<Indicator>().Select(_ => new List<CubeDelta>())];
        public List<PackedObservation> Observations { get; } = [];
        public List<(int Ordinal, int Start, int Count)> Moved { get; } = [];
        public List<(int Ordinal, Observation[] Items)> Slow { get; } = [];
    }

    private static long Groups(IBenchCube cube, ImmutableArray<Indicator> indicators) =>
        indicators.Sum(i => Enumerable.Range(0, BenchCube.Masks).Sum(m => (long)cube.Groups(i, m)));

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

    private static List<(string Figure, string Key, Counts Counts)> Headline(IBenchCube cube, ImmutableArray<Indicator> indicators)
    {
        var list = new List<(string, string, Counts)>();
        foreach (var (indicator, byNiveau) in Figures)
        {
            if (!indicators.Contains(indicator))
                continue;
            var mask = byNiveau ? Breakdown.Mask(Dimension.Cohort, Dimension.Niveau) : Breakdown.Mask(Dimension.Cohort);
            foreach (var (cell, counts) in cube.Table(indicator, mask))
                list.Add((FigureName(indicator, byNiveau), HeadlineKey(cell.Cohort, cell.Niveau, byNiveau), counts));
        }
        return list;
    }

    /// <summary>Collects one pupil's observations of the compared indicators.</summary>
    private sealed class Collect(HashSet<Indicator> indicators) : IObservationSink
    {
        public List<Observation> Items { get; } = [];

        public void Add(in Observation observation)
        {
            if (indicators.Contains(observation.Indicator))
                Items.Add(observation);
        }
    }

    /// <summary>Passes on the observations of the compared indicators and counts them.</summary>
    private sealed class Filter(IObservationSink inner, HashSet<Indicator> indicators) : IObservationSink
    {
        public long Count { get; private set; }

        public void Add(in Observation observation)
        {
            if (!indicators.Contains(observation.Indicator))
                return;
            Count++;
            inner.Add(observation);
        }
    }
}
