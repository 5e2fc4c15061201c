using System.Xml.Linq;
using Doorstroom.Domain;

namespace Doorstroom.Report.Tests;

/// <summary>The flow map: drawn on the server from the packaged outline, flows of 1–4 pupils never drawn, approximations hollow.</summary>
public sealed class FlowMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly MapPlace School = new("01AA00", false, 5.12, 52.09, PlaceBasis.Exact);
    private static readonly MapPlace Roc = new("25LG01", true, 5.2, 52.1, PlaceBasis.Benadering);
    private static readonly MapPlace Far = new("28EF00", true, 6.5, 53.2, PlaceBasis.Exact);

    [Fact]
    public void The_outline_of_the_netherlands_is_packaged_and_lies_in_the_country()
    {
        Assert.NotEmpty(FlowMap.Outline);
        Assert.True(FlowMap.Outline[0].Length > 100, "the mainland ring has its detail");
        Assert.All(FlowMap.Outline.SelectMany(r => r), p => Assert.InRange(p.Lon, 3, 8));
        var (x, y) = FlowMap.Project(5.12, 52.09);
        Assert.InRange(x, 0, FlowMap.Width);
        Assert.InRange(y, 0, FlowMap.Height);
    }

    [Fact]
    public void A_flow_of_one_to_four_pupils_is_not_drawn_and_a_connected_flow_is_solid()
    {
        var doc = XDocument.Parse(
            FlowMap.Svg(
                [new MapMarker(School, "School", Focus: true), new MapMarker(Roc, "Roc", Labelled: true), new MapMarker(Far, "Ver")],
                [new MapLine(School, Roc, 40, true, "School → Roc: 40"), new MapLine(School, Far, 4, false, "School → Ver: <5")]
            )
        );
        var lines = doc.Descendants(Svg + "line").Where(l => l.Element(Svg + "title") is not null).ToList();
        var line = Assert.Single(lines);
        Assert.Equal("School → Roc: 40", line.Element(Svg + "title")!.Value);
        Assert.Null(line.Attribute("stroke-dasharray"));
        // The approximated location is hollow (white fill), the exact one filled.
        var squares = doc.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Contains(squares, r =>
            r.Attribute("fill")!.Value == "#ffffff" && r.Element(Svg + "title")!.Value.Contains("benaderd", StringComparison.Ordinal)
        );
        Assert.Contains(squares, r => r.Attribute("fill")!.Value != "#ffffff" && r.Element(Svg + "title")!.Value == "Ver");
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "School");
    }
}
