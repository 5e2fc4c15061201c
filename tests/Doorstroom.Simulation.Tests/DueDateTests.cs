using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Simulation.Tests;

/// <summary>
/// The invariant the incremental monitor rests on (<see cref="Indicators.ObserveDue"/>): a pupil's observations do not change
/// while the data's end moves forward and stays before the pupil's due date; on generated pupils and many data ends.
/// </summary>
public sealed class DueDateTests
{
    private sealed class Collect : IObservationSink
    {
        public List<Observation> Items { get; } = [];

        public void Add(in Observation observation) => Items.Add(observation);
    }

    private static readonly ImmutableDictionary<int, CreboInfo> Crebos = Measure.World.Qualifications.ToImmutableDictionary(
        q => q.Crebo,
        q => new CreboInfo(q.Crebo, (int)q.Niveau, q.Domain, q.Direction)
    );

    private static (List<Observation> Items, DateOnly Due) Observe(SimulatedPupil pupil, DateOnly through)
    {
        var sink = new Collect();
        var due = Indicators.ObserveDue(pupil.Events.AsSpan(), pupil.BirthDate, new MonitorContext(Crebos, through), sink);
        return (sink.Items, due);
    }

    [Fact]
    public void Observations_stay_the_same_until_the_data_end_reaches_the_due_date()
    {
        var pupils = Simulator.Run(Measure.World, Calibration.Default, 2016, 3, 400, 20261203).ToList();
        var random = new Random(20261203);
        var changedOnDue = 0;
        var checkedPairs = 0;
        foreach (var pupil in pupils)
        {
            for (var k = 0; k < 6; k++)
            {
                var through = new DateOnly(2015, 6, 1).AddDays(random.Next(0, 10 * 365));
                var (items, due) = Observe(pupil, through);
                Assert.True(due > through, $"{pupil.Key}: the due date {due} lies after the data end {through}");
                if (due == DateOnly.MaxValue)
                {
                    // Nothing left to measure: a far later end gives the same observations.
                    Assert.Equal(items, Observe(pupil, new DateOnly(2060, 1, 1)).Items);
                    continue;
                }
                // Any end before the due date gives the same observations; the day before it, too.
                var between = through.AddDays(random.Next(0, due.DayNumber - through.DayNumber));
                Assert.Equal(items, Observe(pupil, between).Items);
                Assert.Equal(items, Observe(pupil, due.AddDays(-1)).Items);
                checkedPairs++;
                if (!Observe(pupil, due).Items.SequenceEqual(items))
                    changedOnDue++;
            }
        }
        Assert.True(checkedPairs > 1000, $"only {checkedPairs} data ends had a due date");
        // The due date is not a loose bound: on most of them something is measured.
        Assert.True(changedOnDue > checkedPairs / 2, $"observations changed on only {changedOnDue} of {checkedPairs} due dates");
    }
}
