namespace Doorstroom.Domain;

/// <summary>
/// What the decaan reads about a doubt signal: the catalogue rule it rests on, a short label for the list and the filter,
/// and a suggested next step. Data (<see cref="DoubtSignals.Rules"/>), not prose in the pages.
/// </summary>
/// <param name="Kind">The signal.</param>
/// <param name="Rule">The rule of the catalogue (rules.json) with its sources.</param>
/// <param name="Label">A short label, as the list and its filter show it.</param>
/// <param name="NextStep">The suggested next step for the decaan, in Dutch.</param>
public sealed record DoubtRule(DoubtKind Kind, string Rule, string Label, string NextStep);
