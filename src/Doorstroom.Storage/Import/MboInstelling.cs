namespace Doorstroom.Storage;

/// <summary>An mbo institution (KiesMBO), with whether it is an AOC.</summary>
public sealed record MboInstelling(string Brin4, string Naam, string? KiesmboCode, string? Soort, string? Website, int Aoc);
