using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Storage;

/// <summary>One record of a <see cref="CsvSource"/>: typed cell readers that report what they expected.</summary>
public sealed class CsvRecord(CsvSource source, ImmutableDictionary<string, int> index, string[] values, int line)
{
    /// <summary>The line the record starts on (1 = header).</summary>
    public int Line { get; } = line;

    /// <summary>The cell, trimmed; empty when the column is absent from this record.</summary>
    public string Text(string column) => index.TryGetValue(column, out var i) && i < values.Length ? values[i].Trim() : "";

    /// <summary>The cell, or null when it is empty.</summary>
    public string? Optional(string column) => Text(column) is { Length: > 0 } t ? t : null;

    /// <summary>The cell, which must not be empty.</summary>
    public string Required(string column)
    {
        var text = Text(column);
        if (text.Length == 0)
            source.Problem(Line, column, "a value (the cell is empty)");
        return text;
    }

    /// <summary>A whole number; DUO's thousands dot (<c>1.001</c>) is read as a thousands separator when <paramref name="thousandsDot"/>.</summary>
    public int Int(string column, bool thousandsDot = false)
    {
        var text = Text(column);
        if (thousandsDot && IsThousandsDotted(text))
            text = text.Replace(".", "", StringComparison.Ordinal);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        source.Problem(Line, column, $"a whole number of 0 or more (found '{Shorten(text)}')");
        return 0;
    }

    /// <summary>A count that DUO may suppress as <c>&lt;5</c>: null then (the true value is 0–4), else the number.</summary>
    public int? Count(string column)
    {
        var text = Text(column);
        if (text == "<5")
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        source.Problem(Line, column, $"a count or '<5' (found '{Shorten(text)}')");
        return 0;
    }

    /// <summary>A decimal with a comma (<c>6,1</c>) or point, or null when empty.</summary>
    public double? Decimal(string column, char separator)
    {
        var text = Text(column);
        if (text.Length == 0)
            return null;
        var invariant = separator == ',' ? text.Replace(',', '.') : text;
        if (
            (separator == ',' && text.Contains('.', StringComparison.Ordinal))
            || !double.TryParse(invariant, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        )
        {
            source.Problem(Line, column, $"a decimal number with a decimal {(separator == ',' ? "comma" : "point")} (found '{Shorten(text)}')");
            return null;
        }

        return value;
    }

    /// <summary>Reports a problem with this record.</summary>
    public void Problem(string column, string message) => source.Problem(Line, column, message);

    private static bool IsThousandsDotted(string text) =>
        text.Contains('.', StringComparison.Ordinal)
        && text.Split('.') is var parts
        && parts[0].Length is > 0 and <= 3
        && parts.Skip(1).All(p => p.Length == 3 && p.All(char.IsAsciiDigit));

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
