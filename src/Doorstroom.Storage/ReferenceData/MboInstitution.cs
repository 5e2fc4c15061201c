using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>An mbo institution with its locations and their event counts.</summary>
public sealed record MboInstitution(string Brin4, string Naam, string? Soort, string? Website, bool Aoc, ImmutableArray<MboSite> Locations)
{
    public long Aanmeldingen => Locations.Sum(l => l.Aanmeldingen);
    public long Inschrijvingen => Locations.Sum(l => l.Inschrijvingen);
}
