using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>One page of a keyset-paged list; <see cref="NextAfter"/> is the last key of the page when more follow.</summary>
public sealed record KeyPage<T>(ImmutableArray<T> Items, string? NextAfter);
