using System.Collections.Immutable;
using Doorstroom.Domain;
using DuckDB.NET.Data;

namespace Doorstroom.Bench.Tests;

/// <summary>
/// Simulated events written once (as <c>bench monitor</c> writes them), DuckDbSide's GROUP BY CUBE over them, and the two
/// fair DuckDB baselines over the same files.
/// </summary>
public sealed class DuckDbFairFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("doorstroom-duckfair-test-").FullName;

    public DuckDbFairFixture()
    {
        Unavailable = DuckDbSide.Unavailable();
        if (Unavailable is not null)
            return;
        MonitorBench.Run(
            new MonitorBenchOptions
            {
                Events = 50_000,
                Cohorts = 4,
                AppendDays = [],
                SkipDuckDb = true,
                Directory = _directory,
            }
        );
        var events = Path.Combine(_directory, "events.csv");
        var crebos = Path.Combine(_directory, "crebos.csv");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            foreach (var (_, sql) in DuckDbSide.Statements(events, crebos, 2))
                DuckDbSide.Execute(connection, sql);
            Observations = DuckDbSide.Scalar(connection, "SELECT count(*) FROM obs");
            (CubeGroups, CubePublishable) = DuckDbFair.ReadCounts(
                connection,
                $"SELECT indicator, g, count(*), count(*) FILTER (WHERE population >= {DuckDbFair.Publishable}) FROM cube GROUP BY ALL",
                All
            );
        }
        SameAlgorithm = DuckDbFair.SameAlgorithm(events, crebos, 2, "1GB", All);
        Dashboard = DuckDbFair.Dashboard(events, crebos, 2, "1GB", All);
    }

    public static ImmutableArray<Indicator> All { get; } = [.. Enum.GetValues<Indicator>()];

    public string? Unavailable { get; }

    public long Observations { get; }

    /// <summary>The CUBE's groups per (indicator, GROUPING() id).</summary>
    public Dictionary<Indicator, Dictionary<int, int>> CubeGroups { get; } = [];

    /// <summary>The CUBE's rows with a population of at least 5, per (indicator, GROUPING() id).</summary>
    public Dictionary<Indicator, Dictionary<int, int>> CubePublishable { get; } = [];

    internal DuckDbFair.Outcome SameAlgorithm { get; } = null!;

    internal DuckDbFair.Outcome Dashboard { get; } = null!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException) { }
    }
}

public sealed class DuckDbFairTests(DuckDbFairFixture fixture) : IClassFixture<DuckDbFairFixture>
{
    [Fact]
    public void Same_algorithm_counts_the_groups_of_every_breakdown_of_every_indicator_as_the_CUBE_does()
    {
        SkipWithoutDuckDb();
        foreach (var indicator in DuckDbFairFixture.All)
        {
            var cube = fixture.CubeGroups[indicator];
            Assert.Equal(MonitorBench.Masks, cube.Count);
            Assert.Equal(Sorted(cube), Sorted(fixture.SameAlgorithm.Groups[indicator]));
        }
        Assert.Equal(fixture.Observations, fixture.SameAlgorithm.Run.Observations);
        Assert.Equal(fixture.CubeGroups.Values.Sum(g => g.Values.Sum(n => (long)n)), fixture.SameAlgorithm.Run.Groups);
        Assert.True(fixture.SameAlgorithm.Run.Elapsed > fixture.SameAlgorithm.Run.Load && fixture.SameAlgorithm.Run.Load > TimeSpan.Zero);
        Assert.True(fixture.SameAlgorithm.Run.PeakWorkingSetBytes > 0);
    }

    [Fact]
    public void Same_algorithm_counts_the_groups_of_at_least_five_pupils_as_the_CUBE_rows_of_population_five_or_more()
    {
        SkipWithoutDuckDb();
        foreach (var indicator in DuckDbFairFixture.All)
            Assert.Equal(Sorted(fixture.CubePublishable[indicator]), Sorted(fixture.SameAlgorithm.PublishableGroups[indicator]));
        // The threshold must cut: some groups below it, some at or above it, or the comparison proves nothing.
        Assert.InRange(fixture.SameAlgorithm.PublishableTotal, 1, fixture.SameAlgorithm.Run.Groups - 1);
    }

