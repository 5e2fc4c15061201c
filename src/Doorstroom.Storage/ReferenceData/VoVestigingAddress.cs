namespace Doorstroom.Storage;

/// <summary>A vo vestiging's name and where it is, to tell vestigingen with the same name apart.</summary>
public sealed record VoVestigingAddress(string Brin6, string Naam, string? Plaats, string? Straat);
