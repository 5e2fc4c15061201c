namespace Doorstroom.Domain;

/// <summary>
/// Why an answer is what it is: a stable code, the rulebook rule it rests on, a Dutch text, and how sure the
/// rulebook is of that rule. A reason with <see cref="Confidence.Low"/> says the point is uncertain.
/// </summary>
public sealed record Reason(string Code, string Rule, string Text, Confidence Confidence = Confidence.High);
