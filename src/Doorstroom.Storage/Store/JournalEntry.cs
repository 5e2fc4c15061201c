namespace Doorstroom.Storage;

/// <summary>One file in the import journal.</summary>
public sealed record JournalEntry(string Kind, string FileName, long Records, long Stored, string ImportedAt);
