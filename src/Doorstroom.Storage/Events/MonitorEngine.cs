using System.Collections.Immutable;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The monitor over the store at one version: the cube, the context it was observed in, and what the page says about the data.</summary>
/// <param name="Cube">Every indicator and cell (aggregates only, no pupil key). Never changed once published: an update works on a clone.</param>
/// <param name="Version">The newest event id included (<see cref="EventStore.Version"/>); later events are not in the cube.</param>
/// <param name="Events">Stored event rows up to <paramref name="Version"/>, unreadable ones included.</param>
/// <param name="Pupils">Pupils with at least one readable event.</param>
/// <param name="Skipped">Stored rows that could not be read as events and were left out.</param>
public sealed record MonitorState(MonitorCube Cube, MonitorContext Context, long Version, long Events, long Pupils, long SyntheticPupils, long Skipped);

/// <summary>What a <see cref="MonitorEngine.Refresh"/> read from the store.</summary>
public enum RefreshKind
{
    /// <summary>Nothing: the store's newest event id was the cube's.</summary>
    None,

    /// <summary>Every pupil (the first refresh, changed kwalificaties, a version gone back, or more than the full share changed).</summary>
    Full,

    /// <summary>Only the pupils with new events and those whose due date the moved data end reached.</summary>
    Incremental,
}

/// <summary>What the last <see cref="MonitorEngine.Refresh"/> did.</summary>
/// <param name="Kind">What was read: nothing, every pupil, or only the pupils that changed.</param>
/// <param name="Reason">Why a full computation was needed, or empty.</param>
/// <param name="PupilsRead">Pupils whose streams were read from the store.</param>
/// <param name="EventsRead">Event rows read from the store.</param>
/// <param name="Elapsed">Wall time, reading from the store included.</param>
/// <param name="Readers">Readers of the store at the same time, each on its own connection: one per partition of <c>event</c> in a
/// full computation on PostgreSQL, else one (none when nothing was read).</param>
public sealed record MonitorRefresh(RefreshKind Kind, string Reason, long PupilsRead, long EventsRead, TimeSpan Elapsed, int Readers);

/// <summary>
/// The monitor's one engine, used by the web monitor, <c>doorstroom monitor</c> and <c>report</c>, and measured by
/// <c>doorstroom-bench monitor</c>. The first <see cref="Refresh"/> reads every pupil's stream from the store (pupils in key
/// order, one reader; the pupils spread over the cores by a stable hash of their id, one <see cref="MonitorCube"/> per core,
/// merged at the end: the counts add up). Each later one reads only what changed: the pupils with events newer than the
/// cube's version, and, when the data's last date moved, the pupils whose due date (<see cref="Indicators.ObserveDue"/>) it
/// reached. Each such pupil is observed twice, as it stood (its events up to the old version, the old context) and as it
/// stands; the first is taken out of a clone of the cube and the second added, so the result equals a full computation.
/// Memory grows with the cube's groups, plus one due date (about 24 bytes) per pupil with a measurement still to come; the
/// events pass through in bounded batches. Not thread-safe: one caller at a time (the web's <c>MonitorCache</c> holds a lock).
/// </summary>
/// <param name="workers">Cores to observe on; 0 = all.</param>
/// <param name="fullShare">A refresh that would re-read more than this share of the pupils computes everything again instead.</param>
public sealed class MonitorEngine(Database database, IReadOnlyDictionary<string, DomainDirection> directions, int workers = 0, double fullShare = 0.25)
{
    private const int BatchPupils = 256;
    private readonly int _workers = workers > 0 ? workers : Math.Max(1, Environment.ProcessorCount);
    private Dictionary<long, DateOnly> _due = [];

    /// <summary>The state after the last refresh; null before the first.</summary>
    public MonitorState? Current { get; private set; }

    /// <summary>What the last refresh did; null before the first.</summary>
    public MonitorRefresh? Last { get; private set; }

    /// <summary>Pupils waiting for a date (their due date) to be re-observed without new events.</summary>
    public int DuePupils => _due.Count;

