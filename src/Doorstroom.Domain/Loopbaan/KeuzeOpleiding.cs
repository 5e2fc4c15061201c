namespace Doorstroom.Domain;

/// <summary>One programme of a pupil's choice: a qualification by crebo (with its name), or only a name the pupil wrote.</summary>
public sealed record KeuzeOpleiding(int? Crebo, string Naam);
