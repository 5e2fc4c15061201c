namespace Doorstroom.Storage;

/// <summary>An mbo location (KiesMBO), by BRIN6.</summary>
public sealed record MboLocatie(string Brin6, string Brin4, string Naam, string? Straat, string? Postcode, string? Plaats, string? Land, string? Url);
