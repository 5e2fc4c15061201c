using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Doorstroom.Storage;

/// <summary>Cell readers and names shared by the DUO vo files.</summary>
internal static partial class DuoFields
{
    /// <summary>The canonical sectors, keyed by the spellings DUO uses (lowercase).</summary>
    private static readonly ImmutableDictionary<string, string> Sectors = new Dictionary<string, string>
    {
        ["economie"] = "economie",
        ["techniek"] = "techniek",
        ["landbouw"] = "landbouw",
        ["zorg en welzijn"] = "zorg en welzijn",
        ["zorg & welzijn"] = "zorg en welzijn",
        ["intersect. programma"] = "intersectoraal",
        ["intersectoraal"] = "intersectoraal",
    }.ToImmutableDictionary();

    /// <summary>Code page 850 (DOS), in which DUO wrote the zittenblijven file.</summary>
    public static Encoding Dos850
    {
        get
        {
            _ = CsvSource.Windows1252; // registers the code-pages provider
            return Encoding.GetEncoding(850);
        }
    }

    /// <summary>
    /// The first year of the school year named in a file name: <c>2015-2016</c> or <c>1516</c> (as in
    /// <c>1516-tov-1617</c>) give 2015; null when the name holds no two consecutive years.
    /// </summary>
    public static short? SchoolYearFromFileName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (Match m in FullYears().Matches(name))
            if (int.Parse(m.Groups[2].ValueSpan) == int.Parse(m.Groups[1].ValueSpan) + 1)
                return short.Parse(m.Groups[1].ValueSpan);
        foreach (Match m in ShortYears().Matches(name))
            if (int.Parse(m.Groups[2].ValueSpan) == int.Parse(m.Groups[1].ValueSpan) + 1)
                return (short)(2000 + int.Parse(m.Groups[1].ValueSpan));
        return null;
    }

    /// <summary>The problem of a file whose name does not say its school year.</summary>
    public static Parsed<T> NoSchoolYear<T>(string path, string example) =>
        new(
            [],
            0,
            [
                new Catalogue.Problem(
                    Path.GetFileName(path),
                    null,
                    "",
                    $"the school year in the file name, like '{example}' (found none in '{Path.GetFileName(path)}'); rename the file to say which school "
                        + $"year it "
                        + $"holds"
                ),
            ],
            []
        );

    /// <summary>A BRIN (4 characters: 2 digits and 2 letters or digits), or a problem.</summary>
    public static string Brin4(CsvRecord record, string column)
    {
        var text = record.Required(column);
        if (text.Length > 0 && !Brin4Pattern().IsMatch(text))
            record.Problem(column, $"a BRIN of 2 digits and 2 letters or digits, like 00AH (found '{text}')");
        return text;
    }

    /// <summary>A BRIN6 whose first four characters are the BRIN of the record, or a problem.</summary>
    public static string Brin6(CsvRecord record, string column, string brin4)
    {
        var text = record.Required(column);
        if (
            text.Length > 0
            && (text.Length != 6 || !text.StartsWith(brin4, StringComparison.Ordinal) || !char.IsAsciiDigit(text[4]) || !char.IsAsciiDigit(text[5]))
        )
            record.Problem(column, $"a vestigingscode of 6 characters: the BRIN {brin4} and two digits (found '{text}')");
        return text;
    }

    /// <summary>
    /// A number that should have <paramref name="width"/> digits but may have lost its leading zeros in a spreadsheet
    /// (<c>7</c> for <c>07</c>); padded back, and <paramref name="padded"/> counts how often that was needed.
    /// </summary>
    public static string Digits(CsvRecord record, string column, int width, ref int padded)
    {
        var text = record.Required(column);
        if (text.Length == 0)
            return text;
        if (text.Length > width || !text.All(char.IsAsciiDigit))
        {
            record.Problem(column, $"a number of at most {width} digits (found '{text}')");
            return text;
        }

        if (text.Length < width)
            padded++;
        return text.PadLeft(width, '0');
    }

    /// <summary>A vmbo sector in its canonical spelling, '' when the cell is empty or <paramref name="none"/>, else a problem.</summary>
    public static string Sector(CsvRecord record, string column, string? none = null) => SectorOf(record, column, record.Text(column), none);

    /// <summary>A sector read from part of a cell, with the same rules as <see cref="Sector"/>.</summary>
    public static string SectorOf(CsvRecord record, string column, string text, string? none = null)
    {
        if (text.Length == 0 || text == none)
            return "";
        if (Sectors.TryGetValue(text.ToLowerInvariant(), out var sector))
            return sector;
        record.Problem(column, $"a vmbo sector ({string.Join(", ", Sectors.Keys.Order())}) (found '{text}')");
        return text;
    }

    /// <summary>One of the given values, or a problem that lists them.</summary>
    public static string OneOf(CsvRecord record, string column, params string[] allowed)
    {
        var text = record.Text(column);
        if (!allowed.Contains(text))
            record.Problem(column, $"one of {string.Join(", ", allowed.Select(a => a.Length == 0 ? "(empty)" : a))} (found '{text}')");
        return text;
    }

    /// <summary>A problem for the second record with a key already seen, naming the line of the first.</summary>
    public static void Unique<TKey>(Dictionary<TKey, int> seen, TKey key, CsvRecord record, string what)
        where TKey : notnull
    {
        if (!seen.TryAdd(key, record.Line))
            record.Problem(what, $"one record per {what}; line {seen[key]} has the same values");
    }

    [GeneratedRegex(@"(?<!\d)(\d{4})-(\d{4})(?!\d)")]
    private static partial Regex FullYears();

    [GeneratedRegex(@"(?<!\d)(\d{2})(\d{2})(?!\d)")]
    private static partial Regex ShortYears();

    [GeneratedRegex("^[0-9]{2}[0-9A-Z]{2}$")]
    private static partial Regex Brin4Pattern();
}
