using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Doorstroom.Catalogue;

namespace Doorstroom.Storage;

/// <summary>
/// DUO's two layouts of vo exam results, read into one shape: a row per vestiging, school year, programme
/// (onderwijstype, leerweg, sector, afdeling; '' where a part does not apply) and geslacht.
/// <list type="bullet">
/// <item>2019-2024: <c>OPLEIDINGSNAAM</c> like <c>VMBO B - landbouw</c> gives leerweg and sector, <c>HAVO - N&amp;T / N&amp;G</c>
/// gives the profile as afdeling; <c>&lt;5</c> is stored as NULL with a <c>_lt5</c> flag of 1.</item>
/// <item>07. 2015-2017: leerweg, sector and afdeling are columns; the key (vestiging, onderwijstype, leerweg, sector,
/// afdeling) is unique in both files (without onderwijstype it is not: HAVO and VWO share afdelingen), so no
/// aggregation is needed, and a repeated key is refused rather than summed.</item>
/// </list>
/// </summary>
internal static partial class DuoVoExamens
{
    /// <summary>One stored row of <c>vo_examen</c>; property names are the columns without underscores.</summary>
    internal sealed record Row(
        string Brin6,
        short Schooljaar,
        string Onderwijstype,
        string Leerweg,
        string Sector,
        string Afdeling,
        string Geslacht,
        string Brin4,
        string Naam,
        string? Gemeente,
        string? Provincie,
        string? Inspectiecode,
        string? Opleidingsnaam,
        int? Examenkandidaten,
        short ExamenkandidatenLt5,
        int? Geslaagden,
        short GeslaagdenLt5,
        int? Gezakten,
        double? Slaagperc,
        double? CijferSchoolexamen,
        double? CijferCentraalExamen,
        double? CijferCijferlijst
    );

    private static readonly string[] Onderwijstypen = ["VMBO", "HAVO", "VWO"];

    private static readonly ImmutableDictionary<string, string> Leerwegen = new Dictionary<string, string>
    {
        ["VMBO B"] = "BL",
        ["VMBO K"] = "KL",
        ["VMBO G"] = "GL",
        ["VMBO T"] = "TL",
        // Leerwerktraject: a variant of the basisberoepsgerichte leerweg, kept apart so that BL stays what DUO counts as BL.
        ["VMBO LWT"] = "LWT",
    }.ToImmutableDictionary();

    private static readonly string[] Cijfers07 =
    [
        "BRIN NUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM VESTIGING",
        "GEMEENTENAAM VESTIGING",
        "PROVINCIE VESTIGING",
        "ONDERWIJSTYPE VO",
        "LEERWEG VMBO",
        "VMBO SECTOR",
        "AFDELING",
        "EXAMENKANDIDATEN",
        "GESLAAGDEN",
        "GEZAKTEN",
        "GEMIDDELD CIJFER SCHOOLEXAMEN",
        "GEMIDDELD CIJFER CENTRAAL EXAMEN",
        "GEMIDDELD CIJFER CIJFERLIJST",
    ];

    private static readonly string[] Kandidaten2019 =
    [
        "INSTELLINGSCODE",
        "VESTIGINGSCODE",
        "INSTELLINGSNAAM VESTIGING",
        "GEMEENTENAAM",
        "ONDERWIJSTYPE VO",
        "INSPECTIECODE",
        "OPLEIDINGSNAAM",
    ];

    /// <summary>Reads either layout, chosen by the header.</summary>
    public static Parsed<Row> Parse(string path, CancellationToken cancellationToken)
    {
        var header = HeaderOf(path);
        if (header.Contains("VESTIGINGSCODE") && header.Contains("OPLEIDINGSNAAM"))
            return ParseKandidaten(path, header, cancellationToken);
        if (header.Contains("VESTIGINGSNUMMER") && header.Contains("AFDELING"))
            return ParseCijfers(path, cancellationToken);
        return new(
            [],
            0,
            [
                new Problem(
                    Path.GetFileName(path),
                    1,
                    "",
                    "the header of a DUO exam file: either 'examenkandidaten en geslaagden' (INSTELLINGSCODE;VESTIGINGSCODE;…;OPLEIDINGSNAAM;EXAMENKANDIDATEN "
                        + "SCHOOLJAAR …) "
                        + $"or '07. geslaagden, gezakten en cijfers' (BRIN NUMMER;VESTIGINGSNUMMER;…;AFDELING;EXAMENKANDIDATEN;…) (found: "
                        + $"{string.Join(";", header.Take(8))}…)"
                ),
            ],
            []
        );
    }

