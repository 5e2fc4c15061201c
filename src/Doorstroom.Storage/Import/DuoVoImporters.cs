using System.Collections.Immutable;

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
    public static Importer VoExamens { get; } =
        new TableImporter<DuoVoExamens.Row>(
            "vo-examens",
            "DUO vo exam candidates and passes per vestiging, leerweg, sector and afdeling (layouts 2019-2024 and 07. 2015-2017)",
            [
                "duo-vo-examens/examenkandidaten-en-geslaagden-2019-2024.csv",
                "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2015-2016.csv",
                "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2016-2017.csv",
            ],
            DuoVoExamens.Parse,
            new Upsert(
                "vo_examen",
                ["brin6", "schooljaar", "onderwijstype", "leerweg", "sector", "afdeling", "geslacht"],
                [
                    "brin4",
                    "naam",
                    "gemeente",
                    "provincie",
                    "inspectiecode",
                    "opleidingsnaam",
                    "examenkandidaten",
                    "examenkandidaten_lt5",
                    "geslaagden",
                    "geslaagden_lt5",
                    "gezakten",
                    "slaagperc",
                    "cijfer_schoolexamen",
                    "cijfer_centraal_examen",
                    "cijfer_cijferlijst",
                ]
            ),
            row => row
        );

    /// <summary>
    /// <c>vo-leerlingen</c> into <c>vo_leerlingen</c>: "01. Leerlingen vo per vestiging naar onderwijstype", one row per
    /// record × leerjaar 1–6 × man/vrouw whose count is above 0 (zero cells are not stored; a missing row means 0).
    /// The school year comes from the file name.
    /// </summary>
    public static Importer VoLeerlingen { get; } =
        new TableImporter<DuoVoLeerlingen.Row>(
            "vo-leerlingen",
            "DUO vo pupils per vestiging, onderwijstype, leerjaar and geslacht (01. leerlingen vo per vestiging, 2016-2018)",
            [
                "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv",
                "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017-2018.csv",
            ],
            DuoVoLeerlingen.Parse,
            new Upsert(
                "vo_leerlingen",
                ["brin6", "schooljaar", "onderwijstype", "lwoo", "elementcode", "leerjaar", "geslacht"],
                ["brin4", "naam", "plaats", "provincie", "leerweg", "sector", "afdeling", "opleidingsnaam", "aantal"]
            ),
            row => row
        );

    /// <summary>
    /// <c>vo-zittenblijven</c> into <c>vo_zittenblijven</c>: "05. Zittenblijven vo per brin/vestiging", one row per
    /// vestiging and school year (the first year of the file name's <c>1516-tov-1617</c>). The file is in code page 850
    /// (DOS), not Windows-1252: its bytes 0x89, 0x82, 0x96 are ë, é, û.
    /// </summary>
    public static Importer VoZittenblijven { get; } =
        new TableImporter<DuoVoZittenblijven.Row>(
            "vo-zittenblijven",
            "DUO vo zittenblijvers, afstromers and opstromers per vestiging (05. zittenblijven 1516 t.o.v. 1617)",
            ["duo-vo-leerlingen/05.-zittenblijven-vo-brinvest-1516-tov-1617.csv"],
            DuoVoZittenblijven.Parse,
            new Upsert(
                "vo_zittenblijven",
                ["brin6", "schooljaar"],
                [
                    "brin4",
                    "naam",
                    "plaats",
                    "gemeentenummer",
                    "gemeente",
                    "provincie",
                    "leerlingen",
                    "zittenblijvers",
                    "afstromers",
                    "opstromers",
                    "pct_zittenblijvers",
                    "pct_afstromers",
                    "pct_opstromers",
                ]
            ),
            row => row
        );

    /// <summary>Every DUO vo importer, for the command line's registry.</summary>
    public static ImmutableArray<Importer> All { get; } = [VoExamens, VoLeerlingen, VoZittenblijven];
}
