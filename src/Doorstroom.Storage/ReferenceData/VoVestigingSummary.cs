namespace Doorstroom.Storage;

/// <summary>
/// A vo vestiging with its number of pupils in the newest school year of DUO's open data (<paramref name="Schooljaar"/>; both
/// null when DUO counts none there): a public aggregate.
/// </summary>
public sealed record VoVestigingSummary(string Brin6, string Brin4, string Naam, string? Plaats, long? Leerlingen, int? Schooljaar);
