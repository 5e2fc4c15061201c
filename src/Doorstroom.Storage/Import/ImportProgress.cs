namespace Doorstroom.Storage;

/// <summary>How far an import has got, for a progress bar or a plain line.</summary>
public readonly record struct ImportProgress(string Stage, long Done, long? Total);
