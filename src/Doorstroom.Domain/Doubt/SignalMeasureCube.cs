using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// Accumulates, per doubt signal and outcome, the pupils with and without the signal (<see cref="SignalMeasures.Observe"/>).
/// Aggregates only: no pupil key is kept. Not thread-safe: one per writer.
/// </summary>
public sealed class SignalMeasureCube
{
    private readonly Dictionary<(DoubtKind Kind, bool With, Indicator Outcome), OutcomeTally> tallies = [];

    /// <summary>The outcomes measured: switch (D6), new vsv (D2) and the time to a startkwalificatie.</summary>
    public static ImmutableArray<Indicator> Outcomes { get; } = [Indicator.Switch, Indicator.NieuweVsv, Indicator.TijdTotStartkwalificatie];

    /// <summary>Pupils with a vmbo exam year, evaluated for at least one signal.</summary>
    public long Pupils { get; private set; }

    /// <summary>Of <see cref="Pupils"/>, those flagged synthetic (simulated).</summary>
    public long SyntheticPupils { get; private set; }

    /// <summary>Counts one pupil evaluated.</summary>
    public void CountPupil(bool synthetic)
    {
        Pupils++;
        if (synthetic)
            SyntheticPupils++;
    }

    /// <summary>Counts one pupil's outcome in the group with or without the signal.</summary>
    public void Add(DoubtKind kind, bool with, Indicator outcome, bool hit, double value = 0)
    {
        var key = (kind, with, outcome);
        tallies[key] = tallies.GetValueOrDefault(key).With(hit, value);
    }

    /// <summary>The tally of one group.</summary>
    public OutcomeTally Tally(DoubtKind kind, bool with, Indicator outcome) => tallies.GetValueOrDefault((kind, with, outcome));

    /// <summary>Every signal against every outcome, in the order of <see cref="DoubtSignals.Rules"/> and <see cref="Outcomes"/>.</summary>
    public ImmutableArray<SignalComparison> Comparisons() =>
        [.. DoubtSignals.Rules.SelectMany(r => Outcomes.Select(o => SignalMeasures.Compare(r.Kind, o, Tally(r.Kind, true, o), Tally(r.Kind, false, o))))];
}
