using System.Collections.Immutable;
using Doorstroom.Catalogue;

namespace Doorstroom.Storage;

/// <summary>The file has bad records; nothing was written. Each problem names file, line, column and what was expected.</summary>
public sealed record Refused(string Kind, string File, ImmutableArray<Problem> Problems) : ImportOutcome(Kind, File);
