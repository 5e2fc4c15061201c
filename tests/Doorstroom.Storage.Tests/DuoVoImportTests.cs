using System.Text;
using Dapper;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// The DUO vo importers on both stores: the real files give PROVENANCE.md's record counts and national totals out of
/// SQL, a second import is a no-op, a bad cell refuses the whole file, and each quirk is read from a tiny synthetic file.
/// </summary>
public sealed class DuoVoImportTests
{
    private const string Kandidaten = "duo-vo-examens/examenkandidaten-en-geslaagden-2019-2024.csv";
    private const string Cijfers1516 = "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2015-2016.csv";
    private const string Cijfers1617 = "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2016-2017.csv";
    private const string Leerlingen1617 = "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv";
    private const string Leerlingen1718 = "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017-2018.csv";
    private const string Zittenblijven = "duo-vo-leerlingen/05.-zittenblijven-vo-brinvest-1516-tov-1617.csv";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ImportOutcome Import(Importer importer, TestStore store, string path, bool force = false) =>
        importer.Run(store.Database, path, TimeProvider.System, force: force, cancellationToken: Token);

    private static Imported Imports(Importer importer, TestStore store, string path)
    {
        var outcome = Import(importer, store, path);
        return Assert.IsType<Imported>(outcome, exactMatch: true);
    }

    /// <summary>The one problem of an exam file that must be refused.</summary>
    private static Catalogue.Problem RefusedExam(TestStore store, string path) =>
        Assert.Single(Assert.IsType<Refused>(Import(DuoVoImporters.VoExamens, store, path)).Problems);

