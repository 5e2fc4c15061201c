using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>One page of an offset-paged list and how many rows match in all.</summary>
public sealed record Paged<T>(ImmutableArray<T> Items, long Total, int Page, int PageSize)
{
    /// <summary>The number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (int)((Total + PageSize - 1) / PageSize));
}
