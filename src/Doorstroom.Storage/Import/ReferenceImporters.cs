using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The importers of institutions and qualifications: vo vestigingen, mbo institutions and locations, kwalificaties, RMC regions.</summary>
public static class ReferenceImporters
{
    /// <summary>DUO's po/so types in the schools file; everything else is a vo onderwijsstructuur.</summary>
    private static readonly ImmutableHashSet<string> PoTypes = ["basisschool", "SBAO", "(V)SO", "SO", "VSO"];

    /// <summary>The parts a vo onderwijsstructuur is made of (joined by '/').</summary>
    private static readonly ImmutableHashSet<string> VoParts = ["VBO", "MAVO", "HAVO", "VWO", "PRO", "BRUGJAAR"];

    /// <summary><c>vo-vestigingen</c>: the vo features of DUO's schools GeoJSON.</summary>
    public static Importer VoVestigingen { get; } =
        new TableImporter<VoVestiging>(
            "vo-vestigingen",
            "vo vestigingen (BRIN6, onderwijsstructuur, address, pupils) from DUO's schools GeoJSON",
            ["duo-vo-vestigingen/scholen20241122.geo.json"],
            ParseVestigingen,
            new Upsert(
                "vo_vestiging",
                ["brin6"],
                [
                    "brin4",
                    "naam",
                    "onderwijsstructuur",
                    "denominatie",
                    "internetadres",
                    "straat",
                    "huisnummer",
                    "postcode",
                    "plaats",
                    "gemeente",
                    "provincie",
                    "onderwijsgebied",
                    "leerlingen",
                    "lon",
                    "lat",
                ]
            ),
            v => new
            {
                brin6 = v.Brin6,
                brin4 = v.Brin4,
                naam = v.Naam,
                onderwijsstructuur = v.Onderwijsstructuur,
                denominatie = v.Denominatie,
                internetadres = v.Internetadres,
                straat = v.Straat,
                huisnummer = v.Huisnummer,
                postcode = v.Postcode,
                plaats = v.Plaats,
                gemeente = v.Gemeente,
                provincie = v.Provincie,
                onderwijsgebied = v.Onderwijsgebied,
                leerlingen = v.Leerlingen,
                lon = v.Lon,
                lat = v.Lat,
            }
        );

    /// <summary><c>mbo-instellingen</c>: KiesMBO institutions; AOCs recognised from the catalogue's list.</summary>
    public static Importer MboInstellingen { get; } =
        new TableImporter<MboInstelling>(
            "mbo-instellingen",
            "mbo institutions (BRIN4, name, KiesMBO code; AOCs recognised) from KiesMBO",
            ["mbo-instellingen/kiesmbo-instellingen-2025-02.csv"],
            ParseInstellingen,
            new Upsert("mbo_instelling", ["brin4"], ["naam", "kiesmbo_code", "soort", "website", "aoc"]),
            i => new
            {
                brin4 = i.Brin4,
                naam = i.Naam,
                kiesmbo_code = i.KiesmboCode,
                soort = i.Soort,
                website = i.Website,
                aoc = i.Aoc,
            }
        );

    /// <summary><c>mbo-locaties</c>: KiesMBO locations (BRIN6).</summary>
    public static Importer MboLocaties { get; } =
        new TableImporter<MboLocatie>(
            "mbo-locaties",
            "mbo locations (BRIN6, address) from KiesMBO",
            ["mbo-instellingen/kiesmbo-locaties-2025-02.csv"],
            ParseLocaties,
            new Upsert("mbo_locatie", ["brin6"], ["brin4", "naam", "straat", "postcode", "plaats", "land", "url"]),
            l => new
            {
                brin6 = l.Brin6,
                brin4 = l.Brin4,
                naam = l.Naam,
                straat = l.Straat,
                postcode = l.Postcode,
                plaats = l.Plaats,
                land = l.Land,
                url = l.Url,
            }
        );