    /// <summary>The column names of the first line, unquoted; read as Latin-1 since headers are ASCII in every layout.</summary>
    private static ImmutableArray<string> HeaderOf(string path)
    {
        using var reader = new StreamReader(path, Encoding.Latin1);
        var first = reader.ReadLine() ?? "";
        return [.. first.TrimStart('\uFEFF', 'ï', '»', '¿').Split(';').Select(c => c.Trim().Trim('"').Trim())];
    }

    private static Parsed<Row> ParseKandidaten(string path, ImmutableArray<string> header, CancellationToken cancellationToken)
    {
        var periods = header
            .Select(c => KandidatenColumn().Match(c))
            .Where(m => m.Success)
            .Select(m =>
                (
                    Year: short.Parse(m.Groups[1].ValueSpan),
                    Label: $"SCHOOLJAAR {m.Groups[1].Value}-{m.Groups[2].Value} - {m.Groups[3].Value}",
                    Geslacht: m.Groups[3].Value.ToLowerInvariant()
                )
            )
            .ToList();
        if (periods.Count == 0)
            return new(
                [],
                0,
                [
                    new Problem(
                        Path.GetFileName(path),
                        1,
                        "EXAMENKANDIDATEN SCHOOLJAAR …",
                        "columns like 'EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - MAN' (found none)"
                    ),
                ],
                []
            );
        string[] required =
        [
            .. Kandidaten2019,
            .. periods.SelectMany(p => new[] { "EXAMENKANDIDATEN " + p.Label, "GESLAAGDEN " + p.Label, "SLAAGPERC " + p.Label }),
        ];
        var (source, records) = CsvSource.Read(path, CsvSource.StrictUtf8, required, cancellationToken: cancellationToken);

        var rows = ImmutableArray.CreateBuilder<Row>(records.Length * periods.Count);
        var seen = new Dictionary<(string, string), int>();
        var suppressed = 0;
        foreach (var r in records)
        {
            var brin4 = DuoFields.Brin4(r, "INSTELLINGSCODE");
            var brin6 = DuoFields.Brin6(r, "VESTIGINGSCODE", brin4);
            var type = DuoFields.OneOf(r, "ONDERWIJSTYPE VO", Onderwijstypen);
            var opleiding = r.Required("OPLEIDINGSNAAM");
            var (leerweg, sector, afdeling) = Opleiding(r, type, opleiding);
            DuoFields.Unique(seen, (brin6, opleiding), r, "VESTIGINGSCODE and OPLEIDINGSNAAM");
            foreach (var p in periods)
            {
                var kandidaten = r.Count("EXAMENKANDIDATEN " + p.Label);
                var geslaagden = r.Count("GESLAAGDEN " + p.Label);
                suppressed += (kandidaten is null ? 1 : 0) + (geslaagden is null ? 1 : 0);
                rows.Add(
                    new Row(
                        brin6,
                        p.Year,
                        type,
                        leerweg,
                        sector,
                        afdeling,
                        p.Geslacht,
                        brin4,
                        r.Text("INSTELLINGSNAAM VESTIGING"),
                        r.Optional("GEMEENTENAAM"),
                        null,
                        r.Optional("INSPECTIECODE"),
                        opleiding,
                        kandidaten,
                        kandidaten is null ? (short)1 : (short)0,
                        geslaagden,
                        geslaagden is null ? (short)1 : (short)0,
                        null,
                        r.Decimal("SLAAGPERC " + p.Label, '.'),
                        null,
                        null,
                        null
                    )
                );
            }
        }

        var notes =
            suppressed > 0
                ? ImmutableArray.Create($"{suppressed:N0} count cells were '<5' (0 to 4): stored as NULL with examenkandidaten_lt5/geslaagden_lt5 = 1")
                : [];
        return new(rows.ToImmutable(), records.Length, source.Problems, notes);
    }

