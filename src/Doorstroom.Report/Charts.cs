using System.Globalization;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>One chart of the report, written twice: as PNG and as SVG (file names relative to the report folder).</summary>
/// <param name="Kind">"trend", "instellingen" or "stroom".</param>
public sealed record ChartFiles(string Kind, string Title, string Png, string Svg);

/// <summary>The charts: trend lines per route, bars per institution (ScottPlot 5), and the vmbo → mbo Sankey.</summary>
internal static class Charts
{
    public const int Width = 960,
        Height = 540;

    /// <summary>The indicator's rate (%) by cohort, one line per route; suppressed rates (population under 10) are left out of the line.</summary>
    public static ChartFiles Trend(string outDir, string name, MonitorTable table, IndicatorDefinition definition)
    {
        var (plot, title) = TrendPlot(table, definition);
        return Save(outDir, name, "trend", title, plot);
    }

    /// <summary>The plot of <see cref="Trend"/> and its title.</summary>
    /// <param name="routeName">The name to show for a route id in the legend; null shows the ids.</param>
    internal static (ScottPlot.Plot Plot, string Title) TrendPlot(MonitorTable table, IndicatorDefinition definition, Func<string, string>? routeName = null)
    {
        var route = Index(table, Dimension.Route);
        var cohort = Index(table, Dimension.Cohort);
        var plot = new ScottPlot.Plot();
        var series = table
            .Rows.GroupBy(r => r.Keys[route], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
                (
                    Route: g.Key,
                    Points: g.GroupBy(r => int.Parse(r.Keys[cohort], CultureInfo.InvariantCulture))
                        .Select(c => (Cohort: c.Key, Rate: Suppression.Rate(c.Sum(r => r.Hits), c.Sum(r => r.Population))))
                        .Where(p => p.Rate is not null)
                        .OrderBy(p => p.Cohort)
                        .ToList()
                )
            )
            .Where(s => s.Points.Count > 0)
            .ToList();
        var i = 0;
        foreach (var (name, points) in series)
        {
            var line = plot.Add.Scatter(points.Select(p => (double)p.Cohort).ToArray(), points.Select(p => p.Rate!.Value * 100).ToArray());
            line.LegendText = routeName is null ? name : routeName(name);
            line.Color = ScottPlot.Color.FromHex(Sankey.Color(i++));
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }
        var cohorts = series.SelectMany(s => s.Points.Select(p => p.Cohort)).Distinct().Order().ToArray();
        if (cohorts.Length > 0)
            plot.Axes.Bottom.SetTicks([.. cohorts.Select(c => (double)c)], [.. cohorts.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        if (series.Count > 0)
            plot.ShowLegend(ScottPlot.Edge.Right);
        var title = $"{definition.Name} per cohort en route";
        plot.Title(title);
        plot.XLabel("cohort");
        plot.YLabel("percentage");
        plot.Axes.SetLimitsY(0, 100);
        return (plot, title);
    }

    /// <summary>The indicator's rate (%) per mbo institution: the <paramref name="top"/> institutions with the largest population and a shown (unsuppressed)
    /// rate.</summary>
    public static ChartFiles Institutions(string outDir, string name, MonitorTable table, IndicatorDefinition definition, int top)
    {
        var (plot, title) = InstitutionsPlot(table, definition, top);
        return Save(outDir, name, "instellingen", title, plot);
    }

    /// <summary>The plot of <see cref="Institutions"/> and its title.</summary>
    internal static (ScottPlot.Plot Plot, string Title) InstitutionsPlot(MonitorTable table, IndicatorDefinition definition, int top)
    {
        var mbo = Index(table, Dimension.MboInstelling);
        var bars = table
            .Rows.GroupBy(r => r.Keys[mbo], StringComparer.Ordinal)
            .Select(g => (Instelling: g.Key, Population: g.Sum(r => r.Population), Rate: Suppression.Rate(g.Sum(r => r.Hits), g.Sum(r => r.Population))))
            .Where(b => b.Rate is not null)
            .OrderByDescending(b => b.Population)
            .ThenBy(b => b.Instelling, StringComparer.Ordinal)
            .Take(top)
            .OrderBy(b => b.Rate)
            .ThenBy(b => b.Instelling, StringComparer.Ordinal)
            .ToList();
        var plot = new ScottPlot.Plot();
        if (bars.Count > 0)
        {
            var plottable = plot.Add.Bars(bars.Select(b => b.Rate!.Value * 100).ToArray());
            plottable.Horizontal = true;
            plottable.Color = ScottPlot.Color.FromHex(Sankey.Color(0));
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, bars.Count).Select(x => (double)x)], [.. bars.Select(b => b.Instelling)]);
            plot.Axes.SetLimitsX(0, 100);
        }
        var title = $"{definition.Name} per mbo-instelling (grootste {top})";
        plot.Title(title);
        plot.XLabel("percentage");
        return (plot, title);
    }

    /// <summary>
    /// Horizontal bars of percentages, one per label, in the order given from the top down (sort them by value first), the axis 0–100
    /// (or up to the largest bar when that is smaller, so small shares stay visible).
    /// </summary>
    internal static ScottPlot.Plot BarsPlot(string title, IReadOnlyList<(string Label, double Percent)> bars, string xLabel)
    {
        var plot = new ScottPlot.Plot();
        if (bars.Count > 0)
        {
            // ScottPlot draws bar 0 at the bottom: reverse so the first bar is on top.
            var drawn = bars.Reverse().ToList();
            var plottable = plot.Add.Bars(drawn.Select(b => b.Percent).ToArray());
            plottable.Horizontal = true;
            plottable.Color = ScottPlot.Color.FromHex(Sankey.Color(0));
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, drawn.Count).Select(x => (double)x)], [.. drawn.Select(b => Sankey.Short(b.Label, 40))]);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.#", DutchFormat.Numbers) };
            var max = drawn.Max(b => b.Percent);
            plot.Axes.SetLimitsX(0, max > 50 ? 100 : Math.Max(5, Math.Ceiling(max / 5) * 5));
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        return plot;
    }

    /// <summary>The Sankey of the flows: SVG written by <see cref="Sankey.Svg"/>, PNG drawn from the same geometry with ScottPlot.</summary>
    public static ChartFiles Flow(string outDir, IEnumerable<Flow> flows, int topSources, int topTargets)
    {
        var layout = Sankey.Layout(flows, topSources, topTargets, Width, Height);
        var title = FlowTitle(topSources, topTargets);
        const string name = "stroom";
        File.WriteAllText(Path.Combine(outDir, name + ".svg"), Sankey.Svg(layout, title), new UTF8Encoding(false));
        Sankey.Plot(layout, title).SavePng(Path.Combine(outDir, name + ".png"), Width, Height);
        return new ChartFiles("stroom", title, name + ".png", name + ".svg");
    }

    /// <summary>The Sankey's title: which nodes it shows.</summary>
    internal static string FlowTitle(int topSources, int topTargets) =>
        $"Stroom vmbo-vestigingen → mbo-instellingen (grootste {topSources} en {topTargets}, rest als \"{Sankey.Rest}\")";

    private static ChartFiles Save(string outDir, string name, string kind, string title, ScottPlot.Plot plot)
    {
        plot.SavePng(Path.Combine(outDir, name + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(outDir, name + ".svg"), Width, Height);
        return new ChartFiles(kind, title, name + ".png", name + ".svg");
    }

    private static int Index(MonitorTable table, Dimension dimension)
    {
        var i = table.By.IndexOf(dimension);
        return i >= 0
            ? i
            : throw new ArgumentException(
                $"Table {table.Indicator} is not broken down by {dimension} (it is by " + $"[{string.Join(", ", table.By)}]).",
                nameof(table)
            );
    }

    /// <summary>A file-name-safe form of an indicator id: lower-case letters, digits and dashes.</summary>
    public static string Slug(string id)
    {
        var sb = new StringBuilder();
        foreach (var c in id.ToLowerInvariant())
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return sb.ToString().Trim('-') is { Length: > 0 } s ? s : "indicator";
    }
}
