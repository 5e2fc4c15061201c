namespace Doorstroom.Storage;

/// <summary>A count of one kind of record or event.</summary>
public sealed record Tally(string Name, long Count);
