using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>Population, hits and the sum of values of one group.</summary>
public record struct Counts(long Population, long Hits, double Value);

/// <summary>Dimension masks and DuckDB's GROUPING() ids.</summary>
public static class Breakdown
{
    /// <summary>The mask of a set of dimensions.</summary>
    public static int Mask(params ReadOnlySpan<Dimension> by)
    {
        var mask = 0;
        foreach (var d in by)
            mask |= 1 << (int)d;
        return mask;
    }

    /// <summary>
    /// DuckDB's <c>GROUPING(route, cohort, vo, mbo, leerweg, sector, niveau)</c> for a mask: the first argument is the most
    /// significant bit, and a bit is 1 where the column is rolled up (not in the mask).
    /// </summary>
    public static int GroupingId(int mask)
    {
        var g = 0;
        for (var d = 0; d < 7; d++)
        {
            if ((mask & (1 << d)) == 0)
                g |= 1 << (6 - d);
        }
        return g;
    }

    /// <summary>The dimensions of a mask, for display.</summary>
    public static ImmutableArray<Dimension> Dimensions(int mask) => [.. Enum.GetValues<Dimension>().Where(d => (mask & (1 << (int)d)) != 0)];
}
