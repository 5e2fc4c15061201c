using Doorstroom.Domain;

namespace Doorstroom.Bench.Tests;

public sealed class MonitorBenchTests
{
    [Fact]
    public void Both_engines_run_and_give_every_breakdown_of_every_indicator()
    {
        if (DuckDbSide.Unavailable() is { } reason)
            Assert.Skip(reason);
        var result = MonitorBench.Run(new MonitorBenchOptions { Events = 50_000, Cohorts = 4 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Events, 40_000, 70_000);
        Assert.True(result.Pupils > 0);
        Assert.True(result.CsvBytes > 0);
        Assert.NotNull(result.DuckDb);
        foreach (var run in new[] { result.Ours, result.DuckDb })
        {
            Assert.True(run.Elapsed > TimeSpan.Zero, run.Engine);
            Assert.True(run.Observations > 0, run.Engine);
            Assert.True(run.Groups > 0, run.Engine);
            Assert.True(run.PeakWorkingSetBytes > 0, run.Engine);
        }
        Assert.Equal(Enum.GetValues<Indicator>().Length, result.BreakdownsPerIndicator.Count);
        foreach (var (indicator, (ours, duck)) in result.BreakdownsPerIndicator)
        {
            Assert.Equal(BenchCube.Masks, ours);
            Assert.Equal(BenchCube.Masks, duck);
        }
        Assert.NotEmpty(result.Headline);
        Assert.All(result.Recomputations, r => Assert.True(r.MatchesFullRun, r.Day.ToString()));
        Assert.True(result.PeakWorkingSetBytes > 0);
    }

    [Fact]
    public void The_SQL_and_the_monitor_give_the_same_figures_for_every_indicator()
    {
        if (DuckDbSide.Unavailable() is { } reason)
            Assert.Skip(reason);
        var result = MonitorBench.Run(
            new MonitorBenchOptions
            {
                Events = 100_000,
                Cohorts = 4,
                AppendDays = [],
            },
            cancellationToken: TestContext.Current.CancellationToken
        );

        // Every indicator has national figures per cohort, and both engines agree on each of them and on every breakdown's size.
        foreach (var (indicator, byNiveau) in MonitorBench.Figures)
            Assert.Contains(result.Headline, h => h.Figure == MonitorBench.FigureName(indicator, byNiveau) && h.OursPopulation > 0);
        var differing = result
            .Headline.Where(h => h.Differs)
            .Select(h => $"{h.Figure} {h.Key}: ours {h.OursPopulation}/{h.OursHits}, DuckDB " + $"{h.DuckDbPopulation}/{h.DuckDbHits}")
            .ToList();
        Assert.True(differing.Count == 0, string.Join("\n", differing));
        Assert.Equal(0, result.BreakdownsDiffering);
    }

    [Fact]
    public void The_rolled_up_cube_equals_grouping_the_observations_directly()
    {
        var cube = new BenchCube(Enumerable.Range(0, BenchCube.Masks));
        var observations = new List<Observation>();
        var random = new Random(3);
        string[] vo = ["10AA00", "10AB00", "10AC00"];
        for (var i = 0; i < 2_000; i++)
        {
            var cell = new Cell(
                i % 3 == 0 ? "R1" : null,
                2015 + random.Next(4),
                vo[random.Next(3)],
                random.Next(2) == 0 ? null : "30AA",
                (Leerweg)random.Next(4),
                random.Next(3) == 0 ? null : (Direction)random.Next(5),
                random.Next(2) == 0 ? null : random.Next(1, 5)
            );
            var o = new Observation(Indicator.NieuweVsv, cell, random.Next(5) == 0);
            observations.Add(o);
            cube.Add(o);
        }
        cube.RollUp();
        for (var mask = 0; mask < BenchCube.Masks; mask++)
        {
            var expected = observations.GroupBy(o => Project(o.Cell, mask)).ToDictionary(g => g.Key, g => (g.LongCount(), g.LongCount(o => o.Hit)));
            var actual = cube.Table(Indicator.NieuweVsv, mask).ToDictionary(t => t.Cell, t => (t.Counts.Population, t.Counts.Hits));
            Assert.Equal(expected.Count, cube.Groups(Indicator.NieuweVsv, mask));
            Assert.Equal(expected.OrderBy(e => e.Key.ToString()), actual.OrderBy(e => e.Key.ToString()));
        }

        // Removing and adding back keeps every breakdown the same.
        var before = cube.Fingerprint();
        foreach (var o in observations.Take(100))
            cube.Remove(o);
        Assert.NotEqual(before, cube.Fingerprint());
        foreach (var o in observations.Take(100))
            cube.Add(o);
        Assert.Equal(before, cube.Fingerprint());
    }

    [Fact]
    public void Grouping_id_puts_the_first_dimension_in_the_highest_bit_and_sets_rolled_up_columns()
    {
        Assert.Equal(0, Breakdown.GroupingId(BenchCube.Masks - 1));
        Assert.Equal(127, Breakdown.GroupingId(0));
        Assert.Equal(127 - 32, Breakdown.GroupingId(Breakdown.Mask(Dimension.Cohort)));
        Assert.Equal(127 - 32 - 1, Breakdown.GroupingId(Breakdown.Mask(Dimension.Cohort, Dimension.Niveau)));
    }

    private static Cell Project(Cell c, int mask)
    {
        bool Has(Dimension d) => (mask & (1 << (int)d)) != 0;
        return new Cell(
            Has(Dimension.Route) ? c.Route : null,
            Has(Dimension.Cohort) ? c.Cohort : 0,
            Has(Dimension.VoVestiging) ? c.VoVestiging : null,
            Has(Dimension.MboInstelling) ? c.MboInstelling : null,
            Has(Dimension.Leerweg) ? c.Leerweg : null,
            Has(Dimension.Sector) ? c.Sector : null,
            Has(Dimension.Niveau) ? c.Niveau : null
        );
    }

    private sealed class ListSink : IObservationSink
    {
        public List<Observation> Items { get; } = [];

        public void Add(in Observation observation) => Items.Add(observation);
    }
}
