using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>Which meeloopdagen a list shows: at some locations (null: all), of a programme, between two dates, with or without cancelled days.</summary>
public sealed record MeeloopFilter(
    ImmutableArray<string>? Locations = null,
    int? Crebo = null,
    DateOnly? From = null,
    DateOnly? Until = null,
    bool WithCancelled = false
);
