namespace Doorstroom.Domain;

/// <summary>
/// The named thresholds of "where to connect". A flow is <em>large</em> with at least <paramref name="LargeCount"/> pupils over the cohorts
/// and at least <paramref name="LargeShare"/> of the subject's flow into the mbo; <em>negligible</em> under <paramref name="NegligibleShare"/>
/// (or 1–4 pupils, which the page shows as "&lt;5"). A trend compares the first and last cohort with at least <paramref name="TrendMinimum"/>
/// pupils from the subject and calls a change of <paramref name="TrendPoints"/> (a fraction: 0.05 = 5 percentage points) a rise or fall.
/// </summary>
public sealed record ConnectionThresholds(
    double LargeShare = 0.10,
    long LargeCount = 10,
    double NegligibleShare = 0.02,
    double TrendPoints = 0.05,
    long TrendMinimum = 20
)
{
    /// <summary>The defaults: large from 10 pupils and 10 %, negligible under 2 %, a trend of 5 points over cohorts of 20 pupils or more.</summary>
    public static ConnectionThresholds Default { get; } = new();
}
