using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>
/// "05. Zittenblijven vo per brin/vestiging 1516 t.o.v. 1617": per vestiging the pupils of the first school year and how
/// many of them repeated a year, moved down or moved up in the next. Quirks: VESTIGINGSNUMMER and GEMEENTENUMMER lost
/// their leading zeros, TOTAAL LEERLINGEN has a thousands dot, percentages a decimal comma, and the text is code page 850.
/// </summary>
internal static class DuoVoZittenblijven
{
    /// <summary>One stored row of <c>vo_zittenblijven</c>.</summary>
    internal sealed record Row(
        string Brin6,
        short Schooljaar,
        string Brin4,
        string Naam,
        string? Plaats,
        string? Gemeentenummer,
        string? Gemeente,
        string? Provincie,
        int Leerlingen,
        int Zittenblijvers,
        int Afstromers,
        int Opstromers,
        double? PctZittenblijvers,
        double? PctAfstromers,
        double? PctOpstromers
    );

    private static readonly string[] Columns =
    [
        "BRINNUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM VESTIGING",
        "PLAATSNAAM VESTIGING",
        "GEMEENTENUMMER VESTIGING",
        "GEMEENTENAAM VESTIGING",
        "PROVINCIE VESTIGING",
        "TOTAAL LEERLINGEN",
        "AANTAL ZITTENBLIJVERS",
        "AANTAL AFSTROMERS",
        "AANTAL OPSTROMERS",
        "PERCENTAGE ZITTENBLIJVERS",
        "PERCENTAGE AFSTROMERS",
        "PERCENTAGE OPSTROMERS",
    ];

    /// <summary>Reads the whole file; the school year is the first of the file name's <c>1516-tov-1617</c>.</summary>
    public static Parsed<Row> Parse(string path, CancellationToken cancellationToken)
    {
        if (DuoFields.SchoolYearFromFileName(path) is not { } year)
            return DuoFields.NoSchoolYear<Row>(path, "05.-zittenblijven-vo-brinvest-1516-tov-1617.csv");
        var (source, records) = CsvSource.Read(path, DuoFields.Dos850, Columns, cancellationToken: cancellationToken);

        var rows = ImmutableArray.CreateBuilder<Row>(records.Length);
        var seen = new Dictionary<string, int>();
        int paddedVestiging = 0,
            paddedGemeente = 0;
        foreach (var r in records)
        {
            var brin4 = DuoFields.Brin4(r, "BRINNUMMER");
            var brin6 = brin4 + DuoFields.Digits(r, "VESTIGINGSNUMMER", 2, ref paddedVestiging);
            DuoFields.Unique(seen, brin6, r, "BRINNUMMER and VESTIGINGSNUMMER");
            rows.Add(
                new Row(
                    brin6,
                    year,
                    brin4,
                    r.Text("INSTELLINGSNAAM VESTIGING"),
                    r.Optional("PLAATSNAAM VESTIGING"),
                    DuoFields.Digits(r, "GEMEENTENUMMER VESTIGING", 4, ref paddedGemeente),
                    r.Optional("GEMEENTENAAM VESTIGING"),
                    r.Optional("PROVINCIE VESTIGING"),
                    r.Int("TOTAAL LEERLINGEN", thousandsDot: true),
                    r.Int("AANTAL ZITTENBLIJVERS", thousandsDot: true),
                    r.Int("AANTAL AFSTROMERS", thousandsDot: true),
                    r.Int("AANTAL OPSTROMERS", thousandsDot: true),
                    r.Decimal("PERCENTAGE ZITTENBLIJVERS", ','),
                    r.Decimal("PERCENTAGE AFSTROMERS", ','),
                    r.Decimal("PERCENTAGE OPSTROMERS", ',')
                )
            );
        }

        return new(
            rows.ToImmutable(),
            records.Length,
            source.Problems,
            [
                $"school year {year}-{year + 1} taken from the file name",
                $"{paddedVestiging:N0} VESTIGINGSNUMMER and {paddedGemeente:N0} GEMEENTENUMMER values had lost leading zeros and were padded",
            ]
        );
    }
}
