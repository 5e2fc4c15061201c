namespace Doorstroom.Domain;

/// <summary>
/// One group's outcome counted over pupils: how many were measured, how many had the outcome, and the sum and sum of
/// squares of the value of those who had it (years to a startkwalificatie; 0 for the other outcomes).
/// </summary>
public readonly record struct OutcomeTally(long Population, long Hits, double Sum, double SumOfSquares)
{
    /// <summary>This tally with one more pupil.</summary>
    public OutcomeTally With(bool hit, double value) =>
        hit ? new(Population + 1, Hits + 1, Sum + value, SumOfSquares + value * value) : this with { Population = Population + 1 };
}
