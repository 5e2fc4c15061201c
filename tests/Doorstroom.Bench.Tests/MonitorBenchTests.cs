using System.Globalization;
using Doorstroom.Domain;

namespace Doorstroom.Bench.Tests;

public sealed class MonitorBenchTests
{
    [Fact]
    public void Ours_and_every_DuckDB_baseline_run_and_give_every_breakdown_of_every_indicator()
    {
        if (DuckDbSide.Unavailable() is { } reason)
            Assert.Skip(reason);
        var result = MonitorBench.Run(new MonitorBenchOptions { Events = 50_000, Cohorts = 4 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Events, 40_000, 70_000);
        Assert.True(result.Pupils > 0);
        Assert.True(result.CsvBytes > 0);
        Assert.NotNull(result.DuckDb);
        Assert.NotNull(result.SameAlgorithm);
        Assert.NotNull(result.Dashboard);
        foreach (var run in new[] { result.Ours, result.SameAlgorithm, result.Dashboard, result.DuckDb })
        {
            Assert.True(run.Elapsed > TimeSpan.Zero, run.Engine);
            Assert.True(run.Observations > 0, run.Engine);
            Assert.True(run.Groups > 0, run.Engine);
            Assert.True(run.PeakWorkingSetBytes > 0, run.Engine);
        }
        Assert.Equal(Enum.GetValues<Indicator>().Length, result.BreakdownsPerIndicator.Count);
        foreach (var (indicator, (ours, duck)) in result.BreakdownsPerIndicator)
        {
            Assert.Equal(MonitorBench.Masks, ours);
            Assert.Equal(MonitorBench.Masks, duck);
        }
        Assert.NotEmpty(result.Headline);
        Assert.Equal(2, result.Recomputations.Length);
        Assert.All(result.Recomputations, r => Assert.True(r.MatchesFullRun, r.Day.ToString()));
        Assert.All(result.Recomputations, r => Assert.True(r.Pupils > 0 && r.PupilsRead >= r.Pupils, $"{r.Day}: {r.Pupils} touched, {r.PupilsRead} read"));
        Assert.True(result.PeakWorkingSetBytes > 0);
        // The same algorithm keeps every group ours keeps: as many, and as many of ≥ 5 pupils.
        Assert.Equal(result.Ours.Groups, result.SameAlgorithm.Groups);
        Assert.True(result.OursPublishable > 0);
        Assert.Equal(result.OursPublishable, result.SameAlgorithmPublishable);
        Assert.Equal(0, result.BreakdownsDiffering);
        var report = MonitorBenchReport.Format(result);
        Assert.Matches(
            @"target monitor from the store ÷ DuckDB same algorithm \(the fair baseline\): [\d.]+ × \(≤ 0\.25 ×\): (met|NOT met, [\d,]+ % over)",
            report
        );
    }

    [Fact]
    public void Without_DuckDB_the_report_shows_ours_alone_and_claims_no_difference_it_did_not_measure()
    {
        var directory = Directory.CreateTempSubdirectory("doorstroom-monitor-alone-").FullName;
        try
        {
            var result = MonitorBench.Run(
                new MonitorBenchOptions
                {
                    Events = 20_000,
                    Cohorts = 3,
                    AppendDays = [],
                    SkipDuckDb = true,
                    Directory = directory,
                },
                cancellationToken: TestContext.Current.CancellationToken
            );
            var report = MonitorBenchReport.Format(result);

            Assert.Null(result.SameAlgorithm);
            Assert.NotEmpty(result.Headline);
            Assert.DoesNotContain("DIFFERS", report, StringComparison.Ordinal);
            Assert.DoesNotContain("DuckDB 0", report, StringComparison.Ordinal);
            Assert.Contains("(≤ 0.25 ×): not measured (DuckDB skipped)", report, StringComparison.Ordinal);
            Assert.Contains("ours' headline figures (population / hits / rate; DuckDB skipped, nothing compared):", report, StringComparison.Ordinal);
            var first = result.Headline[0];
            var oursColumns = string.Format(CultureInfo.InvariantCulture, "ours {0,9:N0} {1,8:N0}", first.OursPopulation, first.OursHits);
            Assert.Contains(oursColumns, report, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
    public void Grouping_id_puts_the_first_dimension_in_the_highest_bit_and_sets_rolled_up_columns()
    {
        Assert.Equal(0, Breakdown.GroupingId(MonitorBench.Masks - 1));
        Assert.Equal(127, Breakdown.GroupingId(0));
        Assert.Equal(127 - 32, Breakdown.GroupingId(Breakdown.Mask(Dimension.Cohort)));
        Assert.Equal(127 - 32 - 1, Breakdown.GroupingId(Breakdown.Mask(Dimension.Cohort, Dimension.Niveau)));
    }
}
