using System.Text.RegularExpressions;
using Doorstroom.Domain;

namespace Doorstroom.Report.Tests;

/// <summary>The monitor page's Sankey (issue 14): the largest flows one by one, every other flow in one band, so the diagram adds up.</summary>
public sealed partial class SankeyTopFlowsTests
{
    // 9 + 7 + 6 + 5 + 3 + 2 + 1 = 33 pupils in seven flows; the small ones (1–4) may never be drawn alone.
    private static readonly Flow[] Flows =
    [
        new("01AA00", "25LG", 9),
        new("01AA00", "28EF", 7),
        new("02BB00", "25LG", 6),
        new("03CC00", "30XY", 5),
        new("02BB00", "28EF", 3),
        new("03CC00", "25LG", 2),
        new("04DD00", "30XY", 1),
    ];

    [Fact]
    public void The_links_add_up_to_every_pupil_of_the_flows()
    {
        var layout = Sankey.LayoutTop(Flows, topFlows: 3);
        Assert.Equal(33, layout.Links.Sum(l => l.Value));
        var other = Assert.Single(layout.Links, l => layout.Nodes[l.Source].Label == Sankey.OtherFlows);
        Assert.Equal(5 + 3 + 2 + 1, other.Value);
        Assert.Equal(Sankey.OtherFlows, layout.Nodes[other.Target].Label);
        // Both columns hold all 33: the band ends on its own node at the bottom of each column.
        Assert.Equal(33, layout.Nodes.Where(n => n.Left).Sum(n => n.Value));
        Assert.Equal(33, layout.Nodes.Where(n => !n.Left).Sum(n => n.Value));
        Assert.Equal(Sankey.OtherFlows, layout.Nodes.Last(n => n.Left).Label);
    }

    [Fact]
    public void A_flow_of_fewer_than_five_is_never_drawn_on_its_own()
    {
        var (top, others) = Sankey.Split(Flows, topFlows: 10);
        Assert.Equal([9L, 7L, 6L, 5L], top.Select(f => f.Count));
        Assert.Equal([3L, 2L, 1L], others.Select(f => f.Count));
    }

    [Fact]
    public void Nodes_show_names_and_the_note_is_written_on_the_chart()
    {
        var names = new Dictionary<string, string>
        {
            ["01AA00"] = "Het Baken",
            ["02BB00"] = "De Brug",
            ["25LG"] = "ROC Midden",
            ["28EF"] = "Alfa-college",
        };
        var svg = Sankey.Svg(
            Sankey.LayoutTop(Flows, topFlows: 3),
            "Stroom",
            code => names.GetValueOrDefault(code, code + " (naam onbekend)"),
            "Totaal 33 leerlingen; 4 stromen met samen 11 leerlingen in “overige stromen”."
        );
        var texts = Text().Matches(svg).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Het Baken (16)", texts);
        Assert.Contains("ROC Midden (15)", texts);
        Assert.Contains("overige stromen (11)", texts);
        Assert.Contains(texts, t => t.StartsWith("Totaal 33 leerlingen", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("01AA00", StringComparison.Ordinal) || t.Contains("25LG", StringComparison.Ordinal));
    }

    [Fact]
    public void Counts_on_the_chart_use_Dutch_thousands_separators_and_hide_1_to_4()
    {
        var svg = Sankey.Svg(Sankey.LayoutTop([new("01AA00", "25LG", 1234), new("02BB00", "28EF", 2)], topFlows: 1), "Stroom");
        Assert.Contains(">01AA00 (1.234)<", svg, StringComparison.Ordinal);
        Assert.Contains(">overige stromen (&lt;5)<", svg, StringComparison.Ordinal);
    }

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex Text();
}
