using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>A chart as SVG markup to put inline in a page, with its title.</summary>
public sealed record InlineChart(string Title, string Svg);

/// <summary>The report's charts as SVG text instead of files, for a page that renders them inline (the web monitor).</summary>
public static class InlineCharts
{
    /// <summary>The trend chart of <see cref="HtmlReport"/>: the rate by cohort, one line per route; the table is broken down by (at least) [Route,
    /// Cohort].</summary>
    /// <param name="routeName">The name to show for a route id in the legend; null shows the ids.</param>
    public static InlineChart Trend(
        MonitorTable table,
        IndicatorDefinition definition,
        Func<string, string>? routeName = null,
        int width = Charts.Width,
        int height = Charts.Height
    )
    {
        ArgumentNullException.ThrowIfNull(table);
        var (plot, title) = Charts.TrendPlot(table, definition, routeName);
        return new InlineChart(title, plot.GetSvgXml(width, height));
    }

    /// <summary>The bar chart of <see cref="HtmlReport"/>: the rate of the <paramref name="top"/> largest mbo institutions with a shown rate; the table is
    /// broken down by (at least) [MboInstelling].</summary>
    public static InlineChart Institutions(
        MonitorTable table,
        IndicatorDefinition definition,
        int top = 15,
        int width = Charts.Width,
        int height = Charts.Height
    )
    {
        ArgumentNullException.ThrowIfNull(table);
        var (plot, title) = Charts.InstitutionsPlot(table, definition, top);
        return new InlineChart(title, plot.GetSvgXml(width, height));
    }

    /// <summary>Horizontal bars of percentages, the first on top (<paramref name="bars"/> in the order to show).</summary>
    public static InlineChart Bars(
        string title,
        IReadOnlyList<(string Label, double Percent)> bars,
        string xLabel = "percentage",
        int width = Charts.Width,
        int height = Charts.Height
    )
    {
        ArgumentNullException.ThrowIfNull(bars);
        return new InlineChart(title, Charts.BarsPlot(title, bars, xLabel).GetSvgXml(width, height));
    }

    /// <summary>
    /// The Sankey of the <paramref name="top"/> largest shown flows, each its own band, and all other flows as one band "overige stromen"
    /// (<see cref="Sankey.LayoutTop"/>); node labels by <paramref name="name"/>, <paramref name="note"/> written under the diagram.
    /// </summary>
    public static InlineChart FlowTop(
        IEnumerable<Flow> flows,
        int top,
        string title,
        Func<string, string>? name,
        string? note,
        int width = Charts.Width,
        int height = Charts.Height
    ) => new(title, Sankey.Svg(Sankey.LayoutTop(flows, top, width, height), title, name, note));

    /// <summary>The Sankey of the flows as SVG (<see cref="Sankey.Svg"/>): the largest vestigingen and institutions, each column's rest as "overige".</summary>
    public static InlineChart Flow(IEnumerable<Flow> flows, int topSources = 8, int topTargets = 6, int width = Charts.Width, int height = Charts.Height)
    {
        var title = Charts.FlowTitle(topSources, topTargets);
        return new InlineChart(title, Sankey.Svg(Sankey.Layout(flows, topSources, topTargets, width, height), title));
    }
}
