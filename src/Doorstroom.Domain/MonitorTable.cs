using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>One row of a monitor table: the dimension values (in the order of <see cref="MonitorTable.By"/>), the population, the hits and a mean value where the indicator has one.</summary>
public sealed record MonitorRow(ImmutableArray<string> Keys, long Population, long Hits, double? Mean);

/// <summary>One indicator measured and broken down by the given dimensions.</summary>
public sealed record MonitorTable(IndicatorDefinition Definition, ImmutableArray<Dimension> By, ImmutableArray<MonitorRow> Rows);

/// <summary>DUO's small-number suppression: counts of 1–4 are shown as "&lt;5"; a rate over a population under 10 is not shown.</summary>
public static class Suppression
{
    /// <summary>The count as shown: "&lt;5" when 0 &lt; n &lt; 5, the number otherwise.</summary>
    public static string Count(long n) => n is > 0 and < 5 ? "<5" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rate hits / population, or null when the population is under 10.</summary>
    public static double? Rate(long hits, long population) => population < 10 ? null : (double)hits / population;
}