    /// <summary><c>kwalificaties</c>: the 2015 kwalificatiestructuur (Bijlage 1), read by the catalogue's loader.</summary>
    public static Importer Kwalificaties { get; } =
        new TableImporter<KwalificatieRow>(
            "kwalificaties",
            "mbo kwalificaties (crebo, niveau, leerweg, dossier, domein) of the 2015 kwalificatiestructuur",
            [QualificationLoader.RelativePath],
            ParseKwalificaties,
            new Upsert("kwalificatie", ["crebo"], ["naam", "niveau", "leerwegen", "soort", "dossier_crebo", "kwalificatiedossier", "domein", "domein_crebo"]),
            k => new
            {
                crebo = k.Crebo,
                naam = k.Naam,
                niveau = k.Niveau,
                leerwegen = k.Leerwegen,
                soort = k.Soort,
                dossier_crebo = k.DossierCrebo,
                kwalificatiedossier = k.Kwalificatiedossier,
                domein = k.Domein,
                domein_crebo = k.DomeinCrebo,
            }
        );

    /// <summary><c>rmc-regios</c>: the 39 RMC regions and their gemeenten (2015).</summary>
    public static Importer RmcRegios { get; } =
        new TableImporter<RmcGemeente>(
            "rmc-regios",
            "the 39 RMC regions and their gemeenten (Regeling regionale aanpak vsv, bijlage C, 2015)",
            ["vsv-rmc/rmc-regios-2015-bijlage-c.csv"],
            ParseRmc,
            new Upsert("rmc_gemeente", ["gemeente"], ["regio_nr", "regio"]),
            r => new
            {
                gemeente = r.Gemeente,
                regio_nr = r.RegioNr,
                regio = r.Regio,
            }
        );

    /// <summary><c>vsv-normen</c>: DUO's yearly vsv norm per mbo niveau.</summary>
    public static Importer VsvNormen { get; } =
        new TableImporter<VsvNorm>(
            "vsv-normen",
            "the yearly DUO vsv norm per mbo niveau (percentage × 1000), teljaar 2016-2017 onwards",
            ["vsv-rmc/VSV_normen.csv"],
            ParseVsvNormen,
            new Upsert("vsv_norm", ["teljaar", "niveau"], ["norm"]),
            n => new
            {
                teljaar = n.Teljaar,
                niveau = n.Niveau,
                norm = n.Norm,
            }
        );

    /// <summary>All of them, in the order a fresh store is best filled.</summary>
    public static ImmutableArray<Importer> All { get; } = [VoVestigingen, MboInstellingen, MboLocaties, Kwalificaties, RmcRegios, VsvNormen];

    private static Parsed<VoVestiging> ParseVestigingen(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return new([], 0, [new Problem(name, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "", "valid JSON: " + e.Message)], []);
        }

