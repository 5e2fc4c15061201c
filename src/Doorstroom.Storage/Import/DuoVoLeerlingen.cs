using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Doorstroom.Storage;

/// <summary>
/// "01. Leerlingen vo per vestiging naar onderwijstype": one record per vestiging × onderwijstype/leerjaar-group ×
/// LWOO × elementcode with twelve counts (leerjaar 1–6 × man/vrouw), normalised to one row per count above 0.
/// VESTIGINGSNUMMER (2 digits) and ELEMENTCODE (4 digits) lost their leading zeros in the 2016-17 file; both are padded.
/// </summary>
internal static partial class DuoVoLeerlingen
{
    /// <summary>One stored row of <c>vo_leerlingen</c>.</summary>
    internal sealed record Row(
        string Brin6,
        short Schooljaar,
        string Onderwijstype,
        short Lwoo,
        string Elementcode,
        short Leerjaar,
        string Geslacht,
        string Brin4,
        string Naam,
        string? Plaats,
        string? Provincie,
        string? Leerweg,
        string? Sector,
        string? Afdeling,
        string? Opleidingsnaam,
        int Aantal
    );

    private const string Type = "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR";
    private const string NietVanToepassing = "N.v.t.";

    private static readonly ImmutableArray<(short Leerjaar, string Geslacht, string Column)> Counts =
    [
        .. Enumerable.Range(1, 6).SelectMany(j => new[] { "MAN", "VROUW" }.Select(g => ((short)j, g.ToLowerInvariant(), $"LEER- OF VERBLIJFSJAAR {j} - {g}"))),
    ];

    private static readonly string[] Columns =
    [
        "BRIN NUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM VESTIGING",
        "PLAATSNAAM VESTIGING",
        "PROVINCIE VESTIGING",
        Type,
        "LWOO INDICATIE",
        "VMBO SECTOR",
        "AFDELING",
        "ELEMENTCODE",
        "OPLEIDINGSNAAM",
        .. Counts.Select(c => c.Column),
    ];

    /// <summary>Reads the whole file; the school year comes from its name.</summary>
    public static Parsed<Row> Parse(string path, CancellationToken cancellationToken)
    {
        if (DuoFields.SchoolYearFromFileName(path) is not { } year)
            return DuoFields.NoSchoolYear<Row>(path, "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017-2018.csv");
        var (source, records) = CsvSource.Read(path, CsvSource.Windows1252, Columns, cancellationToken: cancellationToken);

        var rows = ImmutableArray.CreateBuilder<Row>();
        var seen = new Dictionary<(string, string, string, string), int>();
        int zeros = 0,
            paddedVestiging = 0,
            paddedElement = 0;
        foreach (var r in records)
        {
            var brin4 = DuoFields.Brin4(r, "BRIN NUMMER");
            var brin6 = brin4 + DuoFields.Digits(r, "VESTIGINGSNUMMER", 2, ref paddedVestiging);
            var type = r.Required(Type);
            var lwoo = DuoFields.OneOf(r, "LWOO INDICATIE", "J", "N");
            var element = DuoFields.Digits(r, "ELEMENTCODE", 4, ref paddedElement);
            DuoFields.Unique(seen, (brin6, type, lwoo, element), r, $"vestiging, {Type}, LWOO INDICATIE and ELEMENTCODE");
            var leerweg = Bovenbouw().Match(type) is { Success: true } m ? m.Groups[1].Value : null;
            var sector = DuoFields.Sector(r, "VMBO SECTOR", NietVanToepassing);
            var afdeling = r.Text("AFDELING") is var a && a != NietVanToepassing ? a : "";
            foreach (var (leerjaar, geslacht, column) in Counts)
            {
                var aantal = r.Int(column, thousandsDot: true);
                if (aantal == 0)
                {
                    zeros++;
                    continue;
                }

                rows.Add(
                    new Row(
                        brin6,
                        year,
                        type,
                        lwoo == "J" ? (short)1 : (short)0,
                        element,
                        leerjaar,
                        geslacht,
                        brin4,
                        r.Text("INSTELLINGSNAAM VESTIGING"),
                        r.Optional("PLAATSNAAM VESTIGING"),
                        r.Optional("PROVINCIE VESTIGING"),
                        leerweg,
                        Empty(sector),
                        Empty(afdeling),
                        r.Optional("OPLEIDINGSNAAM"),
                        aantal
                    )
                );
            }
        }

        List<string> notes = [$"school year {year}-{year + 1} taken from the file name", $"{zeros:N0} count cells of 0 not stored (no row means 0)"];
        if (paddedVestiging > 0)
            notes.Add($"{paddedVestiging:N0} VESTIGINGSNUMMER values had lost their leading zero and were padded to 2 digits");
        if (paddedElement > 0)
            notes.Add($"{paddedElement:N0} ELEMENTCODE values had lost leading zeros and were padded to 4 digits");
        return new(rows.ToImmutable(), records.Length, source.Problems, [.. notes]);
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"^VMBO (BL|KL|GL|TL) lj")]
    private static partial Regex Bovenbouw();
}
