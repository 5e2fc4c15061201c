using System.Collections.Immutable;
using System.Diagnostics;
using Doorstroom.Domain;

namespace Doorstroom.Simulation.Tests;

/// <summary>
/// The monitor's indicator functions (Doorstroom.Domain.Indicators) on simulated streams land on the rates the simulator was
/// calibrated to, and agree with the independent event counts of <see cref="Measure"/>.
/// </summary>
public sealed class MonitorCrossCheckTests(ITestOutputHelper output)
{
    private const int FirstCohort = 2016;

    /// <summary>The simulated world's crebos, with data through 2040 so every cohort is measured to the end.</summary>
    private static readonly MonitorContext Context = new(
        Measure.World.Qualifications.ToImmutableDictionary(q => q.Crebo, q => new CreboInfo(q.Crebo, (int)q.Niveau, q.Domain, q.Direction)),
        new DateOnly(2040, 10, 1)
    );

    private static readonly Lazy<(MonitorCube Cube, List<SimulatedPupil> Pupils, TimeSpan Elapsed, long Events)> Observed = new(() =>
    {
        var pupils = Simulator.Run(Measure.World, Calibration.Default, FirstCohort, 5, 10_000, 20160801).ToList();
        var context = Context;
        var cube = new MonitorCube();
        var events = 0L;
        var clock = Stopwatch.StartNew();
        foreach (var p in pupils)
        {
            Indicators.Observe(p.Events.AsSpan(), p.BirthDate, context, cube);
            events += p.Events.Length;
        }
        return (cube, pupils, clock.Elapsed, events);
    });

    private sealed class CountingSink : IObservationSink
    {
        public long Count { get; private set; }

        public void Add(in Observation observation) => Count++;
    }

    [Fact]
    public void Observe_alone_runs_without_the_cube_and_reports_its_speed()
    {
        var (_, pupils, withCube, events) = Observed.Value;
        var context = Context;
        var sink = new CountingSink();
        var clock = Stopwatch.StartNew();
        foreach (var p in pupils)
            Indicators.Observe(p.Events.AsSpan(), p.BirthDate, context, sink);
        var observe = clock.Elapsed;
        clock.Restart();
        var cube = new MonitorCube();
        foreach (var p in pupils)
            Indicators.Observe(p.Events.AsSpan(), p.BirthDate, context, cube);
        output.WriteLine($"second run with a cube: {clock.Elapsed.TotalMilliseconds:F0} ms, {cube.Count} cells");
        clock = Stopwatch.StartNew();
        output.WriteLine(
            $"{events} events: observe only {observe.TotalMilliseconds:F0} ms for {sink.Count} observations; with the cube (first run) "
                + $"{withCube.TotalMilliseconds:F0} ms"
        );
        Assert.True(sink.Count > events / 2);
    }

    [Fact]
    public void D6_switch_rate_is_within_one_point_of_the_calibration_and_equals_the_event_count()
    {
        var (cube, pupils, elapsed, events) = Observed.Value;
        output.WriteLine($"{pupils.Count} pupils, {events} events observed in {elapsed.TotalMilliseconds:F0} ms");
        var row = Assert.Single(cube.Table(Indicator.Switch, []).Rows);
        var rate = (double)row.Hits / row.Population;
        Assert.InRange(rate, Calibration.Default.FirstYearSwitchRate - 0.01, Calibration.Default.FirstYearSwitchRate + 0.01);
        var (population, switchers, _) = Measure.FirstYearSwitch(pupils, Measure.World);
        Assert.Equal((population, switchers), ((int)row.Population, (int)row.Hits));
    }

    [Fact]
    public void D2_vsv_rate_per_niveau_is_within_one_point_of_the_norm_and_equals_the_event_count()
    {
        var (cube, pupils, _, _) = Observed.Value;
        var table = cube.Table(Indicator.NieuweVsv, [Dimension.Niveau], c => c.Niveau is not null);
        var (population, vsv) = Measure.NewVsv(pupils);
        for (var n = 1; n <= 4; n++)
        {
            var row = Assert.Single(table.Rows, r => r.Keys[0] == n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var rate = (double)row.Hits / row.Population;
            output.WriteLine(
                $"niveau {n}: {row.Hits}/{row.Population} = {rate:P2} (norm {Calibration.Default.VsvRate(n):P2}); Measure " + $"{vsv[n]}/{population[n]}"
            );
            // Within a point, or within four standard errors where a point is less than that (niveau 1: a few hundred entree students).
            var p = Calibration.Default.VsvRate(n);
            var allowed = Math.Max(0.01, 4 * Math.Sqrt(p * (1 - p) / row.Population));
            Assert.InRange(rate, p - allowed, p + allowed);
            Assert.Equal((population[n], vsv[n]), (row.Population, row.Hits));
        }
    }

    [Fact]
    public void D2_vsv_of_a_leerjaar_3_population_is_the_vmbo_dropout_rate_not_zero()
    {
        // Issue 14: the demo's cohort 2022 (only leerjaar-3 pupils) showed 0,0 % new vsv over 1,500 pupils, because no simulated pupil
        // ever left vmbo before the exam. The first cohort here (exam 2016) is in leerjaar 3 on 1 October 2014, and alone in that cohort.
        var (cube, _, _, _) = Observed.Value;
        var row = Assert.Single(cube.Table(Indicator.NieuweVsv, [], c => c.Cohort == FirstCohort - 2).Rows);
        var rate = (double)row.Hits / row.Population;
        output.WriteLine(
            $"vsv cohort {FirstCohort - 2} (leerjaar 3): {row.Hits}/{row.Population} = {rate:P2} (setting " + $"{Calibration.Default.VmboDropoutRate:P2})"
        );
        Assert.True(row.Hits > 0, "some leerjaar-3 pupils leave school without a diploma");
        Measure.Near(Calibration.Default.VmboDropoutRate, rate, row.Population, "new vsv (D2) in leerjaar 3");
    }

    [Fact]
    public void Every_indicator_has_a_population_on_the_simulated_cohorts()
    {
        var (cube, _, _, _) = Observed.Value;
        foreach (var indicator in Enum.GetValues<Indicator>())
        {
            var row = Assert.Single(cube.Table(indicator, []).Rows);
            output.WriteLine($"{indicator}: {row.Hits}/{row.Population} = {(double)row.Hits / row.Population:P1}{(row.Mean is { } m ? $", mean {m:F2}" : "")}");
            Assert.True(row.Population > 1000, $"{indicator}: population {row.Population}");
        }
    }
}
