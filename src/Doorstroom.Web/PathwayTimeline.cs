using System.Globalization;
using System.Net;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>
/// Draws pathways on a time axis as an inline SVG: school years across (a line at every 1 August, labelled 2026/27), one
/// row per pathway, each step a bar from its start to its earliest end with a thin lighter stripe on to its latest end,
/// and a diamond where the startkwalificatie is reached. Pure: the same pathways give the same text.
/// </summary>
public static class PathwayTimeline
{
    private const double LabelWidth = 80,
        YearWidth = 112,
        Header = 28,
        RowHeight = 44,
        BarHeight = 22,
        StripeHeight = 6,
        Footer = 8;

    /// <summary>The SVG element, with <c>role="img"</c>, a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c> referenced by aria-labelledby.</summary>
    /// <param name="pathways">The pathways, one row each, in the order given.</param>
    /// <param name="on">The date asked about: a dashed line marks it.</param>
    /// <param name="id">A prefix for the element ids, unique in the page.</param>
    /// <param name="title">The accessible name.</param>
    /// <param name="description">The accessible description (what a sighted reader sees).</param>
    public static string Svg(IReadOnlyList<Pathway> pathways, DateOnly on, string id, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(pathways);
        var steps = pathways.SelectMany(p => p.Steps).ToList();
        var start = SchoolYear.StartOf(steps.Count == 0 ? on : Min(on, steps.Min(s => s.From)));
        var end = SchoolYear.StartOf(steps.Count == 0 ? on : Max(on, steps.Max(s => s.LatestTo))).AddYears(1);
        var years = end.Year - start.Year;
        var width = LabelWidth + years * YearWidth;
        var height = Header + Math.Max(1, pathways.Count) * RowHeight + Footer;
        // Each school year gets the same column, whether it has 365 or 366 days, so that 1 August always falls on a year line.
        double X(DateOnly date)
        {
            var from = SchoolYear.StartOf(date);
            var fraction = (double)(date.DayNumber - from.DayNumber) / (from.AddYears(1).DayNumber - from.DayNumber);
            return LabelWidth + (from.Year - start.Year + fraction) * YearWidth;
        }

        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" class="pathway-timeline" role="img" aria-labelledby="{E(id)}-title {E(id)}-desc" """
                + $"""viewBox="0 0 {N(width)} {N(height)}" width="{N(width)}" height="{N(height)}" font-family="system-ui, sans-serif" font-size="12">"""
        );
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{E(id)}-title">{E(title)}</title><desc id="{E(id)}-desc">{E(description)}</desc>""");

        // The school-year axis: a line at each 1 August and the year's label in its middle.
        svg.Append("""<g class="axis">""");
        for (var y = 0; y < years; y++)
        {
            var from = start.AddYears(y);
            var x = LabelWidth + y * YearWidth;
            svg.Append(
                CultureInfo.InvariantCulture,
                $"""<line class="year-line" x1="{N(x)}" y1="{N(Header - 6)}" x2="{N(x)}" y2="{N(height - Footer)}" stroke="#c8c8c8"/>"""
            );
            svg.Append(
                CultureInfo.InvariantCulture,
                $"""<text class="year" x="{N(x + YearWidth / 2)}" y="{N(Header - 10)}" text-anchor="middle" fill="#1b1b1b">{SchoolYear.Label(from)}</text>"""
            );
        }
        svg.Append(
            CultureInfo.InvariantCulture,
            $"""<line class="year-line" x1="{N(width - 1)}" y1="{N(Header - 6)}" x2="{N(width - 1)}" y2="{N(height - Footer)}" stroke="#c8c8c8"/>"""
        );
        svg.Append("</g>");

        for (var row = 0; row < pathways.Count; row++)
        {
            var pathway = pathways[row];
            var top = Header + row * RowHeight + 4;
            svg.Append(
                CultureInfo.InvariantCulture,
                $"""<g class="pathway"><text class="row-label" x="4" y="{N(top + BarHeight / 2 + 4)}" fill="#1b1b1b">Pad {row + 1}</text>"""
            );
            foreach (var step in pathway.Steps)
            {
                var x1 = X(step.From);
                var x2 = X(step.To.AddDays(1));
                var label = DutchText.Step(step);
                var tip =
                    $"{label}, {DutchText.StepDuration(step)}: {DutchFormat.Date(step.From)} – "
                    + $"{DutchFormat.Date(step.To)}{(step.LatestTo > step.To ? $" (uiterlijk {DutchFormat.Date(step.LatestTo)})" : "")} → "
                    + $"{DutchText.Diploma(step.Outcome)}";
                if (step.LatestTo > step.To)
                    svg.Append(
                        CultureInfo.InvariantCulture,
                        $"""<rect class="later" x="{N(x2)}" y="{N(top + BarHeight + 2)}" width="{N(X(step.LatestTo.AddDays(1)) - x2)}" """
                            + $"""height="{N(StripeHeight)}" fill="#9ec3e6" stroke="#0b4f8a" stroke-dasharray="3 2"><title>{E(tip)}</title></rect>"""
                    );
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"""<rect class="step" x="{N(x1)}" y="{N(top)}" width="{N(Math.Max(1, x2 - x1 - 1))}" """
                        + $"""height="{N(BarHeight)}" rx="3" fill="#0b4f8a"><title>{E(tip)}</title></rect>"""
                );
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"""<text class="step-label" x="{N(x1 + 4)}" y="{N(top + BarHeight / 2 + 4)}" fill="#ffffff">{E(Fit(label, x2 - x1 - 8))}</text>"""
                );
            }
            if (pathway.StartkwalificatieOn is { } sk)
            {
                var x = X(sk.AddDays(1));
                var cy = top + BarHeight / 2;
                svg.Append(
                    CultureInfo.InvariantCulture,
                    $"""<path class="sk" d="M{N(x)} {N(cy - 8)} L{N(x + 8)} {N(cy)} L{N(x)} {N(cy + 8)} L{N(x - 8)} {N(cy)} Z" """
                        + $"""fill="#ffbf47" stroke="#1b1b1b"><title>Startkwalificatie op {E(DutchFormat.Date(sk))}</title></path>"""
                );
            }
            svg.Append("</g>");
        }

        var today = X(on);
        svg.Append(
            CultureInfo.InvariantCulture,
            $"""<line class="on" x1="{N(today)}" y1="{N(Header - 6)}" x2="{N(today)}" y2="{N(height - Footer)}" """
                + $"""stroke="#a4161a" stroke-width="2" stroke-dasharray="4 3"><title>{E(DutchFormat.Date(on))}</title></line>"""
        );
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The label cut to the room of the bar (about 6.5 px a character at 12 px).</summary>
    private static string Fit(string label, double room)
    {
        var chars = (int)(room / 6.5);
        if (label.Length <= chars)
            return label;
        return chars <= 1 ? "" : label[..(chars - 1)].TrimEnd() + "…";
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