    /// <summary>
    /// Brings the state up to the store's newest event: nothing when unchanged, else incremental, or a full computation the
    /// first time, when the kwalificaties changed, or when more than the full share of the pupils must be re-read.
    /// </summary>
    public MonitorState Refresh(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var store = new EventStore(database);
        var version = store.Version();
        if (Current is { } current && current.Version == version)
        {
            Last = new MonitorRefresh(RefreshKind.None, "", 0, 0, clock.Elapsed, 0);
            return current;
        }
        if (Current is null)
            return Full(version, "the first computation", clock, cancellationToken);
        var crebos = EventMonitor.Crebos(database, directions);
        if (!SameCrebos(crebos, Current.Context.Crebos))
            return Full(version, "the kwalificaties changed", clock, cancellationToken);
        if (version < Current.Version)
            return Full(version, "the store's newest event is older than the cube's (a restored store)", clock, cancellationToken);

        // The new rows: their pupils, and the last date they bring (the data's end only moves forward: the stream is append-only).
        var touched = new HashSet<long>();
        long added = 0;
        var through = Current.Context.Through;
        using (var connection = database.ConnectMigrated())
        {
            using var reader = connection.ExecuteReader(
                "SELECT pupil_id, on_date FROM event WHERE id > @from AND id <= @to",
                new { from = Current.Version, to = version }
            );
            while (reader.Read())
            {
                added++;
                touched.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
                if (EventStore.TryDate(reader.GetValue(1), out var d) && ContractDates.Contains(d) && d > through)
                    through = d;
            }
        }
        var due = new List<long>();
        if (through > Current.Context.Through)
        {
            foreach (var (pupil, date) in _due)
            {
                if (date <= through && !touched.Contains(pupil))
                    due.Add(pupil);
            }
        }
        var reread = touched.Count + due.Count;
        if (reread > fullShare * Math.Max(Current.Pupils, 1))
            return Full(version, $"{reread:N0} pupils to re-read, more than {fullShare:P0} of {Current.Pupils:N0}", clock, cancellationToken);

        var context = new MonitorContext(crebos, through);
        var ids = touched.Concat(due).Order().ToArray();
        var before = Current;
        var result = Observe([Rows(ids, version, cancellationToken)], before.Version, before.Context, context, new SkippedRows(), cancellationToken);
        var cube = before.Cube.Clone();
        foreach (var part in result.Parts)
            cube.AddAll(part.Plus);
        foreach (var part in result.Parts)
            cube.AddAll(part.Minus, -1);
        ApplyDue(result);
        Current = new MonitorState(
            cube,
            context,
            version,
            before.Events + added,
            before.Pupils + result.NewPupils,
            before.SyntheticPupils + result.NewSynthetic,
            before.Skipped + result.Skipped.Count
        );
        Last = new MonitorRefresh(RefreshKind.Incremental, "", result.PupilsRead, result.EventsRead, clock.Elapsed, result.Readers);
        return Current;
    }

