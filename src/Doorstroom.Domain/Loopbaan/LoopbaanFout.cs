namespace Doorstroom.Domain;

/// <summary>A field of a loopbaandossier form and what is wrong with it, in Dutch for the pupil ("je").</summary>
public sealed record LoopbaanFout(string Veld, string Melding);
