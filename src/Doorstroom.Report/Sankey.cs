using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>A node of a two-column Sankey diagram: a vmbo vestiging (left) or an mbo institution (right), or the group "overige".</summary>
/// <param name="Left">True for the sending (vmbo) column.</param>
/// <param name="Value">The pupils through the node.</param>
public sealed record SankeyNode(string Label, bool Left, long Value, double X, double Y, double Width, double Height);

/// <summary>A link from a left node to a right node; its width is proportional to its value, at the same scale as the nodes.</summary>
/// <param name="Source">Index of the left node in <see cref="SankeyLayout.Nodes"/>.</param>
/// <param name="Target">Index of the right node in <see cref="SankeyLayout.Nodes"/>.</param>
/// <param name="SourceY">Top of the link where it leaves the source node.</param>
/// <param name="TargetY">Top of the link where it enters the target node.</param>
public sealed record SankeyLink(int Source, int Target, long Value, double SourceY, double TargetY, double Width);

/// <summary>The geometry of a Sankey diagram, in pixels, y growing downwards (as in SVG).</summary>
public sealed record SankeyLayout(double Width, double Height, double Scale, ImmutableArray<SankeyNode> Nodes, ImmutableArray<SankeyLink> Links);

/// <summary>A small two-column Sankey (ScottPlot has none): layout, SVG and a ScottPlot drawing of the same geometry for the PNG.</summary>
public static class Sankey
{
    /// <summary>The label of the group of all nodes outside the top N of a column.</summary>
    public const string Rest = "overige";

    /// <summary>Space between two nodes of a column.</summary>
    public const double Gap = 8;

    /// <summary>Space between two nodes in <see cref="LayoutTop"/>: its nodes are often thin, and their labels must not overlap.</summary>
    public const double LabelGap = 15;

    /// <summary>Width of a node's bar.</summary>
    public const double NodeWidth = 14;

    private const double Margin = 20,
        NoteMargin = 44,
        LabelSpace = 190;

