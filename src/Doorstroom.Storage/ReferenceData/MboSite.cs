namespace Doorstroom.Storage;

/// <summary>An mbo location with the (simulated or imported) applications and enrolments the event table holds for it.</summary>
public sealed record MboSite(string Brin6, string Brin4, string Naam, string? Plaats, long Aanmeldingen, long Inschrijvingen);