        using (document)
        {
            var lines = JsonLines.Map(bytes);
            var problems = new List<Problem>();
            void Problem(string pointer, string field, string message) => problems.Add(new Problem(name, JsonLines.LineFor(lines, pointer), field, message));

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return new([], 0, [new Problem(name, 1, "features", "a GeoJSON FeatureCollection with a 'features' array")], []);

            var byCode = new Dictionary<string, (VoVestiging Row, int Index)>(StringComparer.Ordinal);
            var order = new List<string>();
            long records = 0,
                all = 0,
                repeated = 0;
            var index = -1;
            foreach (var feature in features.EnumerateArray())
            {
                cancellationToken.ThrowIfCancellationRequested();
                index++;
                all++;
                var pointer = $"/features/{index}";
                if (!feature.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
                {
                    Problem(pointer, "properties", "a feature with a 'properties' object");
                    continue;
                }

                var type = Text(p, "type");
                if (type is null)
                {
                    Problem(pointer + "/properties", "type", "an onderwijsstructuur or po/so type");
                    continue;
                }

                if (PoTypes.Contains(type))
                    continue;
                records++;
                if (!type.Split('/').All(VoParts.Contains))
                    Problem(
                        pointer + "/properties/type",
                        "type",
                        $"a vo onderwijsstructuur made of {string.Join(", ", VoParts.Order())} joined by '/' " + $"(found '{type}')"
                    );
                var code = Text(p, "vestigingscode") ?? "";
                if (!EventShapes.IsBrin6(code))
                {
                    Problem(pointer + "/properties/vestigingscode", "vestigingscode", $"a BRIN6 code such as 00AH00 (found '{code}')");
                    continue;
                }

                var brin4 = Text(p, "brin_nummer") ?? code[..4];
                if (brin4 != code[..4])
                    Problem(pointer + "/properties/brin_nummer", "brin_nummer", $"the first four characters of vestigingscode {code} (found '{brin4}')");
                var naam = Text(p, "naam");
                if (naam is null)
                    Problem(pointer + "/properties/naam", "naam", "a name");
                int? leerlingen = null;
                if (p.TryGetProperty("leerlingen", out var ll) && ll.ValueKind != JsonValueKind.Null)
                {
                    if (ll.ValueKind == JsonValueKind.Number && ll.TryGetInt32(out var n) && n >= 0)
                        leerlingen = n;
                    else
                        Problem(pointer + "/properties/leerlingen", "leerlingen", "a whole number of pupils or null");
                }

                double? lon = null,
                    lat = null;
                if (
                    feature.TryGetProperty("geometry", out var g)
                    && g.ValueKind == JsonValueKind.Object
                    && g.TryGetProperty("coordinates", out var c)
                    && c.ValueKind == JsonValueKind.Array
                    && c.GetArrayLength() >= 2
                    && c[0].ValueKind == JsonValueKind.Number
                    && c[1].ValueKind == JsonValueKind.Number
                )
                {
                    lon = c[0].GetDouble();
                    lat = c[1].GetDouble();
                }

                var huisnummer = string.Concat(
                    Text(p, "huisnummer") ?? "",
                    Text(p, "huisletter") ?? "",
                    Text(p, "huisnummertoevoeging") is { } t ? "-" + t : ""
                );
                var row = new VoVestiging(
                    code,
                    code[..4],
                    naam ?? "",
                    type,
                    Text(p, "denominatie"),
                    Text(p, "internetadres"),
                    Text(p, "straat"),
                    huisnummer.Length > 0 ? huisnummer : null,
                    Text(p, "postcode"),
                    Text(p, "plaats"),
                    Text(p, "gemeente"),
                    Text(p, "provincie"),
                    Text(p, "onderwijsgebied"),
                    leerlingen,
                    lon,
                    lat
                );
                if (byCode.TryGetValue(code, out var earlier))
                {
                    repeated++;
                    // The BAG join repeats some vestigingen once per house number of an address range (DUO's "2-4"):
                    // same vestiging, second address point a few metres away; the first is kept. Repeated with any
                    // other property different, the file contradicts itself.
                    if (earlier.Row with { Huisnummer = null, Lon = null, Lat = null } != row with { Huisnummer = null, Lon = null, Lat = null })
                        Problem(
                            pointer,
                            "vestigingscode",
                            $"vestigingscode {code} only once, or repeated with only another house number (it differs from "
                                + $"line {JsonLines.LineFor(lines, $"/features/{earlier.Index}")})"
                        );
                    continue;
                }

                byCode[code] = (row, index);
                order.Add(code);
            }

            ImmutableArray<string> notes =
            [
                $"{all:N0} features, of which {records:N0} vo and {all - records:N0} po/so (skipped)",
                .. repeated > 0
                    ?
                    [
                        $"{repeated} vo features repeat an earlier vestigingscode at another house number of the same address (BAG); each "
                            + $"vestiging is stored once, at its first address",
                    ]
                    : Array.Empty<string>(),
            ];
            return new([.. order.Select(c => byCode[c].Row)], records, [.. problems], notes);
        }
    }

