using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Doorstroom.Storage;

/// <summary>
/// The importers of DUO's open data on voortgezet onderwijs: exam results (<c>vo-examens</c>, both DUO layouts),
/// pupils per vestiging, onderwijstype and leerjaar (<c>vo-leerlingen</c>) and zittenblijvers
/// (<c>vo-zittenblijven</c>). Each parses the whole file first and refuses it on any bad cell.
/// </summary>
public static class DuoVoImporters
{
    /// <summary>
    /// <c>vo-examens</c> into <c>vo_examen</c>: the layout is recognised from the header. The 2019-2024 layout
    /// (UTF-8, quoted, one column triple per school year and geslacht, <c>&lt;5</c> suppression) gives one row per
    /// school year × man/vrouw/totaal; the "07. geslaagden, gezakten en cijfers" layout (Windows-1252, decimal comma,
    /// school year in the file name) gives one <c>totaal</c> row per record.
    /// </summary>
    public static Importer VoExamens { get; } = new TableImporter<DuoVoExamens.Row>(
        "vo-examens",
        "DUO vo exam candidates and passes per vestiging, leerweg, sector and afdeling (layouts 2019-2024 and 07. 2015-2017)",
        [
            "duo-vo-examens/examenkandidaten-en-geslaagden-2019-2024.csv",
            "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2015-2016.csv",
            "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2016-2017.csv",
        ],
        DuoVoExamens.Parse,
        new Upsert("vo_examen",
            ["brin6", "schooljaar", "onderwijstype", "leerweg", "sector", "afdeling", "geslacht"],
            ["brin4", "naam", "gemeente", "provincie", "inspectiecode", "opleidingsnaam", "examenkandidaten", "examenkandidaten_lt5",
             "geslaagden", "geslaagden_lt5", "gezakten", "slaagperc", "cijfer_schoolexamen", "cijfer_centraal_examen", "cijfer_cijferlijst"]),
        row => row);

    /// <summary>
    /// <c>vo-leerlingen</c> into <c>vo_leerlingen</c>: "01. Leerlingen vo per vestiging naar onderwijstype", one row per
    /// record × leerjaar 1–6 × man/vrouw whose count is above 0 (zero cells are not stored; a missing row means 0).
    /// The school year comes from the file name.
    /// </summary>
    public static Importer VoLeerlingen { get; } = new TableImporter<DuoVoLeerlingen.Row>(
        "vo-leerlingen",
        "DUO vo pupils per vestiging, onderwijstype, leerjaar and geslacht (01. leerlingen vo per vestiging, 2016-2018)",
        [
            "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv",
            "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017-2018.csv",
        ],
        DuoVoLeerlingen.Parse,
        new Upsert("vo_leerlingen",
            ["brin6", "schooljaar", "onderwijstype", "lwoo", "elementcode", "leerjaar", "geslacht"],
            ["brin4", "naam", "plaats", "provincie", "leerweg", "sector", "afdeling", "opleidingsnaam", "aantal"]),
        row => row);

    /// <summary>
    /// <c>vo-zittenblijven</c> into <c>vo_zittenblijven</c>: "05. Zittenblijven vo per brin/vestiging", one row per
    /// vestiging and school year (the first year of the file name's <c>1516-tov-1617</c>). The file is in code page 850
    /// (DOS), not Windows-1252: its bytes 0x89, 0x82, 0x96 are ë, é, û.
    /// </summary>
    public static Importer VoZittenblijven { get; } = new TableImporter<DuoVoZittenblijven.Row>(
        "vo-zittenblijven",
        "DUO vo zittenblijvers, afstromers and opstromers per vestiging (05. zittenblijven 1516 t.o.v. 1617)",
        ["duo-vo-leerlingen/05.-zittenblijven-vo-brinvest-1516-tov-1617.csv"],
        DuoVoZittenblijven.Parse,
        new Upsert("vo_zittenblijven",
            ["brin6", "schooljaar"],
            ["brin4", "naam", "plaats", "gemeentenummer", "gemeente", "provincie", "leerlingen", "zittenblijvers", "afstromers",
             "opstromers", "pct_zittenblijvers", "pct_afstromers", "pct_opstromers"]),
        row => row);