    /// <summary>
    /// Leerweg, sector and afdeling from an OPLEIDINGSNAAM: <c>VMBO B - landbouw</c> → (BL, landbouw, ''),
    /// <c>VMBO T</c> → (TL, '', ''), <c>HAVO - N&amp;T / N&amp;G</c> → ('', '', N&amp;T / N&amp;G).
    /// </summary>
    private static (string Leerweg, string Sector, string Afdeling) Opleiding(CsvRecord record, string type, string opleiding)
    {
        var dash = opleiding.IndexOf(" - ", StringComparison.Ordinal);
        var (prefix, rest) = dash < 0 ? (opleiding, "") : (opleiding[..dash].Trim(), opleiding[(dash + 3)..].Trim());
        if (type == "VMBO")
        {
            if (Leerwegen.TryGetValue(prefix, out var leerweg))
                return (leerweg, DuoFields.SectorOf(record, "OPLEIDINGSNAAM", rest), "");
            record.Problem("OPLEIDINGSNAAM", $"a vmbo opleiding starting with {string.Join(", ", Leerwegen.Keys.Order())} (found '{opleiding}')");
        }
        else if (prefix != type)
        {
            record.Problem("OPLEIDINGSNAAM", $"an opleiding starting with '{type}', the ONDERWIJSTYPE VO (found '{opleiding}')");
        }

        return ("", "", rest);
    }

    private static Parsed<Row> ParseCijfers(string path, CancellationToken cancellationToken)
    {
        if (DuoFields.SchoolYearFromFileName(path) is not { } year)
            return DuoFields.NoSchoolYear<Row>(path, "07.-geslaagden-gezakten-en-cijfers-2016-2017.csv");
        var (source, records) = CsvSource.Read(path, CsvSource.Windows1252, Cijfers07, cancellationToken: cancellationToken);

        var rows = ImmutableArray.CreateBuilder<Row>(records.Length);
        var seen = new Dictionary<(string, string, string, string, string), int>();
        foreach (var r in records)
        {
            var brin4 = DuoFields.Brin4(r, "BRIN NUMMER");
            var brin6 = DuoFields.Brin6(r, "VESTIGINGSNUMMER", brin4);
            var type = DuoFields.OneOf(r, "ONDERWIJSTYPE VO", Onderwijstypen);
            var leerweg = type == "VMBO" ? DuoFields.OneOf(r, "LEERWEG VMBO", "BL", "KL", "GL", "TL") : DuoFields.OneOf(r, "LEERWEG VMBO", "");
            var sector = DuoFields.Sector(r, "VMBO SECTOR");
            var afdeling = r.Text("AFDELING");
            DuoFields.Unique(seen, (brin6, type, leerweg, sector, afdeling), r, "VESTIGINGSNUMMER, ONDERWIJSTYPE VO, LEERWEG VMBO, VMBO SECTOR and AFDELING");
            rows.Add(
                new Row(
                    brin6,
                    year,
                    type,
                    leerweg,
                    sector,
                    afdeling,
                    "totaal",
                    brin4,
                    r.Text("INSTELLINGSNAAM VESTIGING"),
                    r.Optional("GEMEENTENAAM VESTIGING"),
                    r.Optional("PROVINCIE VESTIGING"),
                    null,
                    null,
                    r.Int("EXAMENKANDIDATEN"),
                    0,
                    r.Int("GESLAAGDEN"),
                    0,
                    r.Int("GEZAKTEN"),
                    null,
                    r.Decimal("GEMIDDELD CIJFER SCHOOLEXAMEN", ','),
                    r.Decimal("GEMIDDELD CIJFER CENTRAAL EXAMEN", ','),
                    r.Decimal("GEMIDDELD CIJFER CIJFERLIJST", ',')
                )
            );
        }

        return new(rows.ToImmutable(), records.Length, source.Problems, [$"school year {year}-{year + 1} taken from the file name"]);
    }

    [GeneratedRegex(@"^EXAMENKANDIDATEN SCHOOLJAAR (\d{4})-(\d{4}) - (MAN|VROUW|TOTAAL)$")]
    private static partial Regex KandidatenColumn();
}
