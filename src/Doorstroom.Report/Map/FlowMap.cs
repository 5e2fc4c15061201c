using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>
/// A map of the Netherlands as SVG, drawn on the server without any tile server: the outline of the country (Natural Earth,
/// public domain; Map/README.md), institutions as points (vo vestigingen round, mbo locations square; hollow where the place is an
/// approximation) and flows as lines as wide as their pupils. The projection is plain: longitude scaled by cos 52.2°, which at the
/// size of the country keeps shapes and distances right to a few percent.
/// </summary>
public static class FlowMap
{
    /// <summary>The map's width and height in SVG units (the legend below it included).</summary>
    public const double Width = 360,
        Height = 470;

    private const double Scale = 140,
        Left = 3.25,
        Top = 53.62,
        MapHeight = 420;

    private static readonly double Squash = Math.Cos(52.2 * Math.PI / 180);

    /// <summary>The outer rings of the European Netherlands, (lon, lat) in degrees.</summary>
    public static ImmutableArray<ImmutableArray<(double Lon, double Lat)>> Outline { get; } = LoadOutline();

    /// <summary>The SVG position of a point.</summary>
    public static (double X, double Y) Project(double lon, double lat) => (10 + (lon - Left) * Squash * Scale, 10 + (Top - lat) * Scale);

