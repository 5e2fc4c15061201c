namespace Doorstroom.Storage;

/// <summary>An mbo location with the name of its institution (<paramref name="Brin4"/>).</summary>
public sealed record MboLocatieSummary(string Brin6, string Brin4, string Naam, string? Plaats, string Instelling);
