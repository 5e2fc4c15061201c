using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>The file was read whole and stored in one transaction.</summary>
/// <param name="Records">Records in the file (rows, features, events).</param>
/// <param name="Stored">Rows the file stands for in the store (after merging repeated records).</param>
/// <param name="Changed">Rows inserted or updated; 0 when the store already held exactly this.</param>
/// <param name="Notes">What the importer noticed and handled (repeated records, suppressed cells …).</param>
public sealed record Imported(string Kind, string File, long Records, long Stored, long Changed, ImmutableArray<string> Notes) : ImportOutcome(Kind, File);
