namespace Doorstroom.Storage;

/// <summary>The address and other facts of a vo vestiging shown on its own page.</summary>
public sealed record VoDetails(
    VoInstitution Institution,
    string? Denominatie,
    string? Internetadres,
    string? Straat,
    string? Huisnummer,
    string? Postcode,
    string? Gemeente,
    string? Provincie
);
