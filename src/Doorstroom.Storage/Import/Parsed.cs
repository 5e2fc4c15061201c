using System.Collections.Immutable;
using Doorstroom.Catalogue;

namespace Doorstroom.Storage;

/// <summary>A file read whole: its rows, how many records it had, and what was wrong or noticed.</summary>
public sealed record Parsed<TRow>(ImmutableArray<TRow> Rows, long Records, ImmutableArray<Problem> Problems, ImmutableArray<string> Notes);
