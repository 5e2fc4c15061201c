namespace Doorstroom.Domain;

/// <summary>
/// The mean years to a startkwalificatie of the pupils with a signal who reached one, minus that of the pupils without it,
/// with a 95 % confidence interval by the normal approximation with unequal variances (Welch):
/// d ± 1,96 · √(s₁²/n₁ + s₂²/n₂), s² the sample variance (n − 1). An association, not an effect.
/// </summary>
public sealed record MeanDifference(double MeanWith, double MeanWithout, double Difference, double Low, double High);
