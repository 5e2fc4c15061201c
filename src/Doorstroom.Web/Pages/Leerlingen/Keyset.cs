using System.Collections.Immutable;
using Doorstroom.Storage;

namespace Doorstroom.Web.Pages;

/// <summary>Keyset paging for the pupil and applicant lists, with a filter the store does not apply in SQL.</summary>
public static class Keyset
{
    /// <summary>The page size when none is asked for.</summary>
    public const int PageSize = 100;

    /// <summary>The page size asked for, kept between 1 and <see cref="PupilDirectory.MaxPage"/>.</summary>
    public static int Size(int? asked) => Math.Clamp(asked ?? PageSize, 1, PupilDirectory.MaxPage);

    /// <summary>
    /// The first <paramref name="size"/> items after <paramref name="after"/> that <paramref name="keep"/> admits, reading
    /// the store page by page; the next cursor is the key of the last item shown while more may follow.
    /// </summary>
    public static KeyPage<T> Filtered<T>(Func<string?, int, KeyPage<T>> fetch, Func<T, bool>? keep, Func<T, string> key, string? after, int size)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(key);
        if (keep is null)
            return fetch(after, size);
        var items = ImmutableArray.CreateBuilder<T>(size);
        var cursor = after;
        while (true)
        {
            var page = fetch(cursor, PupilDirectory.MaxPage);
            for (var i = 0; i < page.Items.Length; i++)
            {
                if (!keep(page.Items[i]))
                    continue;
                items.Add(page.Items[i]);
                if (items.Count == size)
                    return new(items.MoveToImmutable(), i < page.Items.Length - 1 || page.NextAfter is not null ? key(page.Items[i]) : null);
            }
            if (page.NextAfter is null)
                return new(items.ToImmutable(), null);
            cursor = page.NextAfter;
        }
    }
}