    [Fact]
    public void Dashboard_gives_exactly_its_breakdowns_with_the_CUBEs_group_counts()
    {
        SkipWithoutDuckDb();
        var ids = DuckDbFair.DashboardBreakdowns.Select(b => Breakdown.GroupingId(b.Mask)).ToHashSet();
        Assert.Equal(5, ids.Count);
        foreach (var indicator in DuckDbFairFixture.All)
        {
            var dashboard = fixture.Dashboard.Groups[indicator];
            Assert.Equal(ids.Order(), dashboard.Keys.Order());
            foreach (var g in ids)
            {
                Assert.Equal(fixture.CubeGroups[indicator][g], dashboard[g]);
                Assert.Equal(fixture.CubePublishable[indicator][g], fixture.Dashboard.PublishableGroups[indicator][g]);
            }
        }
        Assert.Equal(fixture.Dashboard.Groups.Values.Sum(g => g.Values.Sum(n => (long)n)), fixture.Dashboard.Run.Groups);
    }

    [Fact]
    public void Packed_roll_up_tells_null_from_every_value_in_every_dimension()
    {
        SkipWithoutDuckDb();
        using var connection = Observations(
            """
            ('NieuweVsv', NULL, 2015, NULL, NULL, NULL, NULL, NULL, true, 0),
            ('NieuweVsv', 'R1', 2015, '10AA00', '30AA', 'bb', 'techniek', 1, false, 0),
            ('NieuweVsv', 'R1', 2015, '10AA00', '30AA', 'bb', 'techniek', 1, true, 0),
            ('NieuweVsv', 'R1', 2016, '10AA00', NULL, 'kb', 'techniek', 4, false, 0),
            ('NieuweVsv', 'R2', 2016, NULL, '30AB', NULL, 'zorg', NULL, false, 0),
            ('NieuweVsv', 'R2', 2016, NULL, '30AB', NULL, 'zorg', NULL, false, 0),
            ('Switch', NULL, 2016, '10AB00', '30AA', 'gl', NULL, 2, true, 0),
            ('Switch', 'R1', 2155, '10AB00', NULL, 'tl', 'zorg', 15, false, 0)
            """
        );
        DuckDbSide.Execute(connection, DuckDbSide.Statements("unused.csv", "unused.csv", 1)[^1].Sql);
        DuckDbSide.Execute(connection, DuckDbFair.PackStatements() + DuckDbFair.RollUpStatements());
        var (packed, publishable) = DuckDbFair.ReadCounts(connection, DuckDbFair.CountsSql, DuckDbFairFixture.All);
        var (cube, _) = DuckDbFair.ReadCounts(connection, "SELECT indicator, g, count(*), 0 FROM cube GROUP BY ALL", DuckDbFairFixture.All);
        foreach (var indicator in new[] { Indicator.NieuweVsv, Indicator.Switch })
            Assert.Equal(Sorted(cube[indicator]), Sorted(packed[indicator]));
        // NieuweVsv's base has 4 groups (the two pairs of equal cells are one group each), national 1; Switch's 2 and 1.
        Assert.Equal(4, packed[Indicator.NieuweVsv][0]);
        Assert.Equal(1, packed[Indicator.NieuweVsv][127]);
        Assert.Equal(2, packed[Indicator.Switch][0]);
        Assert.Equal(1, publishable[Indicator.NieuweVsv][127]);
        Assert.Equal(0, publishable[Indicator.Switch][127]);
    }

    [Theory]
    [InlineData("1899", "1", "cohort")]
    [InlineData("2016", "16", "niveau")]
    public void A_value_beyond_its_fields_width_fails_instead_of_sharing_a_key(string cohort, string niveau, string named)
    {
        SkipWithoutDuckDb();
        using var connection = Observations($"('NieuweVsv', 'R1', {cohort}, '10AA00', '30AA', 'bb', 'techniek', {niveau}, true, 0)");
        var error = Assert.ThrowsAny<Exception>(() => DuckDbSide.Execute(connection, DuckDbFair.PackStatements()));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static DuckDBConnection Observations(string rows)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbSide.Execute(
            connection,
            "CREATE TABLE obs (indicator VARCHAR, route VARCHAR, cohort INTEGER, vo VARCHAR, mbo VARCHAR, lw VARCHAR, sector VARCHAR, niveau INTEGER, "
                + $"hit BOOLEAN, value DOUBLE); INSERT INTO obs VALUES {rows};"
        );
        return connection;
    }

    private void SkipWithoutDuckDb()
    {
        if (fixture.Unavailable is { } reason)
            Assert.Skip(reason);
    }

    private static List<KeyValuePair<int, int>> Sorted(Dictionary<int, int> byG) => [.. byG.OrderBy(p => p.Key)];
}