    private static T Scalar<T>(TestStore store, string sql, object? parameters = null)
    {
        using var connection = store.Database.ConnectMigrated();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>A new store into which the real files were imported, each with the record count PROVENANCE.md gives.</summary>
    private static TestStore StoreWith(StoreKind kind, Importer importer, params (string File, long Records)[] files)
    {
        var paths = files.Select(f => RealData.File(f.File)).ToList(); // skips before a store is made
        var store = TestStore.Create(kind);
        foreach (var (path, (_, records)) in paths.Zip(files))
            Assert.Equal(records, Imports(importer, store, path).Records);
        return store;
    }

    // ---- real files --------------------------------------------------------------------------------------------

    [Theory, ClassData(typeof(BothStores))]
    public void The_07_exam_files_give_the_national_candidate_totals_of_PROVENANCE(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoExamens, (Cijfers1516, 10_435), (Cijfers1617, 10_425));

        using var connection = store.Database.ConnectMigrated();
        var totals = connection
            .Query<(int Jaar, string Groep, long Kandidaten)>(
                """
                SELECT schooljaar, CASE WHEN leerweg = '' THEN onderwijstype ELSE leerweg END, SUM(examenkandidaten)
                FROM vo_examen WHERE geslacht = 'totaal' GROUP BY schooljaar, CASE WHEN leerweg = '' THEN onderwijstype ELSE leerweg END
                """
            )
            .ToDictionary(t => $"{t.Jaar} {t.Groep}", t => t.Kandidaten);
        var expected = new Dictionary<string, long>
        {
            ["2015 BL"] = 20_944,
            ["2015 KL"] = 29_377,
            ["2015 GL"] = 6_986,
            ["2015 TL"] = 50_709,
            ["2015 HAVO"] = 54_268,
            ["2015 VWO"] = 35_828,
            ["2016 BL"] = 20_818,
            ["2016 KL"] = 29_684,
            ["2016 GL"] = 7_143,
            ["2016 TL"] = 51_382,
            ["2016 HAVO"] = 53_974,
            ["2016 VWO"] = 37_892,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), totals.OrderBy(t => t.Key));
        Assert.Equal(10_435 + 10_425, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_examen"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_2019_2024_exam_file_keeps_its_suppressed_cells_as_flagged_rows(StoreKind kind)
    {
        var file = RealData.File(Kandidaten);
        using var store = TestStore.Create(kind);
        var imported = Imports(DuoVoImporters.VoExamens, store, file);
        Assert.Equal(12_782, imported.Records);
        Assert.Equal(12_782 * 5 * 3, imported.Stored);

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(1_236, connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT brin6) FROM vo_examen"));
        Assert.Equal(
            2_338,
            connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM vo_examen WHERE schooljaar = 2023 AND geslacht = 'totaal' AND examenkandidaten_lt5 = 1 AND examenkandidaten IS NULL"
            )
        );
        // A suppressed cell is never an invented 0, and a flag is only set on a NULL.
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_examen WHERE (examenkandidaten_lt5 = 1) <> (examenkandidaten IS NULL)"));
        Assert.Equal(
            ["BL", "GL", "KL", "LWT", "TL"],
            connection.Query<string>("SELECT DISTINCT leerweg FROM vo_examen WHERE onderwijstype = 'VMBO' ORDER BY " + "leerweg")
        );
        Assert.Equal(
            ["", "economie", "landbouw", "techniek", "zorg en welzijn"],
            connection.Query<string>("SELECT DISTINCT sector FROM vo_examen ORDER BY sector")
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_leerlingen_files_give_the_pupil_totals_of_PROVENANCE(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoLeerlingen, (Leerlingen1617, 28_362), (Leerlingen1718, 25_172));

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(
            [(2016, 1_002_338L, 1_457L), (2017, 992_195L, 1_462L)],
            connection.Query<(int, long, long)>(
                "SELECT schooljaar, SUM(aantal), COUNT(DISTINCT brin6) FROM vo_leerlingen GROUP BY schooljaar ORDER BY schooljaar"
            )
        );
        Assert.Equal(
            [("BL", 39_837L), ("GL", 29_028L), ("KL", 60_266L), ("TL", 86_057L)],
            connection.Query<(string, long)>(
                "SELECT leerweg, SUM(aantal) FROM vo_leerlingen WHERE schooljaar = 2017 AND leerweg IS NOT NULL GROUP BY leerweg ORDER BY leerweg"
            )
        );
        // Those are exactly the 'VMBO xL lj 3-4' rows.
        Assert.Equal(
            39_837,
            connection.ExecuteScalar<long>("SELECT SUM(aantal) FROM vo_leerlingen WHERE schooljaar = 2017 AND onderwijstype = 'VMBO BL lj " + "3-4'")
        );
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_leerlingen WHERE aantal <= 0"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_zittenblijven_file_imports_every_vestiging_with_its_codes_padded(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoZittenblijven, (Zittenblijven, 1_297));

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(1_297, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_zittenblijven WHERE schooljaar = 2015"));
        var row = connection.QuerySingle<(string Gemeente, int Leerlingen, int Zitten, double Pct)>(
            "SELECT gemeentenummer, leerlingen, zittenblijvers, pct_zittenblijvers FROM vo_zittenblijven WHERE brin6 = '00AH00'"
        );
        Assert.Equal(("0153", 1_001, 84, 8.39), row);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_zittenblijven WHERE LENGTH(brin6) <> 6 OR LENGTH(gemeentenummer) <> 4"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_zittenblijven WHERE naam LIKE '%Mariëndael%'"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Importing_a_real_file_twice_is_a_no_op_and_forcing_it_changes_nothing(StoreKind kind)
    {
        var cases = new[]
        {
            (DuoVoImporters.VoExamens, RealData.File(Cijfers1617), "vo_examen"),
            (DuoVoImporters.VoLeerlingen, RealData.File(Leerlingen1718), "vo_leerlingen"),
            (DuoVoImporters.VoZittenblijven, RealData.File(Zittenblijven), "vo_zittenblijven"),
        };
        using var store = TestStore.Create(kind);
        foreach (var (importer, file, table) in cases)
        {
            var first = Imports(importer, store, file);
            Assert.Equal(first.Stored, first.Changed);
            var rows = Scalar<long>(store, $"SELECT COUNT(*) FROM {table}");

            var again = Assert.IsType<AlreadyImported>(Import(importer, store, file));
            Assert.Equal(first.Records, again.Records);

            var forced = Assert.IsType<Imported>(Import(importer, store, file, force: true));
            Assert.Equal(0, forced.Changed);
            Assert.Equal(rows, Scalar<long>(store, $"SELECT COUNT(*) FROM {table}"));
            Assert.Equal(1, Scalar<long>(store, "SELECT COUNT(*) FROM import_log WHERE kind = @kind", new { kind = importer.Kind }));
        }
    }

    // ---- refusals ----------------------------------------------------------------------------------------------

    [Theory, ClassData(typeof(BothStores))]
    public void A_file_with_one_bad_count_is_refused_naming_file_line_and_column_and_the_store_is_unchanged(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        Imports(DuoVoImporters.VoExamens, store, files.Kandidaten("good.csv", Synthetic.KandidatenRows(4)));
        var before = Counts(store);

        var rows = Synthetic.KandidatenRows(4);
        rows[2][7] = "abc"; // EXAMENKANDIDATEN SCHOOLJAAR 2022-2023 - MAN on the 3rd data row, line 4
        var problem = RefusedExam(store, files.Kandidaten("bad.csv", rows));
        Assert.Equal(("bad.csv", 4, "EXAMENKANDIDATEN SCHOOLJAAR 2022-2023 - MAN"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("a count or '<5' (found 'abc')", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, Counts(store));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_Windows_1252_file_in_the_UTF8_layout_is_refused_at_the_line_and_column_of_its_first_bad_byte(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var rows = Synthetic.KandidatenRows(3);
        rows[1][2] = "Scholengemeenschap Mariëndael";
        var problem = RefusedExam(store, files.Kandidaten("latin.csv", rows, CsvSource.Windows1252));
        Assert.Equal(("latin.csv", 3, "INSTELLINGSNAAM VESTIGING"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("0xEB", problem.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), Counts(store));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_file_of_neither_exam_layout_is_refused_at_its_header(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var problem = RefusedExam(store, files.Write("other.csv", "A;B;C\r\n1;2;3\r\n", Encoding.UTF8));
        Assert.Equal(1, problem.Line);
        Assert.Contains("the header of a DUO exam file", problem.Message, StringComparison.Ordinal);
    }

    // ---- quirks, on tiny synthetic files -----------------------------------------------------------------------

    [Theory, ClassData(typeof(BothStores))]
    public void A_suppressed_count_is_stored_as_null_with_a_flag_and_never_as_zero(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var rows = Synthetic.KandidatenRows(1);
        rows[0][13] = "<5"; // EXAMENKANDIDATEN SCHOOLJAAR 2022-2023 - TOTAAL
        rows[0][14] = "<5";
        var imported = Imports(DuoVoImporters.VoExamens, store, files.Kandidaten("lt5.csv", rows));
        Assert.Contains(imported.Notes, n => n.StartsWith("2 count cells were '<5'", StringComparison.Ordinal));

        using var connection = store.Database.ConnectMigrated();
        var cell = connection.QuerySingle<(int? Kandidaten, int KandidatenLt5, int? Geslaagden, int GeslaagdenLt5, double Perc)>(
            "SELECT examenkandidaten, examenkandidaten_lt5, geslaagden, geslaagden_lt5, slaagperc FROM vo_examen WHERE schooljaar = 2022 AND geslacht = "
                + "'totaal'"
        );
        Assert.Equal((null, 1, null, 1, 87.5), cell);
        Assert.Equal(
            0,
            connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM vo_examen WHERE NOT (schooljaar = 2022 AND geslacht = 'totaal') AND " + "examenkandidaten_lt5 = 1"
            )
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_opleidingsnaam_gives_leerweg_sector_and_afdeling(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var names = new[] { ("VMBO", "VMBO B - landbouw"), ("VMBO", "VMBO LWT - zorg & welzijn"), ("VMBO", "VMBO T"), ("HAVO", "HAVO - N&T / N&G") };
        var rows = Synthetic.KandidatenRows(names.Length);
        for (var i = 0; i < names.Length; i++)
            (rows[i][4], rows[i][6]) = names[i];
        Imports(DuoVoImporters.VoExamens, store, files.Kandidaten("names.csv", rows));

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(
            [("HAVO", "", "", "N&T / N&G"), ("VMBO", "BL", "landbouw", ""), ("VMBO", "LWT", "zorg en welzijn", ""), ("VMBO", "TL", "", "")],
            connection.Query<(string, string, string, string)>(
                "SELECT DISTINCT onderwijstype, leerweg, sector, afdeling FROM vo_examen ORDER BY onderwijstype, leerweg"
            )
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_07_layout_reads_decimal_commas_Windows_1252_names_and_the_school_year_from_the_file_name(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var path = files.Write(
            "07.-geslaagden-gezakten-en-cijfers-2015-2016.csv",
            Synthetic.CijfersHeader
                + "00TQ;00TQ00;SGM Mariëndael VBO;ARNHEM;Gelderland;VMBO;BL;Zorg & Welzijn;Verzorging;5;4;1;6,9;7,3;7,2\r\n"
                + "00TQ;00TQ00;SGM Mariëndael VBO;ARNHEM;Gelderland;VWO;;;Natuur en Techniek;12;12;0;6,0;5,5;6,1\r\n",
            CsvSource.Windows1252
        );
        Assert.Equal(2, Imports(DuoVoImporters.VoExamens, store, path).Records);

        using var connection = store.Database.ConnectMigrated();
        var row = connection.QuerySingle<(string Naam, int Jaar, string Sector, double Se, double Ce, double Lijst)>(
            "SELECT naam, schooljaar, sector, cijfer_schoolexamen, cijfer_centraal_examen, cijfer_cijferlijst FROM vo_examen WHERE leerweg = 'BL'"
        );
        Assert.Equal(("SGM Mariëndael VBO", 2015, "zorg en welzijn", 6.9, 7.3, 7.2), row);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_07_file_whose_name_has_no_school_year_is_refused(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var path = files.Write(
            "geslaagden.csv",
            Synthetic.CijfersHeader + "00AH;00AH00;X;ENSCHEDE;Overijssel;HAVO;;;Cultuur en " + "Maatschappij;8;7;1;6,1;5,8;6,2\r\n",
            CsvSource.Windows1252
        );
        var problem = RefusedExam(store, path);
        Assert.Equal("geslaagden.csv", problem.File);
        Assert.Contains("the school year in the file name", problem.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), Counts(store));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_07_file_with_a_programme_twice_at_one_vestiging_is_refused_rather_than_summed(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        const string Record = "00AH;00AH00;X;ENSCHEDE;Overijssel;VMBO;KL;Economie;Handel en Administratie -ISP;8;7;1;6,1;5,8;6,2\r\n";
        var problem = RefusedExam(store, files.Write("07-2016-2017.csv", Synthetic.CijfersHeader + Record + Record, CsvSource.Windows1252));
        Assert.Equal(3, problem.Line);
        Assert.Contains("line 2 has the same values", problem.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), Counts(store));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_07_grade_with_a_decimal_point_is_refused(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var path = files.Write(
            "07-2016-2017.csv",
            Synthetic.CijfersHeader + "00AH;00AH00;X;ENSCHEDE;Overijssel;HAVO;;;Cultuur en " + "Maatschappij;8;7;1;6.1;5,8;6,2\r\n",
            CsvSource.Windows1252
        );
        var problem = RefusedExam(store, path);
        Assert.Equal((2, "GEMIDDELD CIJFER SCHOOLEXAMEN"), (problem.Line, problem.Field));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Leerlingen_counts_become_one_row_per_leerjaar_and_geslacht_with_zeros_left_out_and_lost_zeros_padded(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var path = files.Write(
            "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016-2017.csv",
            "BRIN NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM VESTIGING;PLAATSNAAM VESTIGING;PROVINCIE VESTIGING;ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR;"
                + "LWOO INDICATIE;VMBO SECTOR;AFDELING;ELEMENTCODE;OPLEIDINGSNAAM;"
                + string.Join(";", Enumerable.Range(1, 6).SelectMany(j => new[] { $"LEER- OF VERBLIJFSJAAR {j} - MAN", $"LEER- OF VERBLIJFSJAAR {j} - VROUW" }))
                + "\r\n"
                + "00AH;0;Lyceum;ENSCHEDE;Overijssel;Brugjaar 1-2;N;N.v.t.;N.v.t.;24;Ljvb;75;117;71;95;0;0;0;0;0;0;0;0\r\n"
                + "00AH;7;Lyceum;ENSCHEDE;Overijssel;VMBO KL lj 3-4;J;Zorg & Welzijn;Zorg en Welzijn Breed;0311;VMBO KL Zorg;0;0;0;0;3;1.002;0;4;0;0;0;0\r\n",
            CsvSource.Windows1252
        );
        var imported = Imports(DuoVoImporters.VoLeerlingen, store, path);
        Assert.Equal((2L, 7L), (imported.Records, imported.Stored));
        Assert.Contains("17 count cells of 0 not stored (no row means 0)", imported.Notes);

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(
            [
                ("00AH00", "0024", 1, "man", 75),
                ("00AH00", "0024", 1, "vrouw", 117),
                ("00AH00", "0024", 2, "man", 71),
                ("00AH00", "0024", 2, "vrouw", 95),
                ("00AH07", "0311", 3, "man", 3),
                ("00AH07", "0311", 3, "vrouw", 1_002),
                ("00AH07", "0311", 4, "vrouw", 4),
            ],
            connection.Query<(string, string, int, string, int)>(
                "SELECT brin6, elementcode, leerjaar, geslacht, aantal FROM vo_leerlingen WHERE schooljaar = 2016 ORDER BY brin6, leerjaar, geslacht"
            )
        );
        Assert.Equal(
            ("KL", "zorg en welzijn", 1),
            connection.QuerySingle<(string, string, int)>("SELECT DISTINCT leerweg, sector, lwoo FROM vo_leerlingen WHERE brin6 = '00AH07'")
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Zittenblijven_reads_thousands_dots_decimal_commas_lost_zeros_and_code_page_850(StoreKind kind)
    {
        using var files = new Synthetic();
        using var store = TestStore.Create(kind);
        var path = files.Write(
            "05.-zittenblijven-vo-brinvest-1516-tov-1617.csv",
            "BRINNUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM VESTIGING;PLAATSNAAM VESTIGING;GEMEENTENUMMER VESTIGING;GEMEENTENAAM VESTIGING;"
                + "PROVINCIE VESTIGING;TOTAAL LEERLINGEN;AANTAL ZITTENBLIJVERS;AANTAL AFSTROMERS;AANTAL OPSTROMERS;PERCENTAGE ZITTENBLIJVERS;"
                + "PERCENTAGE AFSTROMERS;PERCENTAGE OPSTROMERS\r\n"
                + "00AH;0;Lyceum;ENSCHEDE;153;ENSCHEDE;Overijssel;1.001;84;25;139;8,39;2,5;13,89\r\n"
                + "00TQ;7;Mariëndael Carré;ARNHEM;7;ARNHEM;Gelderland;927;77;6;182;8,31;0,65;19,63\r\n",
            DuoFields.Dos850
        );
        Assert.Equal(2, Imports(DuoVoImporters.VoZittenblijven, store, path).Records);

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(
            [("00AH00", 2015, "0153", 1_001, 8.39, 13.89, "Lyceum"), ("00TQ07", 2015, "0007", 927, 8.31, 19.63, "Mariëndael Carré")],
            connection.Query<(string, int, string, int, double, double, string)>(
                "SELECT brin6, schooljaar, gemeentenummer, leerlingen, pct_zittenblijvers, pct_opstromers, naam FROM vo_zittenblijven ORDER BY brin6"
            )
        );
    }

    [Fact]
    public void The_school_year_is_read_from_either_spelling_in_a_file_name()
    {
        Assert.Equal((short)2015, DuoFields.SchoolYearFromFileName("/x/07.-geslaagden-gezakten-en-cijfers-2015-2016.csv"));
        Assert.Equal((short)2017, DuoFields.SchoolYearFromFileName("01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017-2018.csv"));
        Assert.Equal((short)2015, DuoFields.SchoolYearFromFileName("05.-zittenblijven-vo-brinvest-1516-tov-1617.csv"));
        Assert.Null(DuoFields.SchoolYearFromFileName("07.-geslaagden-2015-2017.csv"));
        Assert.Null(DuoFields.SchoolYearFromFileName("geslaagden.csv"));
    }

    [Fact]
    public void Every_DUO_vo_importer_names_its_files_under_the_real_data_folder()
    {
        Assert.Equal(["vo-examens", "vo-leerlingen", "vo-zittenblijven"], DuoVoImporters.All.Select(i => i.Kind));
        Assert.All(DuoVoImporters.All.SelectMany(i => i.DefaultFiles), f => Assert.False(Path.IsPathRooted(f)));
        Assert.Equal(6, DuoVoImporters.All.Sum(i => i.DefaultFiles.Length));
    }

    private static (long Rows, long Journal) Counts(TestStore store)
    {
        using var connection = store.Database.ConnectMigrated();
        return (
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_examen")
                + connection.ExecuteScalar<long>("SELECT COALESCE(SUM(examenkandidaten), 0) " + "FROM vo_examen"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM import_log")
        );
    }

    /// <summary>Tiny made-up files in a temporary folder, in DUO's layouts.</summary>
    private sealed class Synthetic : IDisposable
    {
        private static readonly string[] Years = ["2022-2023", "2023-2024"];

        public const string CijfersHeader =
            "BRIN NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM VESTIGING;GEMEENTENAAM VESTIGING;PROVINCIE VESTIGING;ONDERWIJSTYPE VO;LEERWEG VMBO;"
            + "VMBO SECTOR;AFDELING;EXAMENKANDIDATEN;GESLAAGDEN;GEZAKTEN;GEMIDDELD CIJFER SCHOOLEXAMEN;GEMIDDELD CIJFER CENTRAAL EXAMEN;"
            + "GEMIDDELD CIJFER CIJFERLIJST\r\n";

        private readonly string _folder = Directory.CreateTempSubdirectory("doorstroom-duo-").FullName;

        /// <summary>Rows of the 2019-2024 layout with two school years: 7 fixed columns, then 2 × 3 × 3 cells.</summary>
        public static List<string[]> KandidatenRows(int count) =>
            [
                .. Enumerable
                    .Range(0, count)
                    .Select(i =>
                        (string[])
                            [
                                "99XX",
                                $"99XX{i:D2}",
                                $"School {i}",
                                "ERGENS",
                                "VMBO",
                                "36",
                                "VMBO B - economie",
                                .. Years.SelectMany(_ => new[] { "10", "9", "90", "6", "5", "83.3", "16", "14", "87.5" }),
                            ]
                    ),
            ];

        public string Kandidaten(string name, IEnumerable<string[]> rows, Encoding? encoding = null)
        {
            string[] header =
            [
                "INSTELLINGSCODE",
                "VESTIGINGSCODE",
                "INSTELLINGSNAAM VESTIGING",
                "GEMEENTENAAM",
                "ONDERWIJSTYPE VO",
                "INSPECTIECODE",
                "OPLEIDINGSNAAM",
                .. Years.SelectMany(y =>
                    new[] { "MAN", "VROUW", "TOTAAL" }.SelectMany(g =>
                        new[] { $"EXAMENKANDIDATEN SCHOOLJAAR {y} - {g}", $"GESLAAGDEN SCHOOLJAAR {y} - {g}", $"SLAAGPERC SCHOOLJAAR {y} - {g}" }
                    )
                ),
            ];
            static string Line(IEnumerable<string> cells) => string.Join(";", cells.Select(c => $"\"{c}\"")) + "\r\n";
            return Write(name, Line(header) + string.Concat(rows.Select(Line)), encoding ?? new UTF8Encoding(false));
        }

        public string Write(string name, string text, Encoding encoding)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, encoding.GetBytes(text));
            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException) { }
        }
    }
}
