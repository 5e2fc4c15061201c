namespace Doorstroom.Storage;

/// <summary>A vo vestiging of DUO's register (GeoJSON from DUO + BAG).</summary>
public sealed record VoVestiging(
    string Brin6,
    string Brin4,
    string Naam,
    string Onderwijsstructuur,
    string? Denominatie,
    string? Internetadres,
    string? Straat,
    string? Huisnummer,
    string? Postcode,
    string? Plaats,
    string? Gemeente,
    string? Provincie,
    string? Onderwijsgebied,
    int? Leerlingen,
    double? Lon,
    double? Lat
);
