namespace Doorstroom.Storage;

/// <summary>What an append did.</summary>
/// <param name="Events">Events offered.</param>
/// <param name="Inserted">Events newly stored; the rest were already in their pupil's stream.</param>
/// <param name="NewPupils">Pupils created.</param>
public sealed record Appended(long Events, long Inserted, long NewPupils);
