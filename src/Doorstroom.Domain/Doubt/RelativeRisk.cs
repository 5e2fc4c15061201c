namespace Doorstroom.Domain;

/// <summary>
/// The rate with a signal over the rate without it, with a 95 % confidence interval by the Katz log method:
/// ln RR ± 1,96 · √(1/a − 1/n₁ + 1/c − 1/n₂), a and c the hits of the groups of n₁ and n₂ pupils.
/// An association in the data loaded, not an effect.
/// </summary>
public sealed record RelativeRisk(double Ratio, double Low, double High);
