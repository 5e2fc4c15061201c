using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;

namespace Doorstroom.Cli.Tests;

/// <summary>
/// The monitor's engine keeps its cube current from what changed in the store: the pupils with new events, and those whose
/// due date a moved data end reached. Each test compares the refreshed cube with a full computation on the same store.
/// </summary>
public sealed class MonitorEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ImmutableDictionary<string, DomainDirection> NoDirections = ImmutableDictionary<string, DomainDirection>.Empty;

    /// <summary>Two simulated cohorts of 120 pupils each, with their qualifications stored so that switches have domains.</summary>
    private static (TestStore Store, ImmutableArray<SimulatedPupil> Pupils) World(StoreKind kind)
    {
        var store = TestStore.Create(kind);
        var world = SyntheticWorld.Build(1);
        using (var connection = store.Database.ConnectMigrated())
        {
            foreach (var q in SyntheticWorld.Crebos(world).Values)
            {
                connection.Execute(
                    "INSERT INTO kwalificatie (crebo, naam, niveau, leerwegen, domein) VALUES (@Crebo, 'kwalificatie', @Niveau, 'BOL/BBL', @Domain)",
                    new
                    {
                        q.Crebo,
                        q.Niveau,
                        q.Domain,
                    }
                );
            }
        }
        return (store, [.. Simulator.Run(world, Calibration.Default, 2016, 2, 120, seed: 7)]);
    }

    private static void Append(TestStore store, IEnumerable<SimulatedPupil> pupils, Func<TransitionEvent, bool> which) =>
        new EventStore(store.Database).Append(
            pupils.SelectMany(p => p.Events.Where(which).Select(e => new EventRecord(e, Synthetic: true, p.BirthDate))),
            cancellationToken: Ct
        );

    private static MonitorCube Full(TestStore store) => new MonitorEngine(store.Database, NoDirections).Refresh(Ct).Cube;

    [Theory, ClassData(typeof(BothStores))]
    public void After_a_day_is_appended_only_its_pupils_are_read_again_and_the_cube_equals_a_full_computation(StoreKind kind)
    {
        var (store, pupils) = World(kind);
        using var _ = store;
        // The busiest day before the data's end that touches at most a fifth of the pupils (a day of a full school's
        // enrolments is past the engine's full share): appending it later does not move the end, only its pupils change.
        var last = pupils.SelectMany(p => p.Events).Max(e => e.Date);
        var day = pupils
            .SelectMany(p => p.Events)
            .Where(e => e.Date < last)
            .GroupBy(e => e.Date)
            .Where(g => g.Select(e => e.Pupil).Distinct().Count() <= pupils.Length / 5)
            .OrderByDescending(g => g.Count())
            .First()
            .Key;
        Append(store, pupils, e => e.Date != day);
        var engine = new MonitorEngine(store.Database, NoDirections);
        var before = engine.Refresh(Ct);
        Assert.Equal(RefreshKind.Full, engine.Last!.Kind);
        var cubeBefore = before.Cube.Clone();

        Append(store, pupils, e => e.Date == day);
        var after = engine.Refresh(Ct);

        var touched = pupils.Where(p => p.Events.Any(e => e.Date == day)).ToList();
        Assert.Equal(RefreshKind.Incremental, engine.Last!.Kind);
        Assert.Equal(touched.Count, engine.Last.PupilsRead);
        Assert.Equal(touched.Sum(p => p.Events.Length), engine.Last.EventsRead);
        Assert.True(touched.Count > 5, $"the day touches {touched.Count} pupils: too few to tell");
        Assert.Null(after.Cube.Difference(Full(store)));
        Assert.NotNull(after.Cube.Difference(cubeBefore));
        // The breakdowns rolled up on the cores are those of the one-thread roll-up.
        Assert.Equal(after.Cube.RollUp(), MonitorEngine.RollUp(after.Cube), new BreakdownsComparer());
        // The published state of before is left as it was: the refresh worked on a copy.
        Assert.Null(before.Cube.Difference(cubeBefore));
        Assert.Equal(before.Events + pupils.Sum(p => p.Events.Count(e => e.Date == day)), after.Events);
        Assert.Equal(pupils.Length, after.Pupils);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void When_the_data_end_passes_a_peildatum_the_pupils_due_then_are_read_again(StoreKind kind)
    {
        var (store, pupils) = World(kind);
        using var _ = store;
        // The data ends on 30 September 2018; one pupil's events of 1 October 2018 and after come later. On 1 October the
        // pupils enrolled a year before can be measured (new vsv, jaarresultaat, …) without an event of their own.
        var end = new DateOnly(2018, 9, 30);
        var late = pupils.First(p => p.Events.Any(e => e.Date > end) && p.Events.Any(e => e.Date <= end));
        Append(store, pupils, e => e.Date <= end);
        var engine = new MonitorEngine(store.Database, NoDirections, fullShare: 1.0);
        engine.Refresh(Ct);
        var due = engine.DuePupils;
        Assert.True(due > 1, "pupils enrolled on 1 October 2017 wait for 1 October 2018");

        Append(store, [late], e => e.Date > end);
        var after = engine.Refresh(Ct);

        Assert.Equal(RefreshKind.Incremental, engine.Last!.Kind);
        Assert.True(engine.Last.PupilsRead > 1, "the pupils due on 1 October 2018 are read, not only the one with new events");
        Assert.True(engine.Last.PupilsRead < pupils.Length, "only due pupils are read");
        Assert.True(after.Context.Through > end);
        Assert.Null(after.Cube.Difference(Full(store)));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_change_of_kwalificaties_computes_everything_again(StoreKind kind)
    {
        var (store, pupils) = World(kind);
        using var _ = store;
        var last = pupils.SelectMany(p => p.Events).Max(e => e.Date);
        Append(store, pupils, e => e.Date < last);
        var engine = new MonitorEngine(store.Database, NoDirections);
        engine.Refresh(Ct);
        using (var connection = store.Database.ConnectMigrated())
            connection.Execute("UPDATE kwalificatie SET domein = 'Een ander domein' WHERE crebo = (SELECT MIN(crebo) FROM kwalificatie)");
        Append(store, pupils, e => e.Date == last);

        var after = engine.Refresh(Ct);

        Assert.Equal((RefreshKind.Full, "the kwalificaties changed"), (engine.Last!.Kind, engine.Last.Reason));
        Assert.Null(after.Cube.Difference(Full(store)));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_unchanged_store_reads_nothing(StoreKind kind)
    {
        var (store, pupils) = World(kind);
        using var _ = store;
        Append(store, pupils, _ => true);
        var engine = new MonitorEngine(store.Database, NoDirections);
        var first = engine.Refresh(Ct);

        Assert.Same(first, engine.Refresh(Ct));
        Assert.Equal((RefreshKind.None, 0L), (engine.Last!.Kind, engine.Last.PupilsRead));
    }

    [Fact]
    public void On_PostgreSQL_a_full_computation_reads_every_partition_on_its_own_connection_and_equals_SQLite()
    {
        var (pg, pupils) = World(StoreKind.Postgres);
        using var _ = pg;
        var (sqlite, __) = World(StoreKind.Sqlite);
        using var ___ = sqlite;
        Append(pg, pupils, _ => true);
        Append(sqlite, pupils, _ => true);
        using (var connection = pg.Database.ConnectMigrated())
        {
            // The pupils are spread over the partitions by their hash: each partition holds some.
            foreach (var partition in EventStore.PartitionNames)
                Assert.True(connection.ExecuteScalar<long>($"SELECT count(DISTINCT pupil_id) FROM {partition}") > 0, partition);
        }
        var onPostgres = new MonitorEngine(pg.Database, NoDirections);
        var onSqlite = new MonitorEngine(sqlite.Database, NoDirections);

        var cube = onPostgres.Refresh(Ct).Cube;

        Assert.Equal((RefreshKind.Full, EventStore.Partitions), (onPostgres.Last!.Kind, onPostgres.Last.Readers));
        Assert.Equal(pupils.Length, onPostgres.Last.PupilsRead);
        Assert.Equal(pupils.Sum(p => p.Events.Length), onPostgres.Last.EventsRead);
        Assert.Null(cube.Difference(onSqlite.Refresh(Ct).Cube));
        Assert.Equal(1, onSqlite.Last!.Readers);
    }

    private sealed class BreakdownsComparer : IEqualityComparer<CubeBreakdowns>
    {
        public bool Equals(CubeBreakdowns? x, CubeBreakdowns? y) =>
            x is not null
            && y is not null
            && x.Groups.Zip(y.Groups).All(p => p.First.SequenceEqual(p.Second))
            && x.Publishable.Zip(y.Publishable).All(p => p.First.SequenceEqual(p.Second))
            && x.Groups.Length == y.Groups.Length;

        public int GetHashCode(CubeBreakdowns obj) => obj.Total.GetHashCode();
    }
}
