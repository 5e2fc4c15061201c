using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Doorstroom.Domain;

namespace Doorstroom.Web.Tests;

/// <summary>The pathway timeline SVG: the school-year axis, one bar per step, the latest end and the startkwalificatie marked.</summary>
public sealed partial class PathwayTimelineTests
{
    private static readonly DateOnly On = new(2026, 11, 30);

    // A kb pupil: rest of vmbo to July 2027, then mbo-3 (2–3 years); and a second pathway via mbo-2 then mbo-4.
    private static readonly Pathway ViaNiveau3 = new(
        ["normale-route"],
        [
            new Step("normale-route", SchoolType.Vmbo, null, Leerweg.Kb, new(2026, 8, 1), new(2027, 7, 31), new(2027, 7, 31), DiplomaKind.VmboKb, "R1.1", null),
            new Step(
                null,
                SchoolType.Mbo,
                3,
                Leerweg.Bol,
                new(2027, 8, 1),
                new(2029, 7, 31),
                new(2030, 7, 31),
                DiplomaKind.Mbo3,
                "M5",
                AdmissionOutcome.Admissible
            ),
        ],
        new(2029, 7, 31),
        new(2029, 7, 31)
    );

    private static readonly Pathway ViaNiveau2 = new(
        ["normale-route"],
        [
            new Step("normale-route", SchoolType.Vmbo, null, Leerweg.Kb, new(2026, 8, 1), new(2027, 7, 31), new(2027, 7, 31), DiplomaKind.VmboKb, "R1.1", null),
            new Step(
                null,
                SchoolType.Mbo,
                2,
                Leerweg.Bbl,
                new(2027, 8, 1),
                new(2028, 7, 31),
                new(2029, 7, 31),
                DiplomaKind.Mbo2,
                "M5",
                AdmissionOutcome.Admissible
            ),
            new Step(
                null,
                SchoolType.Mbo,
                4,
                Leerweg.Bol,
                new(2028, 8, 1),
                new(2031, 7, 31),
                new(2032, 7, 31),
                DiplomaKind.Mbo4,
                "M5",
                AdmissionOutcome.Admissible
            ),
        ],
        new(2031, 7, 31),
        new(2028, 7, 31)
    );

    private static XElement Draw(params Pathway[] pathways) =>
        XElement.Parse(PathwayTimeline.Svg(pathways, On, "t", "Paden naar een startkwalificatie", "Twee paden."));

    private static XNamespace Svg => "http://www.w3.org/2000/svg";

    private static IEnumerable<XElement> Class(XElement svg, string name, string element = "rect") =>
        svg.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == name);

    private static double Attr(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_step_is_one_bar_and_a_step_with_a_later_latest_end_gets_a_stripe()
    {
        var svg = Draw(ViaNiveau3, ViaNiveau2);
        Assert.Equal(5, Class(svg, "step").Count());
        Assert.Equal(3, Class(svg, "later").Count()); // the vmbo steps end when they end; the mbo steps have a band
        Assert.Equal(2, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "pathway"));
    }

    [Fact]
    public void The_axis_has_one_labelled_column_per_school_year_from_the_first_start_to_the_last_latest_end()
    {
        var svg = Draw(ViaNiveau3, ViaNiveau2);
        var labels = Class(svg, "year", "text").Select(t => t.Value).ToList();
        Assert.Equal(["2026/27", "2027/28", "2028/29", "2029/30", "2030/31", "2031/32"], labels);
    }

    [Fact]
    public void A_step_of_one_school_year_spans_exactly_one_column_starting_at_1_August()
    {
        var svg = Draw(ViaNiveau2);
        var bars = Class(svg, "step").ToList();
        var years = Class(svg, "year-line", "line").Select(l => Attr(l, "x1")).ToList();
        var column = years[1] - years[0];
        // The mbo-2 step runs 1 Aug 2027 – 31 Jul 2028: from the second year line to the third (less a 1 px gap).
        Assert.Equal(years[1], Attr(bars[1], "x"), 1);
        Assert.Equal(column - 1, Attr(bars[1], "width"), 1);
        // The mbo-4 step of three years spans three columns.
        Assert.Equal(3 * column - 1, Attr(bars[2], "width"), 1);
    }

    [Fact]
    public void The_startkwalificatie_is_marked_once_per_pathway_where_it_is_reached()
    {
        var svg = Draw(ViaNiveau3, ViaNiveau2);
        var marks = Class(svg, "sk", "path").ToList();
        Assert.Equal(2, marks.Count);
        Assert.Contains("Startkwalificatie op 31 juli 2028", marks[1].Value, StringComparison.Ordinal);
        var noSk = ViaNiveau3 with { StartkwalificatieOn = null };
        Assert.Empty(Class(Draw(noSk), "sk", "path"));
    }

    [Fact]
    public void The_image_is_named_and_described_for_screen_readers_and_escapes_its_text()
    {
        var svg = XElement.Parse(PathwayTimeline.Svg([ViaNiveau3], On, "plan", "Paden <naar> & verder", "Uitleg"));
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("plan-title plan-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Paden <naar> & verder", svg.Element(Svg + "title")!.Value);
        Assert.Equal("plan-title", (string?)svg.Element(Svg + "title")!.Attribute("id"));
        Assert.Equal("Uitleg", svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void A_bar_says_what_the_step_is_and_its_tooltip_gives_the_dates_and_diploma()
    {
        var svg = Draw(ViaNiveau3);
        var bar = Class(svg, "step").Last();
        Assert.Equal("mbo niveau 3 bol, 2–3 jaar: 1 augustus 2027 – 31 juli 2029 (uiterlijk 31 juli 2030) → mbo-3-diploma", bar.Element(Svg + "title")!.Value);
        Assert.Matches(Label(), Class(svg, "step-label", "text").Last().Value);
    }

    [GeneratedRegex("^mbo niveau 3 bol$|^mbo niveau.*…$")]
    private static partial Regex Label();
}