    private static string? Text(JsonElement properties, string name)
    {
        if (!properties.TryGetProperty(name, out var value))
            return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static ImmutableHashSet<string> AocBrins()
    {
        var file = Path.Combine(DataPaths.DefaultCatalogue(), "aocs.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        return document.RootElement.GetProperty("aocs").EnumerateArray().Select(a => a.GetProperty("brin4").GetString()!).ToImmutableHashSet();
    }

    private static Parsed<MboInstelling> ParseInstellingen(string path, CancellationToken cancellationToken)
    {
        var (source, records) = CsvSource.Read(
            path,
            CsvSource.StrictUtf8,
            ["brin", "naam", "kiesmbo_code", "type", "website", "aantal_locaties", "locaties_brinvest"],
            cancellationToken: cancellationToken
        );
        var aocs = AocBrins();
        var rows = new List<MboInstelling>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var brin = r.Required("brin");
            if (brin.Length > 0 && !IsBrin4(brin))
                r.Problem("brin", $"a BRIN4 code such as 25GV (found '{brin}')");
            if (!seen.TryAdd(brin, r.Line))
                r.Problem("brin", $"each institution once ({brin} is also on line {seen[brin]})");
            var locaties = r.Text("locaties_brinvest").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var aantal = r.Int("aantal_locaties");
            if (aantal != locaties.Length)
                r.Problem("aantal_locaties", $"the number of codes in locaties_brinvest ({locaties.Length}), found {aantal}");
            foreach (var l in locaties.Where(l => !EventShapes.IsBrin6(l) || !l.StartsWith(brin, StringComparison.Ordinal)))
                r.Problem("locaties_brinvest", $"BRIN6 codes of this institution ({brin}xx), found '{l}'");
            rows.Add(
                new MboInstelling(brin, r.Required("naam"), r.Optional("kiesmbo_code"), r.Optional("type"), r.Optional("website"), aocs.Contains(brin) ? 1 : 0)
            );
        }

        return new([.. rows], records.Length, source.Problems, [$"{rows.Count(i => i.Aoc == 1)} AOCs recognised (catalogue aocs.json)"]);
    }

    private static Parsed<MboLocatie> ParseLocaties(string path, CancellationToken cancellationToken)
    {
        var (source, records) = CsvSource.Read(
            path,
            CsvSource.StrictUtf8,
            ["brinvest", "brin", "naam", "straat", "postcode", "plaats", "land", "url"],
            cancellationToken: cancellationToken
        );
        var rows = new List<MboLocatie>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var code = r.Required("brinvest");
            if (code.Length > 0 && !EventShapes.IsBrin6(code))
                r.Problem("brinvest", $"a BRIN6 code such as 25GV01 (found '{code}')");
            else if (code.Length > 0 && r.Text("brin") != code[..4])
                r.Problem("brin", $"the first four characters of brinvest {code} (found " + $"'{r.Text("brin")}')");
            if (!seen.TryAdd(code, r.Line))
                r.Problem("brinvest", $"each location once ({code} is also on line {seen[code]})");
            rows.Add(
                new MboLocatie(
                    code,
                    r.Text("brin"),
                    r.Required("naam"),
                    r.Optional("straat"),
                    r.Optional("postcode"),
                    r.Optional("plaats"),
                    r.Optional("land"),
                    r.Optional("url")
                )
            );
        }

        return new([.. rows], records.Length, source.Problems, []);
    }