    /// <summary>
    /// The map as one &lt;svg&gt; element, without a title (the page adds title and description): lines first, largest at the bottom,
    /// then the markers, the subject last so it is on top. A line of 1–4 pupils is never drawn: its width would tell the hidden count.
    /// </summary>
    public static string Svg(IReadOnlyList<MapMarker> markers, IReadOnlyList<MapLine> lines)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(lines);
        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" class=\"kaart\">"
        );
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#f4f8fb\"/>");
        svg.Append("<path fill=\"#e6eedb\" stroke=\"#7d8f6c\" stroke-width=\"0.8\" d=\"");
        foreach (var ring in Outline)
        {
            for (var i = 0; i < ring.Length; i++)
            {
                var (x, y) = Project(ring[i].Lon, ring[i].Lat);
                svg.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{x:0.#},{y:0.#}");
            }
            svg.Append('Z');
        }
        svg.Append("\"/>");

        var drawn = lines.Where(l => l.Count >= 5).OrderByDescending(l => l.Count).ToList();
        var max = drawn.Count == 0 ? 1 : drawn.Max(l => l.Count);
        svg.Append("<g class=\"stromen\" stroke-linecap=\"round\">");
        foreach (var line in drawn)
        {
            var (x1, y1) = Project(line.From.Lon, line.From.Lat);
            var (x2, y2) = Project(line.To.Lon, line.To.Lat);
            var width = 1 + 8 * Math.Sqrt((double)line.Count / max);
            svg.Append(
                FormattableString.Invariant($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke-width=\"{width:0.#}\" ")
                    + (line.Connected ? "stroke=\"#1b6e3a\" stroke-opacity=\"0.75\"" : "stroke=\"#c2410c\" stroke-opacity=\"0.7\" stroke-dasharray=\"6 4\"")
                    + $"><title>{WebUtility.HtmlEncode(line.Label)}</title></line>"
            );
        }
        svg.Append("</g><g class=\"instellingen\">");
        foreach (var marker in markers.OrderBy(m => m.Focus).ThenBy(m => m.Labelled))
            Marker(svg, marker);
        foreach (var marker in markers.Where(m => m.Labelled || m.Focus))
        {
            var (x, y) = Project(marker.Place.Lon, marker.Place.Lat);
            var right = x < Width * 0.62;
            svg.Append(
                I($"<text x=\"{x + (right ? 8 : -8):0.#}\" y=\"{y + 3:0.#}\" font-size=\"{(marker.Focus ? 11 : 9)}\" ")
                    + I($"text-anchor=\"{(right ? "start" : "end")}\" ")
                    + I($"fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{WebUtility.HtmlEncode(Short(marker.Name))}</text>")
            );
        }
        svg.Append("</g>");
        Legend(svg);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Marker(StringBuilder svg, MapMarker marker)
    {
        var (x, y) = Project(marker.Place.Lon, marker.Place.Lat);
        var hollow = marker.Place.Basis == PlaceBasis.Benadering;
        // A marker without a name (the many unnamed points of the overview) gets no tooltip, which keeps the map small.
        var title = marker.Name.Length == 0 ? "" : $"<title>{WebUtility.HtmlEncode(marker.Name + BasisNote(marker.Place.Basis))}</title>";
        if (marker.Focus)
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"7\" fill=\"#ffd400\" stroke=\"#1a1a1a\" stroke-width=\"2\">{title}</circle>"
            );
        else if (marker.Place.Mbo)
        {
            var size = marker.Labelled ? 7 : 4.5;
            svg.Append(
                FormattableString.Invariant($"<rect x=\"{x - size / 2:0.#}\" y=\"{y - size / 2:0.#}\" width=\"{size}\" height=\"{size}\" ")
                    + (hollow ? "fill=\"#ffffff\" stroke=\"#6b2a7d\" stroke-width=\"1.4\"" : "fill=\"#6b2a7d\"")
                    + $">{title}</rect>"
            );
        }
        else
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{(marker.Labelled ? 3.5 : 2)}\" fill=\"#1f4e9a\" fill-opacity=\"0.8\">{title}</circle>"
            );
    }

    private static void Legend(StringBuilder svg)
    {
        var y = MapHeight + 8;
        svg.Append(
            (
                I($"""<g font-size="9" fill="#1a1a1a"><circle cx="16" cy="{y}" r="3" fill="#1f4e9a"/><text x="24" y="{y + 3}">vo-vestiging</text>""")
                + I($"""<rect x="94" y="{y - 3}" width="6" height="6" fill="#6b2a7d"/>""")
                + I($"""<rect x="104" y="{y - 3}" width="6" height="6" fill="#ffffff" stroke="#6b2a7d"/>""")
                + I($"""<text x="114" y="{y + 3}">mbo-locatie (open: plaats benaderd)</text>""")
                + I($"""<line x1="10" y1="{y + 18}" x2="34" y2="{y + 18}" stroke="#1b6e3a" stroke-width="3"/>""")
                + I($"""<text x="40" y="{y + 21}">stroom met verbinding</text>""")
                + I($"""<line x1="150" y1="{y + 18}" x2="174" y2="{y + 18}" stroke="#c2410c" stroke-width="3" stroke-dasharray="6 4"/>""")
                + I($"""<text x="180" y="{y + 21}">stroom zonder verbinding</text>""")
                + I($"""<text x="10" y="{y + 37}">Omtrek: Natural Earth (publiek domein). Geen kaartserver gebruikt.</text></g>""")
            )
        );
    }

    /// <summary>What a tooltip adds about where the point comes from.</summary>
    public static string BasisNote(PlaceBasis basis) =>
        basis switch
        {
            PlaceBasis.Benadering => " (plaats benaderd: midden van de vo-vestigingen in hetzelfde postcodegebied of dezelfde plaats)",
            PlaceBasis.Synthetisch => " (synthetisch: verzonnen plaats)",
            _ => "",
        };

    private static string I(FormattableString text) => FormattableString.Invariant(text);

    private static string Short(string name) => name.Length <= 34 ? name : name[..32] + "…";

    private static ImmutableArray<ImmutableArray<(double, double)>> LoadOutline()
    {
        using var stream = typeof(FlowMap).Assembly.GetManifestResourceStream("Doorstroom.Report.nederland.json")
            ?? throw new InvalidOperationException("the outline of the Netherlands (Doorstroom.Report.nederland.json) is not in the assembly");
        using var json = JsonDocument.Parse(stream);
        return
        [
            .. json
                .RootElement.GetProperty("rings")
                .EnumerateArray()
                .Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToImmutableArray()),
        ];
    }
}
