namespace Doorstroom.Domain;

/// <summary>A doubt signal that holds for a pupil on a day: its rule, a sentence for the decaan and the suggested next step.</summary>
public sealed record DoubtSignal(DoubtKind Kind, string Rule, string Text, string NextStep);