    /// <summary>
    /// Every breakdown of every indicator (<see cref="MonitorCube.RollUp(int)"/>), the indicators rolled up at the same time on
    /// the cores; <paramref name="cube"/> must not change meanwhile (a published state's never does).
    /// </summary>
    public static CubeBreakdowns RollUp(MonitorCube cube, int publishable = 5)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var indicators = Enum.GetValues<Indicator>();
        var each = new IndicatorBreakdowns[indicators.Length];
        Parallel.For(0, indicators.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            each[i] = cube.RollUp(indicators[i], publishable)
        );
        return CubeBreakdowns.From(each);
    }

    /// <summary>
    /// Every pupil's observations in <paramref name="context"/> (an explicit <c>--through</c> included), once, keeping no state:
    /// the same reading and spreading over the cores as the first <see cref="Refresh"/>. Unreadable rows go to <paramref name="skipped"/>.
    /// </summary>
    public (MonitorCube Cube, long Pupils, long SyntheticPupils) Compute(
        MonitorContext context,
        SkippedRows skipped,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(skipped);
        var version = new EventStore(database).Version();
        var result = Observe(AllRows(version, cancellationToken), 0, null, context, skipped, cancellationToken);
        return (Merge(result), result.NewPupils, result.NewSynthetic);
    }

    private static MonitorCube Merge(Observed result)
    {
        var cube = result.Parts[0].Plus;
        foreach (var part in result.Parts.Skip(1))
            cube.AddAll(part.Plus);
        return cube;
    }

    private MonitorState Full(long version, string reason, Stopwatch clock, CancellationToken cancellationToken)
    {
        var context = EventMonitor.Context(database, directions);
        _due = [];
        var result = Observe(AllRows(version, cancellationToken), 0, null, context, new SkippedRows(), cancellationToken);
        var cube = Merge(result);
        ApplyDue(result);
        Current = new MonitorState(cube, context, version, result.EventsRead, result.NewPupils, result.NewSynthetic, result.Skipped.Count);
        Last = new MonitorRefresh(RefreshKind.Full, reason, result.PupilsRead, result.EventsRead, clock.Elapsed, result.Readers);
        return Current;
    }

    private void ApplyDue(Observed result)
    {
        foreach (var part in result.Parts)
        {
            foreach (var (pupil, due) in part.Due)
            {
                if (due == DateOnly.MaxValue)
                    _due.Remove(pupil);
                else
                    _due[pupil] = due;
            }
        }
    }

    private static bool SameCrebos(ImmutableDictionary<int, CreboInfo> a, ImmutableDictionary<int, CreboInfo> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other == kv.Value);

    /// <summary>One pupil's stored rows (ids ascending within a date), each an event or null for a row that could not be read.</summary>
    private sealed class PupilRows(long pupilId)
    {
        public long PupilId { get; } = pupilId;
        public bool Synthetic { get; set; }
        public DateOnly? BirthDate { get; set; }

        /// <summary>True once a readable row gave the pupil's attributes.</summary>
        public bool Known { get; set; }
        public List<(long Id, TransitionEvent? Event)> Rows { get; } = [];
    }

    /// <summary>One worker's share: the new observations, the old ones to take out, the pupils' due dates.</summary>
    private sealed class Part
    {
        public MonitorCube Plus { get; } = new();
        public MonitorCube Minus { get; } = new();
        public List<(long Pupil, DateOnly Due)> Due { get; } = [];
        public long NewPupils;
        public long NewSynthetic;
    }

    private sealed record Observed(
        ImmutableArray<Part> Parts,
        long NewPupils,
        long NewSynthetic,
        SkippedRows Skipped,
        long PupilsRead,
        long EventsRead,
        int Readers
    );

    /// <summary>
    /// Observes the pupils <paramref name="sources"/> yield (each source read on a thread of its own, observed on the workers): each as it stands in
    /// <paramref name="now"/> into its worker's plus cube, and, when <paramref name="then"/> is given, its rows up to
    /// <paramref name="version"/> as they stood in <paramref name="then"/> into the minus cube.
    /// </summary>
    private Observed Observe(
        IReadOnlyList<IEnumerable<PupilRows>> sources,
        long version,
        MonitorContext? then,
        MonitorContext now,
        SkippedRows skipped,
        CancellationToken cancellationToken
    )
    {
        var parts = Enumerable.Range(0, _workers).Select(_ => new Part()).ToImmutableArray();
        var channels = parts
            .Select(_ => Channel.CreateBounded<List<PupilRows>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = sources.Count == 1 }))
            .ToArray();
        var tasks = parts
            .Select(
                (part, i) =>
                    Task.Run(
                        () =>
                        {
                            try
                            {
                                Work(part, channels[i].Reader, version, then, now, cancellationToken);
                            }
                            catch (Exception e)
                            {
                                // The readers must not wait for room on a channel nobody reads any more.
                                channels[i].Writer.TryComplete(e);
                                throw;
                            }
                        },
                        cancellationToken
                    )
            )
            .ToArray();
        // One reader per source (a partition of event on PostgreSQL, each on its own connection); a pupil's rows are all in one.
        var read = new (long Pupils, long Events)[sources.Count];
        try
        {
            if (sources.Count == 1)
                read[0] = Spread(sources[0], channels, version, skipped, cancellationToken);
            else
                Parallel.For(0, sources.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = sources.Count }, k =>
                    read[k] = Spread(sources[k], channels, version, skipped, cancellationToken)
                );
        }
        finally
        {
            foreach (var channel in channels)
                channel.Writer.TryComplete();
        }
        Task.WaitAll(tasks, cancellationToken);
        return new Observed(
            parts,
            parts.Sum(p => p.NewPupils),
            parts.Sum(p => p.NewSynthetic),
            skipped,
            read.Sum(r => r.Pupils),
            read.Sum(r => r.Events),
            sources.Count
        );
    }

    /// <summary>Sends one source's pupils to the workers in batches, each pupil to the worker its id's hash names.</summary>
    private static (long Pupils, long Events) Spread(
        IEnumerable<PupilRows> rows,
        Channel<List<PupilRows>>[] channels,
        long version,
        SkippedRows skipped,
        CancellationToken cancellationToken
    )
    {
        long pupils = 0,
            events = 0;
        var batches = channels.Select(_ => new List<PupilRows>(BatchPupils)).ToArray();
        foreach (var pupil in rows)
        {
            pupils++;
            events += pupil.Rows.Count;
            foreach (var (id, e) in pupil.Rows)
            {
                if (e is null && id > version)
                {
                    lock (skipped)
                        skipped.Add(id, "it could not be read as an event");
                }
            }
            // A stable spread: the same pupil always goes to the same worker (splitmix64 of its id).
            var k = (int)(Mix((ulong)pupil.PupilId) % (ulong)channels.Length);
            batches[k].Add(pupil);
            if (batches[k].Count == BatchPupils)
            {
                Send(channels[k], batches[k], cancellationToken);
                batches[k] = new List<PupilRows>(BatchPupils);
            }
        }
        for (var k = 0; k < channels.Length; k++)
        {
            if (batches[k].Count > 0)
                Send(channels[k], batches[k], cancellationToken);
        }
        return (pupils, events);
    }

    private static void Send(Channel<List<PupilRows>> channel, List<PupilRows> batch, CancellationToken cancellationToken)
    {
        while (!channel.Writer.TryWrite(batch))
        {
            if (!channel.Writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                return;
        }
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static void Work(
        Part part,
        ChannelReader<List<PupilRows>> reader,
        long version,
        MonitorContext? then,
        MonitorContext now,
        CancellationToken cancellationToken
    )
    {
        var stream = new List<TransitionEvent>(64);
        while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var batch))
            {
                foreach (var pupil in batch)
                {
                    var hadEvents = false;
                    if (then is not null)
                    {
                        stream.Clear();
                        foreach (var (id, e) in pupil.Rows)
                        {
                            if (e is not null && id <= version)
                                stream.Add(e);
                        }
                        hadEvents = stream.Count > 0;
                        ObserveStream(stream, pupil.BirthDate, then, part.Minus);
                    }
                    stream.Clear();
                    foreach (var (_, e) in pupil.Rows)
                    {
                        if (e is not null)
                            stream.Add(e);
                    }
                    var due = ObserveStream(stream, pupil.BirthDate, now, part.Plus);
                    part.Due.Add((pupil.PupilId, due));
                    if (!hadEvents && stream.Count > 0)
                    {
                        part.NewPupils++;
                        if (pupil.Synthetic)
                            part.NewSynthetic++;
                    }
                }
            }
        }
    }

    /// <summary>Observes one stream as it counts (corrections applied, <see cref="Corrections"/>); returns its due date.</summary>
    private static DateOnly ObserveStream(List<TransitionEvent> stream, DateOnly? birth, MonitorContext context, MonitorCube into)
    {
        if (stream.Count == 0)
            return DateOnly.MaxValue;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stream);
        return Corrections.Any(span)
            ? Indicators.ObserveDue(Corrections.Apply(span, EventDigest.Of).AsSpan(), birth, context, into)
            : Indicators.ObserveDue(span, birth, context, into);
    }

    /// <summary>
    /// Every pupil's rows up to <paramref name="version"/>, in key order: on SQLite one reader over <c>event</c>; on PostgreSQL
    /// one per partition (<see cref="EventStore.PartitionNames"/>), each on its own connection, read at the same time.
    /// </summary>
    private ImmutableArray<IEnumerable<PupilRows>> AllRows(long version, CancellationToken cancellationToken)
    {
        if (database.Dialect == Dialect.Postgres)
            return [.. EventStore.PartitionNames.Select(table => TableRows(table, "", version, cancellationToken))];
        // SQLite has one table: as many readers as workers, each over its own range of pupil ids (whole pupils, in key order).
        long low,
            high;
        using (var connection = database.ConnectMigrated())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM pupil";
            using var reader = command.ExecuteReader();
            reader.Read();
            (low, high) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var readers = (int)Math.Clamp((high - low + 1) / 10_000, 1, _workers);
        var step = (high - low + 1 + readers - 1) / readers;
        return
        [
            .. Enumerable
                .Range(0, readers)
                .Select(r =>
                    TableRows(
                        "event",
                        readers == 1
                            ? ""
                            : string.Create(CultureInfo.InvariantCulture, $" AND e.pupil_id >= {low + r * step} AND e.pupil_id < {low + (r + 1) * step}"),
                        version,
                        cancellationToken
                    )
                ),
        ];
    }

    private IEnumerable<PupilRows> TableRows(string table, string range, long version, CancellationToken cancellationToken)
    {
        using var connection = database.ConnectMigrated();
        foreach (var pupil in Read(connection, table, "e.id <= @version" + range, version, cancellationToken))
            yield return pupil;
    }

    /// <summary>The given pupils' rows up to <paramref name="version"/>, in key order, a thousand pupils a query.</summary>
    private IEnumerable<PupilRows> Rows(long[] ids, long version, CancellationToken cancellationToken)
    {
        using var connection = database.ConnectMigrated();
        for (var start = 0; start < ids.Length; start += 1000)
        {
            // The ids are the store's own integers, written as numbers: no text of anyone's reaches the SQL.
            var list = string.Join(',', ids.Skip(start).Take(1000).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            foreach (var pupil in Read(connection, "event", $"e.pupil_id IN ({list}) AND e.id <= @version", version, cancellationToken))
                yield return pupil;
        }
    }

    /// <summary>The rows of <paramref name="table"/> (<c>event</c> or one of its partitions, a name of ours) matching <paramref name="where"/>.</summary>
    private static IEnumerable<PupilRows> Read(DbConnection connection, string table, string where, long version, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText =
            $"SELECT {EventStore.EventColumns}, e.pupil_id FROM {table} e JOIN pupil p ON p.id = e.pupil_id WHERE {where} ORDER BY e.pupil_id, e.on_date, e.id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "version";
        parameter.Value = version;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        PupilRows? current = null;
        var scratch = new SkippedRows();
        long rows = 0;
        while (reader.Read())
        {
            if ((++rows & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var pupilId = Convert.ToInt64(reader.GetValue(14), CultureInfo.InvariantCulture);
            var id = Convert.ToInt64(reader.GetValue(13), CultureInfo.InvariantCulture);
            var record = EventStore.TryReadEvent(reader, 0, scratch);
            if (current is null || current.PupilId != pupilId)
            {
                if (current is not null)
                    yield return current;
                current = new PupilRows(pupilId);
            }
            if (record is not null && !current.Known)
            {
                current.Synthetic = record.Synthetic;
                current.BirthDate = record.BirthDate;
                current.Known = true;
            }
            current.Rows.Add((id, record?.Event));
        }
        if (current is not null)
            yield return current;
    }
}
