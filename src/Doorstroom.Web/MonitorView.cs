using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>
/// A selection of the monitor: per dimension at most one value (as <see cref="MonitorCube.Key"/> writes it). A cell is in
/// the selection when every chosen dimension has the chosen value, so the numbers are the cube's roll-up over those cells.
/// </summary>
public sealed record MonitorSelection(ImmutableDictionary<Dimension, string> Values)
{
    public static MonitorSelection All { get; } = new(ImmutableDictionary<Dimension, string>.Empty);

    /// <summary>The selection of the given values; empty or missing ones select everything.</summary>
    public static MonitorSelection Of(IEnumerable<KeyValuePair<Dimension, string?>> values) =>
        new(values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToImmutableDictionary(v => v.Key, v => v.Value!.Trim()));

    /// <summary>The cell filter for <see cref="MonitorCube.Table"/>; null selects every cell.</summary>
    public Func<Cell, bool>? Where()
    {
        if (Values.IsEmpty)
            return null;
        var chosen = Values.ToArray();
        return cell => chosen.All(c => string.Equals(MonitorCube.Key(cell, c.Key), c.Value, StringComparison.Ordinal));
    }

    public string? this[Dimension dimension] => Values.TryGetValue(dimension, out var v) ? v : null;
}

/// <summary>How the monitor page writes its numbers and charts: every count through <see cref="Suppression"/>, in Dutch.</summary>
public static partial class MonitorView
{
    /// <summary>A count as shown: "&lt;5" for 1 to 4 (<see cref="Suppression.Hides"/>), else 1.234.</summary>
    public static string Count(long n) => Suppression.Hides(n) ? Suppression.Small : DutchFormat.Count(n);

    /// <summary>A rate as shown, or "–" when <see cref="Suppression.Rate"/> withholds it.</summary>
    public static string Rate(long hits, long population) => Suppression.Rate(hits, population) is { } r ? DutchFormat.Percent(r) : "–";

    /// <summary>True when the row shows a suppressed count or rate.</summary>
    public static bool Suppressed(MonitorRow row) =>
        Suppression.Hides(row.Population) || Suppression.Hides(row.Hits) || Suppression.Rate(row.Hits, row.Population) is null && row.Population > 0;

    /// <summary>
    /// An SVG document as an accessible inline image: role="img", labelled by a title and described by a desc with the
    /// given ids (a title the SVG already starts with is replaced), anything before &lt;svg dropped (an XML declaration).
    /// </summary>
    public static string Accessible(string svg, string id, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var open = start < 0 ? -1 : svg.IndexOf('>', start);
        if (open < 0)
            throw new ArgumentException("not an SVG document", nameof(svg));
        var rest = svg[(open + 1)..];
        var trimmed = rest.TrimStart();
        if (trimmed.StartsWith("<title>", StringComparison.Ordinal) && trimmed.IndexOf("</title>", StringComparison.Ordinal) is var end and > 0)
            rest = trimmed[(end + "</title>".Length)..];
        var e = WebUtility.HtmlEncode(id);
        var tag = svg[start..open];
        // Without a viewBox the browser crops a scaled-down chart instead of shrinking it.
        if (!tag.Contains("viewBox", StringComparison.Ordinal) && Size().Match(tag) is { Success: true } size)
            tag += $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\"";
        return tag
            + $" role=\"img\" aria-labelledby=\"{e}-titel {e}-uitleg\">"
            + $"<title id=\"{e}-titel\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{e}-uitleg\">{WebUtility.HtmlEncode(description)}</desc>"
            + rest;
    }

    [GeneratedRegex("width=\"([0-9.]+)\" height=\"([0-9.]+)\"")]
    private static partial Regex Size();
}
