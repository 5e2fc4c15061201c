using System.Globalization;

namespace Doorstroom.Bench;

/// <summary>
/// A target a bench is held to (issue 18) and whether this run met it, printed the same way by every bench: the figure,
/// the limit, "met" or "NOT met" and by how much. A figure, not an assertion: a bench exits 0 whatever it measured.
/// </summary>
/// <param name="What">What is measured, e.g. "monitor from the store ÷ DuckDB (same algorithm)".</param>
/// <param name="Measured">The figure this run measured.</param>
/// <param name="Limit">The target.</param>
/// <param name="HigherIsBetter">True for a floor (events/s, plans/s), false for a ceiling (seconds, bytes, a ratio of times).</param>
/// <param name="Unit">The unit both numbers are in ("s", "×", "events/s", "GiB", "ms"), or empty.</param>
public sealed record Target(string What, double Measured, double Limit, bool HigherIsBetter, string Unit = "")
{
    /// <summary>True when the figure is on the right side of the limit (equal counts as met).</summary>
    public bool Met => HigherIsBetter ? Measured >= Limit : Measured <= Limit;

    /// <summary>How far the figure is from the limit, as a share of the limit (0.25 = 25 % short or over); 0 when met.</summary>
    public double Shortfall => Met || Limit == 0 ? 0 : Math.Abs(Measured - Limit) / Math.Abs(Limit);

    /// <summary>One line: <c>target &lt;what&gt;: &lt;measured&gt; (≤ &lt;limit&gt;): met</c>, or <c>NOT met, 25 % over</c>.</summary>
    public string Line()
    {
        var sign = HigherIsBetter ? "≥" : "≤";
        var unit = Unit.Length == 0 ? "" : " " + Unit;
        var verdict = Met ? "met" : string.Create(CultureInfo.InvariantCulture, $"NOT met, {Shortfall:P0} {(HigherIsBetter ? "short" : "over")}");
        return string.Create(CultureInfo.InvariantCulture, $"target {What}: {Format(Measured)}{unit} ({sign} {Format(Limit)}{unit}): {verdict}");
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
