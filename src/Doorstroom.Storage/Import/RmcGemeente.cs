namespace Doorstroom.Storage;

/// <summary>A gemeente and its RMC region (Regeling regionale aanpak vsv, bijlage C).</summary>
public sealed record RmcGemeente(string Gemeente, int RegioNr, string Regio);
