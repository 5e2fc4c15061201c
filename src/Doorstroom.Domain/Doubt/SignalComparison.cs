namespace Doorstroom.Domain;

/// <summary>
/// One signal against one outcome: the pupils with and without the signal (counted, not yet suppressed), the relative risk
/// of the outcome and, for the time to a startkwalificatie, the difference in mean years. <see cref="Risk"/> and
/// <see cref="Years"/> are null when a group is too small to show (<see cref="Suppression"/>) or a group has no hit.
/// </summary>
public sealed record SignalComparison(DoubtKind Kind, Indicator Outcome, OutcomeTally With, OutcomeTally Without, RelativeRisk? Risk, MeanDifference? Years);
