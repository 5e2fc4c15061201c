using System.Xml.Linq;
using Doorstroom.Domain;

namespace Doorstroom.Report.Tests;

/// <summary>The Sankey's geometry on the five hand-made flows, top 1 vestiging and top 2 institutions.</summary>
public sealed class SankeyTests
{
    private const double Tolerance = 1e-9;
    private static readonly SankeyLayout Layout = Sankey.Layout(Sample.SmallFlows, topSources: 1, topTargets: 2, width: 960, height: 560);

    [Fact]
    public void Top_n_are_kept_and_the_rest_is_grouped_as_overige_last()
    {
        var left = Layout.Nodes.Where(n => n.Left).Select(n => (n.Label, n.Value));
        var right = Layout.Nodes.Where(n => !n.Left).Select(n => (n.Label, n.Value));
        Assert.Equal([("A", 10L), (Sankey.Rest, 8L)], left);
        Assert.Equal([("X", 9L), ("Y", 7L), (Sankey.Rest, 2L)], right);
        // A→X 6, A→Y 2, A→overige 2 (Z), overige (B, C)→X 3, overige→Y 5.
        Assert.Equal(5, Layout.Links.Length);
        Assert.Equal(18, Layout.Links.Sum(l => l.Value));
    }

    [Fact]
    public void Node_heights_are_proportional_to_their_flows()
    {
        // 560 high, 20 margin each side, 3 rows so 2 gaps of 8: 504 pixels for 18 pupils.
        Assert.Equal(28, Layout.Scale, Tolerance);
        Assert.All(Layout.Nodes, n => Assert.Equal(n.Value * 28.0, n.Height, Tolerance));
        Assert.Equal(280, Layout.Nodes[0].Height, Tolerance);
    }

    [Fact]
    public void Link_widths_sum_to_node_heights_and_stack_without_gaps()
    {
        for (var i = 0; i < Layout.Nodes.Length; i++)
        {
            var node = Layout.Nodes[i];
            var links = Layout.Links.Where(l => node.Left ? l.Source == i : l.Target == i).OrderBy(l => node.Left ? l.SourceY : l.TargetY).ToList();
            Assert.Equal(node.Height, links.Sum(l => l.Width), Tolerance);
            var y = node.Y;
            foreach (var link in links)
            {
                Assert.Equal(y, node.Left ? link.SourceY : link.TargetY, Tolerance);
                Assert.Equal(link.Value * Layout.Scale, link.Width, Tolerance);
                y += link.Width;
            }
        }
    }

    [Fact]
    public void Nodes_of_a_column_do_not_overlap_and_fit_the_canvas()
    {
        foreach (var column in Layout.Nodes.GroupBy(n => n.Left))
        {
            var nodes = column.OrderBy(n => n.Y).ToList();
            for (var i = 1; i < nodes.Count; i++)
                Assert.Equal(nodes[i - 1].Y + nodes[i - 1].Height + Sankey.Gap, nodes[i].Y, Tolerance);
            Assert.True(nodes[^1].Y + nodes[^1].Height <= Layout.Height);
        }
    }

    [Fact]
    public void Svg_is_well_formed_with_one_path_per_link_and_one_rect_per_node()
    {
        var svg = XDocument.Parse(Sankey.Svg(Layout, "Stroom <test> & co"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("960", (string?)svg.Root.Attribute("width"));
        Assert.Equal(5, svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "link"));
        Assert.Equal(5, svg.Descendants(ns + "rect").Count(p => (string?)p.Attribute("class") == "node"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith(Sankey.Rest, StringComparison.Ordinal));
        // The flow of 2 pupils (A→Y) is suppressed in its tooltip as DUO does.
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value == "A → Y: <5");
    }

    [Fact]
    public void Every_flow_fits_in_the_top_n_when_n_is_large_so_there_is_no_overige()
    {
        var layout = Sankey.Layout(Sample.SmallFlows, 10, 10);
        Assert.DoesNotContain(layout.Nodes, n => n.Label == Sankey.Rest);
        Assert.Equal(6, layout.Nodes.Length);
    }

    [Fact]
    public void An_empty_flow_table_gives_an_empty_diagram()
    {
        var layout = Sankey.Layout(Array.Empty<Flow>(), 3, 3);
        Assert.Empty(layout.Nodes);
        Assert.Empty(layout.Links);
        XDocument.Parse(Sankey.Svg(layout, "leeg"));
    }
}
