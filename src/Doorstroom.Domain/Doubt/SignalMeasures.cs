using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// Doubt signals measured, not asserted (issue 16 item 3): per signal, the switch rate (D6), the new vsv rate (D2) and
/// the time to a startkwalificatie of pupils with and without the signal, each evaluated on its reference date in the
/// pupil's exam year (<see cref="DoubtSignals.ReferenceDate"/>). The outcomes are the monitor's own
/// (<see cref="Indicators.Observe"/>), not defined again. What comes out is an association in the data loaded, not an
/// effect; on simulated pupils it measures the simulator's assumptions.
/// </summary>
public static class SignalMeasures
{
    /// <summary>The normal quantile of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Adds one pupil to the cube. The pupil is measured when the stream has a vmbo exam year; a signal whose reference date
    /// lies after the data's end (<see cref="MonitorContext.Through"/>) is not evaluated. Outcomes: the pupil's D6
    /// observation (if any); new vsv when any D2 observation from the exam year's own 1 October (cohort = exam year − 1) on
    /// is a hit; the time to a startkwalificatie of the vmbo leaving (reached by the data's end, and the years).
    /// </summary>
    /// <param name="stream">The pupil's events as they count (corrections applied), in date order.</param>
    public static void Observe(
        ReadOnlySpan<TransitionEvent> stream,
        DateOnly? birthDate,
        bool synthetic,
        MonitorContext context,
        DoubtSettings settings,
        SignalMeasureCube cube
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cube);
        var events = stream.ToArray();
        if (Applications.ExamYear(events) is not { } exam)
            return;
        var sink = new Collected(exam);
        Indicators.Observe(stream, birthDate, context, sink);
        var evaluated = false;
        var byDay = new Dictionary<DateOnly, ImmutableArray<DoubtSignal>>();
        foreach (var rule in DoubtSignals.Rules)
        {
            var day = DoubtSignals.ReferenceDate(rule.Kind, exam, settings);
            if (day > context.Through)
                continue;
            if (!byDay.TryGetValue(day, out var signals))
                byDay[day] = signals = DoubtSignals.On(events, day, settings, context.Crebos);
            var with = signals.Any(s => s.Kind == rule.Kind);
            evaluated = true;
            if (sink.Switch is { } sw)
                cube.Add(rule.Kind, with, Indicator.Switch, sw);
            if (sink.Vsv is { } vsv)
                cube.Add(rule.Kind, with, Indicator.NieuweVsv, vsv);
            if (sink.Startkwalificatie is { } sk)
                cube.Add(rule.Kind, with, Indicator.TijdTotStartkwalificatie, sk.Reached, sk.Years);
        }
        if (evaluated)
            cube.CountPupil(synthetic);
    }

    /// <summary>One signal against one outcome, with the relative risk and (time to a startkwalificatie) the difference in mean years.</summary>
    public static SignalComparison Compare(DoubtKind kind, Indicator outcome, OutcomeTally with, OutcomeTally without) =>
        new(
            kind,
            outcome,
            with,
            without,
            Risk(with.Hits, with.Population, without.Hits, without.Population),
            outcome == Indicator.TijdTotStartkwalificatie ? Years(with, without) : null
        );

    /// <summary>
    /// (a/n₁)/(c/n₂) with its Katz log interval; null when either rate may not be shown (<see cref="Suppression.Rate"/>: fewer
    /// than 10 pupils, or hits of 1–4) or a group has no hit (the log of 0 has no interval).
    /// </summary>
    public static RelativeRisk? Risk(long a, long n1, long c, long n2)
    {
        if (Suppression.Rate(a, n1) is not { } p1 || Suppression.Rate(c, n2) is not { } p2 || a == 0 || c == 0)
            return null;
        var ratio = p1 / p2;
        var se = Math.Sqrt(1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2);
        var log = Math.Log(ratio);
        return new(ratio, Math.Exp(log - Z95 * se), Math.Exp(log + Z95 * se));
    }

    /// <summary>
    /// The difference in mean years of those who reached a startkwalificatie, with its Welch normal interval; null when
    /// either group's rate may not be shown (the mean is shown with the rate, as in the monitor) or has fewer than 10 hits.
    /// </summary>
    public static MeanDifference? Years(OutcomeTally with, OutcomeTally without)
    {
        if (Suppression.Rate(with.Hits, with.Population) is null || Suppression.Rate(without.Hits, without.Population) is null)
            return null;
        if (with.Hits < 10 || without.Hits < 10)
            return null;
        var (m1, v1) = MeanAndVariance(with);
        var (m2, v2) = MeanAndVariance(without);
        var d = m1 - m2;
        var se = Math.Sqrt(v1 / with.Hits + v2 / without.Hits);
        return new(m1, m2, d, d - Z95 * se, d + Z95 * se);
    }

    private static (double Mean, double Variance) MeanAndVariance(OutcomeTally t)
    {
        var mean = t.Sum / t.Hits;
        var variance = Math.Max(0, (t.SumOfSquares - t.Hits * mean * mean) / (t.Hits - 1));
        return (mean, variance);
    }

    /// <summary>The outcomes one pupil has, from the monitor's observations.</summary>
    private sealed class Collected(int exam) : IObservationSink
    {
        public bool? Switch { get; private set; }
        public bool? Vsv { get; private set; }
        public (bool Reached, double Years)? Startkwalificatie { get; private set; }

        public void Add(in Observation observation)
        {
            switch (observation.Indicator)
            {
                case Indicator.Switch:
                    Switch = observation.Hit;
                    break;
                case Indicator.NieuweVsv when observation.Cell.Cohort >= exam - 1:
                    Vsv = (Vsv ?? false) || observation.Hit;
                    break;
                case Indicator.TijdTotStartkwalificatie:
                    Startkwalificatie = (observation.Hit, observation.Value);
                    break;
                default:
                    break;
            }
        }
    }
}
