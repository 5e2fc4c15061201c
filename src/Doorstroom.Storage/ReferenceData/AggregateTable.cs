using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>A real aggregate, from the imported DUO files: what was asked and the rows.</summary>
public sealed record AggregateTable(string Name, string Source, ImmutableArray<string> By, ImmutableArray<AggregateRow> Rows);