    /// <summary>Every DUO vo importer, for the command line's registry.</summary>
    public static ImmutableArray<Importer> All { get; } = [VoExamens, VoLeerlingen, VoZittenblijven];
}

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
            if (int.Parse(m.Groups[2].ValueSpan) == int.Parse(m.Groups[1].ValueSpan) + 1) return short.Parse(m.Groups[1].ValueSpan);
        foreach (Match m in ShortYears().Matches(name))
            if (int.Parse(m.Groups[2].ValueSpan) == int.Parse(m.Groups[1].ValueSpan) + 1) return (short)(2000 + int.Parse(m.Groups[1].ValueSpan));
        return null;
    }

    /// <summary>The problem of a file whose name does not say its school year.</summary>
    public static Parsed<T> NoSchoolYear<T>(string path, string example) =>
        new([], 0, [new Catalogue.Problem(Path.GetFileName(path), null, "",
            $"the school year in the file name, like '{example}' (found none in '{Path.GetFileName(path)}'); rename the file to say which school year it holds")], []);

    /// <summary>A BRIN (4 characters: 2 digits and 2 letters or digits), or a problem.</summary>
    public static string Brin4(CsvRecord record, string column)
    {
        var text = record.Required(column);
        if (text.Length > 0 && !Brin4Pattern().IsMatch(text)) record.Problem(column, $"a BRIN of 2 digits and 2 letters or digits, like 00AH (found '{text}')");
        return text;
    }

    /// <summary>A BRIN6 whose first four characters are the BRIN of the record, or a problem.</summary>
    public static string Brin6(CsvRecord record, string column, string brin4)
    {
        var text = record.Required(column);
        if (text.Length > 0 && (text.Length != 6 || !text.StartsWith(brin4, StringComparison.Ordinal) || !char.IsAsciiDigit(text[4]) || !char.IsAsciiDigit(text[5])))
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
        if (text.Length == 0) return text;
        if (text.Length > width || !text.All(char.IsAsciiDigit))
        {
            record.Problem(column, $"a number of at most {width} digits (found '{text}')");
            return text;
        }

        if (text.Length < width) padded++;
        return text.PadLeft(width, '0');
    }

    /// <summary>A vmbo sector in its canonical spelling, '' when the cell is empty or <paramref name="none"/>, else a problem.</summary>
    public static string Sector(CsvRecord record, string column, string? none = null) => SectorOf(record, column, record.Text(column), none);

    /// <summary>A sector read from part of a cell, with the same rules as <see cref="Sector"/>.</summary>
    public static string SectorOf(CsvRecord record, string column, string text, string? none = null)
    {
        if (text.Length == 0 || text == none) return "";
        if (Sectors.TryGetValue(text.ToLowerInvariant(), out var sector)) return sector;
        record.Problem(column, $"a vmbo sector ({string.Join(", ", Sectors.Keys.Order())}) (found '{text}')");
        return text;
    }

    /// <summary>One of the given values, or a problem that lists them.</summary>
    public static string OneOf(CsvRecord record, string column, params string[] allowed)
    {
        var text = record.Text(column);
        if (!allowed.Contains(text)) record.Problem(column, $"one of {string.Join(", ", allowed.Select(a => a.Length == 0 ? "(empty)" : a))} (found '{text}')");
        return text;
    }

    /// <summary>A problem for the second record with a key already seen, naming the line of the first.</summary>
    public static void Unique<TKey>(Dictionary<TKey, int> seen, TKey key, CsvRecord record, string what) where TKey : notnull
    {
        if (!seen.TryAdd(key, record.Line)) record.Problem(what, $"one record per {what}; line {seen[key]} has the same values");
    }

    [GeneratedRegex(@"(?<!\d)(\d{4})-(\d{4})(?!\d)")]
    private static partial Regex FullYears();

    [GeneratedRegex(@"(?<!\d)(\d{2})(\d{2})(?!\d)")]
    private static partial Regex ShortYears();

    [GeneratedRegex("^[0-9]{2}[0-9A-Z]{2}$")]
    private static partial Regex Brin4Pattern();
}
