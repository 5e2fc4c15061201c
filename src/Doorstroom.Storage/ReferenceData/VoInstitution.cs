using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>A vo vestiging with its vmbo pupils per leerweg in the newest DUO count (<see cref="Schooljaar"/>).</summary>
public sealed record VoInstitution(
    string Brin6,
    string Brin4,
    string Naam,
    string? Plaats,
    string Onderwijsstructuur,
    long? Leerlingen,
    int? Schooljaar,
    ImmutableArray<LeerwegCount> Vmbo
)
{
    /// <summary>The vmbo pupils of the leerweg (0 when none are counted).</summary>
    public long Of(string leerweg) => Vmbo.Where(c => c.Leerweg == leerweg).Sum(c => c.Aantal);
}
