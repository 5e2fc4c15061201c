using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>An mbo kwalificatie of the kwalificatiestructuur (M9): crebo, name, level, leerwegen, opleidingsdomein.</summary>
public sealed record Qualification(
    string Crebo,
    string Name,
    MboLevel Level,
    ImmutableArray<Leerweg> Leerwegen,
    string Domain,
    string? DomainCrebo,
    string Dossier,
    string DossierCrebo
);