    internal static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>
    /// Lays out the flows: the <paramref name="topSources"/> largest vmbo vestigingen and the <paramref name="topTargets"/> largest
    /// mbo institutions by pupils, each column's rest grouped as <see cref="Rest"/> (placed last); node heights proportional to their flows,
    /// one scale for both columns, so the links' widths at a node sum to its height.
    /// </summary>
    public static SankeyLayout Layout(IEnumerable<Flow> flows, int topSources, int topTargets, double width = 960, double height = 560)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topSources);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topTargets);
        var list = flows.Where(f => f.Count > 0).ToList();
        var sources = Top(list, f => f.VoVestiging, topSources);
        var targets = Top(list, f => f.MboInstelling, topTargets);
        var grouped = list.GroupBy(f =>
                (Source: sources.Contains(f.VoVestiging) ? f.VoVestiging : Rest, Target: targets.Contains(f.MboInstelling) ? f.MboInstelling : Rest)
            )
            .Select(g => (g.Key.Source, g.Key.Target, Value: g.Sum(f => f.Count)))
            .ToList();
        return Build(grouped, width, height, Margin);
    }

    /// <summary>The label of the band that carries every flow outside the largest (<see cref="LayoutTop"/>).</summary>
    public const string OtherFlows = "overige stromen";

    /// <summary>
    /// Lays out the <paramref name="topFlows"/> largest flows that may be shown (<see cref="Suppression.Hides"/> is false) each as its own
    /// band, and every other flow (the small ones included) together as one band <see cref="OtherFlows"/> between two nodes of that name,
    /// so the links add up to all pupils of <paramref name="flows"/>. Leaves room at the bottom for a note (<see cref="Svg"/>).
    /// </summary>
    public static SankeyLayout LayoutTop(IEnumerable<Flow> flows, int topFlows, double width = 960, double height = 560)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topFlows);
        var (top, rest) = Split(flows, topFlows);
        var grouped = top.Select(f => (Source: f.VoVestiging, Target: f.MboInstelling, Value: f.Count)).ToList();
        var others = rest.Sum(f => f.Count);
        if (others > 0)
            grouped.Add((OtherFlows, OtherFlows, others));
        return Build(grouped, width, height, NoteMargin, LabelGap);
    }

    /// <summary>The flows <see cref="LayoutTop"/> draws one by one (largest first; ties by codes) and the rest it puts in <see cref="OtherFlows"/>.</summary>
    public static (IReadOnlyList<Flow> Top, IReadOnlyList<Flow> Others) Split(IEnumerable<Flow> flows, int topFlows)
    {
        var ordered = flows
            .Where(f => f.Count > 0)
            .OrderByDescending(f => f.Count)
            .ThenBy(f => f.VoVestiging, StringComparer.Ordinal)
            .ThenBy(f => f.MboInstelling, StringComparer.Ordinal)
            .ToList();
        var top = ordered.Where(f => !Suppression.Hides(f.Count)).Take(topFlows).ToList();
        var rest = ordered.Except(top).ToList();
        return (top, rest);
    }

    private static SankeyLayout Build(List<(string Source, string Target, long Value)> grouped, double width, double height, double bottom, double gap = Gap)
    {
        var left = Order(grouped.GroupBy(g => g.Source).Select(g => (Label: g.Key, Value: g.Sum(x => x.Value))));
        var right = Order(grouped.GroupBy(g => g.Target).Select(g => (Label: g.Key, Value: g.Sum(x => x.Value))));
        var total = grouped.Sum(g => g.Value);
        var rows = Math.Max(Math.Max(left.Count, right.Count), 1);
        var available = height - Margin - bottom - gap * (rows - 1);
        var scale = total == 0 ? 0 : available / total;

        var nodes = new List<SankeyNode>();
        void Column(List<(string Label, long Value)> column, bool isLeft)
        {
            var x = isLeft ? LabelSpace : width - LabelSpace - NodeWidth;
            var y = Margin;
            foreach (var (label, value) in column)
            {
                nodes.Add(new SankeyNode(label, isLeft, value, x, y, NodeWidth, value * scale));
                y += value * scale + gap;
            }
        }
        Column(left, true);
        Column(right, false);
        var leftIndex = left.Select((n, i) => (n.Label, i)).ToDictionary(x => x.Label, x => x.i, StringComparer.Ordinal);
        var rightIndex = right.Select((n, i) => (n.Label, i + left.Count)).ToDictionary(x => x.Label, x => x.Item2, StringComparer.Ordinal);

        // Stack the links in each source by target order and in each target by source order, so they do not cross inside a node.
        var sourceOffset = new double[nodes.Count];
        var targetOffset = new double[nodes.Count];
        var links = new List<SankeyLink>();
        foreach (var (s, t, value) in grouped.Select(g => (S: leftIndex[g.Source], T: rightIndex[g.Target], g.Value)).OrderBy(x => x.S).ThenBy(x => x.T))
        {
            var w = value * scale;
            links.Add(new SankeyLink(s, t, value, nodes[s].Y + sourceOffset[s], 0, w));
            sourceOffset[s] += w;
        }
        // Stack them in each target by source order.
        foreach (var i in Enumerable.Range(0, links.Count).OrderBy(i => links[i].Target).ThenBy(i => links[i].Source).ToList())
        {
            var link = links[i];
            links[i] = link with { TargetY = nodes[link.Target].Y + targetOffset[link.Target] };
            targetOffset[link.Target] += link.Width;
        }
        return new SankeyLayout(width, height, scale, [.. nodes], [.. links]);
    }

    /// <summary>The diagram as a standalone SVG document (no scripts, no external references); counts in tooltips are suppressed as DUO does.</summary>
    /// <param name="name">The name to show for a node's code (a vestiging's or institution's name); null shows the codes.</param>
    /// <param name="note">A line under the diagram (e.g. what the band "overige stromen" holds); null for none.</param>
    public static string Svg(SankeyLayout layout, string title, Func<string, string>? name = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string Name(string label) => label is Rest or OtherFlows || name is null ? label : name(label);
        var sb = new StringBuilder();
        sb.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(layout.Width)}\" height=\"{N(layout.Height)}\" "
                + $"viewBox=\"0 0 {N(layout.Width)} {N(layout.Height)}\" font-family=\"sans-serif\" font-size=\"12\">\n"
        );
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Html.Escape(title)}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        foreach (var link in layout.Links)
        {
            var s = layout.Nodes[link.Source];
            var t = layout.Nodes[link.Target];
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<path class=\"link\" d=\"{RibbonPath(s, t, link)}\" "
                    + $"fill=\"{(s.Label == OtherFlows ? OtherColor : Color(link.Source))}\" fill-opacity=\"0.45\"><title>{Html.Escape(Name(s.Label))} → "
                    + $"{Html.Escape(Name(t.Label))}: {Html.Escape(Count(link.Value))}</title></path>\n"
            );
        }
        for (var i = 0; i < layout.Nodes.Length; i++)
        {
            var n = layout.Nodes[i];
            var fill =
                n.Label == OtherFlows ? OtherColor
                : n.Left ? Color(i)
                : "#555555";
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<rect class=\"node\" x=\"{N(n.X)}\" y=\"{N(n.Y)}\" width=\"{N(n.Width)}\" height=\"{N(n.Height)}\" "
                    + $"fill=\"{fill}\"><title>{Html.Escape(Name(n.Label))}: {Html.Escape(Count(n.Value))}</title></rect>\n"
            );
            var (x, anchor) = n.Left ? (n.X - 6, "end") : (n.X + n.Width + 6, "start");
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<text x=\"{N(x)}\" y=\"{N(n.Y + n.Height / 2)}\" dominant-baseline=\"middle\" "
                    + $"text-anchor=\"{anchor}\">{Html.Escape(Short(Name(n.Label)))} ({Html.Escape(Count(n.Value))})</text>\n"
            );
        }
        if (note is not null)
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<text class=\"note\" x=\"{N(layout.Width / 2)}\" y=\"{N(layout.Height - 14)}\" text-anchor=\"middle\" "
                    + $"font-size=\"13\">{Html.Escape(note)}</text>\n"
            );
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The same geometry drawn with ScottPlot polygons and rectangles (y flipped), for the PNG.</summary>
    internal static ScottPlot.Plot Plot(SankeyLayout layout, string title)
    {
        var plot = new ScottPlot.Plot();
        double Flip(double y) => layout.Height - y;
        foreach (var link in layout.Links)
        {
            var s = layout.Nodes[link.Source];
            var t = layout.Nodes[link.Target];
            var points = RibbonPoints(s, t, link).Select(p => new ScottPlot.Coordinates(p.X, Flip(p.Y))).ToArray();
            var polygon = plot.Add.Polygon(points);
            polygon.FillStyle.Color = ScottPlot.Color.FromHex(Color(link.Source)).WithAlpha(0.45);
            polygon.LineStyle.Width = 0;
        }
        for (var i = 0; i < layout.Nodes.Length; i++)
        {
            var n = layout.Nodes[i];
            var rect = plot.Add.Rectangle(n.X, n.X + n.Width, Flip(n.Y + n.Height), Flip(n.Y));
            rect.FillStyle.Color = ScottPlot.Color.FromHex(n.Left ? Color(i) : "#555555");
            rect.LineStyle.Width = 0;
            var text = plot.Add.Text($"{n.Label} ({Count(n.Value)})", n.Left ? n.X - 6 : n.X + n.Width + 6, Flip(n.Y + n.Height / 2));
            text.LabelFontSize = 12;
            text.LabelAlignment = n.Left ? ScottPlot.Alignment.MiddleRight : ScottPlot.Alignment.MiddleLeft;
        }
        // A frameless plot shows no title: put it in the top margin as text.
        var heading = plot.Add.Text(title, layout.Width / 2, layout.Height - 2);
        heading.LabelFontSize = 13;
        heading.LabelBold = true;
        heading.LabelAlignment = ScottPlot.Alignment.UpperCenter;
        plot.Axes.SetLimits(0, layout.Width, 0, layout.Height);
        plot.Axes.Frameless();
        plot.HideGrid();
        return plot;
    }

    private static List<(string Label, long Value)> Order(IEnumerable<(string Label, long Value)> nodes) =>
        [.. nodes.OrderBy(n => n.Label is Rest or OtherFlows ? 1 : 0).ThenByDescending(n => n.Value).ThenBy(n => n.Label, StringComparer.Ordinal)];

    private static HashSet<string> Top(List<Flow> flows, Func<Flow, string> key, int n) =>
        flows
            .GroupBy(key, StringComparer.Ordinal)
            .Select(g => (g.Key, Value: g.Sum(f => f.Count)))
            .OrderByDescending(x => x.Value)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(n)
            .Select(x => x.Key)
            .ToHashSet(StringComparer.Ordinal);

    private static string RibbonPath(SankeyNode s, SankeyNode t, SankeyLink l)
    {
        var (x0, x1) = (s.X + s.Width, t.X);
        var xm = (x0 + x1) / 2;
        return $"M{N(x0)},{N(l.SourceY)} C{N(xm)},{N(l.SourceY)} {N(xm)},{N(l.TargetY)} {N(x1)},{N(l.TargetY)} "
            + $"L{N(x1)},{N(l.TargetY + l.Width)} C{N(xm)},{N(l.TargetY + l.Width)} {N(xm)},{N(l.SourceY + l.Width)} {N(x0)},{N(l.SourceY + l.Width)} Z";
    }

    private static List<(double X, double Y)> RibbonPoints(SankeyNode s, SankeyNode t, SankeyLink l, int steps = 24)
    {
        var (x0, x1) = (s.X + s.Width, t.X);
        var points = new List<(double X, double Y)>();
        // The cubic with control points at the middle x is x linear-ish in u and y a smoothstep between the ends.
        for (var i = 0; i <= steps; i++)
            points.Add(Bezier(x0, x1, l.SourceY, l.TargetY, (double)i / steps));
        for (var i = steps; i >= 0; i--)
            points.Add(Bezier(x0, x1, l.SourceY + l.Width, l.TargetY + l.Width, (double)i / steps));
        return points;
    }

    private static (double X, double Y) Bezier(double x0, double x1, double y0, double y1, double u)
    {
        var xm = (x0 + x1) / 2;
        double Cubic(double a, double b, double c, double d) =>
            (1 - u) * (1 - u) * (1 - u) * a + 3 * (1 - u) * (1 - u) * u * b + 3 * (1 - u) * u * u * c + u * u * u * d;
        return (Cubic(x0, xm, xm, x1), Cubic(y0, y0, y1, y1));
    }

    /// <summary>A count as a label shows it: suppressed as DUO does (<see cref="Suppression.Count"/>), else with Dutch thousands separators.</summary>
    internal static string Count(long n) => Suppression.Hides(n) ? Suppression.Small : DutchFormat.Count(n);

    /// <summary>A label cut to fit beside its node (the whole name is in the node's tooltip).</summary>
    internal static string Short(string label, int max = 22) => label.Length <= max ? label : label[..(max - 1)].TrimEnd() + "…";

    /// <summary>The grey of the band "overige stromen" and its nodes, so the eye goes to the flows drawn one by one.</summary>
    private const string OtherColor = "#9e9e9e";

    internal static string Color(int i) => Palette[i % Palette.Length];

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
