namespace Doorstroom.Storage;

/// <summary>A kwalificatie of the kwalificatiestructuur as stored.</summary>
public sealed record KwalificatieRow(
    int Crebo,
    string Naam,
    int Niveau,
    string Leerwegen,
    string Soort,
    int? DossierCrebo,
    string Kwalificatiedossier,
    string Domein,
    int? DomeinCrebo
);