    private static Parsed<KwalificatieRow> ParseKwalificaties(string path, CancellationToken cancellationToken)
    {
        var load = QualificationLoader.Load(path);
        if (!load.Ok)
            return new([], 0, load.Problems, []);
        var rows = load
            .Qualifications.Select(q => new KwalificatieRow(
                int.Parse(q.Crebo, CultureInfo.InvariantCulture),
                q.Name,
                q.Level == MboLevel.Specialist ? 4 : (int)q.Level,
                string.Join("/", q.Leerwegen.Select(l => l.ToString().ToUpperInvariant())),
                QualificationLoader.SoortOf(q.Level),
                int.TryParse(q.DossierCrebo, CultureInfo.InvariantCulture, out var d) ? d : null,
                q.Dossier,
                q.Domain,
                int.TryParse(q.DomainCrebo, CultureInfo.InvariantCulture, out var dc) ? dc : null
            ))
            .ToImmutableArray();
        return new(rows, rows.Length, [], []);
    }

    private static Parsed<RmcGemeente> ParseRmc(string path, CancellationToken cancellationToken)
    {
        var (source, records) = CsvSource.Read(path, CsvSource.StrictUtf8, ["rmc_regio_nr", "rmc_regio", "gemeente"], cancellationToken: cancellationToken);
        var rows = new List<RmcGemeente>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var nr = r.Int("rmc_regio_nr");
            if (nr is < 1 or > 39)
                r.Problem("rmc_regio_nr", $"an RMC region number from 1 to 39 (found {nr})");
            var gemeente = r.Required("gemeente");
            if (!seen.TryAdd(gemeente, r.Line))
                r.Problem("gemeente", $"each gemeente in one region ({gemeente} is also on line {seen[gemeente]})");
            rows.Add(new RmcGemeente(gemeente, nr, r.Required("rmc_regio")));
        }

        return new([.. rows], records.Length, source.Problems, [$"{rows.Select(r => r.RegioNr).Distinct().Count()} regions"]);
    }

    private static Parsed<VsvNorm> ParseVsvNormen(string path, CancellationToken cancellationToken)
    {
        var (source, records) = CsvSource.Read(path, CsvSource.StrictUtf8, ["Teljaar", "NormDUOVSV", "Niveau"], cancellationToken: cancellationToken);
        var rows = new List<VsvNorm>();
        var seen = new Dictionary<(int, int), int>();
        var empty = 0;
        foreach (var r in records)
        {
            // Each year carries a 'NULL;NULL' row in the source: no norm, no niveau. It is skipped; half of it is an error.
            if (r.Text("NormDUOVSV") == "NULL" && r.Text("Niveau") == "NULL")
            {
                empty++;
                continue;
            }

            var teljaar = r.Text("Teljaar");
            var year =
                teljaar.Length == 9
                && teljaar[4] == '-'
                && int.TryParse(teljaar[..4], CultureInfo.InvariantCulture, out var from)
                && int.TryParse(teljaar[5..], CultureInfo.InvariantCulture, out var to)
                && to == from + 1
                    ? from
                    : 0;
            if (year == 0)
                r.Problem("Teljaar", $"a count year such as 2016-2017 (found '{teljaar}')");
            var niveau = r.Int("Niveau");
            if (niveau is < 1 or > 4)
                r.Problem("Niveau", $"an mbo niveau from 1 to 4 (found {niveau})");
            var norm = r.Int("NormDUOVSV");
            if (norm > 100_000)
                r.Problem("NormDUOVSV", $"a percentage × 1000, at most 100000 (found {norm})");
            if (!seen.TryAdd((year, niveau), r.Line))
                r.Problem("Niveau", $"one norm per year and niveau ({teljaar} niveau {niveau} is also on line " + $"{seen[(year, niveau)]})");
            rows.Add(new VsvNorm(year, niveau, norm));
        }

        return new(
            [.. rows],
            records.Length,
            source.Problems,
            [$"{empty} 'NULL;NULL' rows without a norm skipped", "NormDUOVSV is a percentage × 1000 (23500 = 23.5 %), as PROVENANCE.md reads it"]
        );
    }

    private static bool IsBrin4(string code) =>
        code.Length == 4
        && char.IsAsciiDigit(code[0])
        && char.IsAsciiDigit(code[1])
        && char.IsAsciiLetterOrDigit(code[2])
        && char.IsAsciiLetterOrDigit(code[3]);
}
