using Dapper;
using Doorstroom.Catalogue;

namespace Doorstroom.Storage.Tests;

public sealed class ReferenceImportTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long Count(TestStore store, string sql)
    {
        using var connection = store.Database.ConnectMigrated();
        return connection.ExecuteScalar<long>(sql);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_DUO_schools_file_gives_1640_vo_features_and_1619_vestigingen(StoreKind kind)
    {
        var file = RealData.File("duo-vo-vestigingen/scholen20241122.geo.json");
        using var store = TestStore.Create(kind);
        var imported = Expect.Imported(ReferenceImporters.VoVestigingen.Run(store.Database, file, Clock, cancellationToken: Token));
        Assert.Equal(1640, imported.Records);
        Assert.Equal(1619, imported.Stored);
        Assert.Contains(imported.Notes, n => n.Contains("8,717 features", StringComparison.Ordinal));
        Assert.Equal(1619, Count(store, "SELECT COUNT(*) FROM vo_vestiging"));
        // No po school slipped in, and the onderwijsstructuur is kept as DUO spells it.
        Assert.Equal(0, Count(store, "SELECT COUNT(*) FROM vo_vestiging WHERE onderwijsstructuur IN ('basisschool', 'SBAO', 'SO', 'VSO', '(V)SO')"));
        Assert.Equal(1, Count(store, "SELECT COUNT(*) FROM vo_vestiging WHERE brin6 = '20AM05'"));
        Assert.True(Count(store, "SELECT COUNT(*) FROM vo_vestiging WHERE onderwijsstructuur LIKE '%VBO%'") > 900);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void KiesMBO_gives_179_institutions_679_locations_and_the_AOCs(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var instellingen = Expect.Imported(
            ReferenceImporters.MboInstellingen.Run(
                store.Database,
                RealData.File("mbo-instellingen/kiesmbo-instellingen-2025-02.csv"),
                Clock,
                cancellationToken: Token
            )
        );
        var locaties = Expect.Imported(
            ReferenceImporters.MboLocaties.Run(store.Database, RealData.File("mbo-instellingen/kiesmbo-locaties-2025-02.csv"), Clock, cancellationToken: Token)
        );
        Assert.Equal(179, instellingen.Records);
        Assert.Equal(679, locaties.Records);
        // Every location belongs to a known institution.
        Assert.Equal(0, Count(store, "SELECT COUNT(*) FROM mbo_locatie l WHERE NOT EXISTS (SELECT 1 FROM mbo_instelling i WHERE i.brin4 = l.brin4)"));
        Assert.Equal(6, Count(store, "SELECT COUNT(*) FROM mbo_instelling WHERE aoc = 1"));
        Assert.Equal(1, Count(store, "SELECT aoc FROM mbo_instelling WHERE brin4 = '25GV'"));
        Assert.Equal(0, Count(store, "SELECT aoc FROM mbo_instelling WHERE brin4 = '00GT'"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_kwalificatiestructuur_gives_470_kwalificaties_by_niveau(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var imported = Expect.Imported(
            ReferenceImporters.Kwalificaties.Run(store.Database, RealData.File(QualificationLoader.RelativePath), Clock, cancellationToken: Token)
        );
        Assert.Equal(470, imported.Records);
        // PROVENANCE: niveau 4: 178; 3: 154; 2: 126; 1: 12 — and the stray dot of 25.080 is gone.
        Assert.Equal(178, Count(store, "SELECT COUNT(*) FROM kwalificatie WHERE niveau = 4"));
        Assert.Equal(154, Count(store, "SELECT COUNT(*) FROM kwalificatie WHERE niveau = 3"));
        Assert.Equal(126, Count(store, "SELECT COUNT(*) FROM kwalificatie WHERE niveau = 2"));
        Assert.Equal(12, Count(store, "SELECT COUNT(*) FROM kwalificatie WHERE niveau = 1"));
        Assert.Equal(1, Count(store, "SELECT COUNT(*) FROM kwalificatie WHERE crebo = 25080"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_RMC_file_gives_413_gemeenten_in_39_regions(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var imported = Expect.Imported(
            ReferenceImporters.RmcRegios.Run(store.Database, RealData.File("vsv-rmc/rmc-regios-2015-bijlage-c.csv"), Clock, cancellationToken: Token)
        );
        Assert.Equal(413, imported.Records);
        Assert.Equal(39, Count(store, "SELECT COUNT(DISTINCT regio_nr) FROM rmc_gemeente"));
        Assert.Equal(1, Count(store, "SELECT COUNT(*) FROM rmc_gemeente WHERE gemeente = '’s-Hertogenbosch'"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Importing_the_same_file_twice_changes_nothing(StoreKind kind)
    {
        var file = RealData.File("mbo-instellingen/kiesmbo-locaties-2025-02.csv");
        using var store = TestStore.Create(kind);
        Expect.Imported(ReferenceImporters.MboLocaties.Run(store.Database, file, Clock, cancellationToken: Token));
        var again = Assert.IsType<AlreadyImported>(ReferenceImporters.MboLocaties.Run(store.Database, file, Clock, cancellationToken: Token));
        Assert.Equal(679, again.Records);
        // Forced through the upserts, the same rows change nothing either.
        var forced = Expect.Imported(ReferenceImporters.MboLocaties.Run(store.Database, file, Clock, force: true, cancellationToken: Token));
        Assert.Equal(0, forced.Changed);
        Assert.Equal(679, Count(store, "SELECT COUNT(*) FROM mbo_locatie"));
        Assert.Equal(1, Count(store, "SELECT COUNT(*) FROM import_log"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_file_with_one_bad_row_is_refused_whole_and_the_store_stays_as_it_was(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var folder = new TempFolder();
        var good = folder.Write(
            "locaties-a.csv",
            "brinvest;brin;naam;straat;postcode;plaats;land;url\r\n25GV00;25GV;Stafdienst;Bovenbuurtweg 27;6717 XA;Ede gld;Nederland;\r\n"
        );
        Expect.Imported(ReferenceImporters.MboLocaties.Run(store.Database, good, Clock, cancellationToken: Token));

        var bad = folder.Write(
            "locaties-b.csv",
            "brinvest;brin;naam;straat;postcode;plaats;land;url\r\n"
                + "25GV00;25GV;Stafdienst Ede;Bovenbuurtweg 27;6717 XA;Ede gld;Nederland;\r\n"
                + "25GV01;25GV;Aeres MBO Almere;Ambonstraat 5;1335 JV;Almere;Nederland;\r\n"
                + "25GVX1;25GV;Kapot;Straat 1;1234 AB;Ergens;Nederland;\r\n"
        );
        var refused = Assert.IsType<Refused>(ReferenceImporters.MboLocaties.Run(store.Database, bad, Clock, cancellationToken: Token));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("locaties-b.csv:4: brinvest: a BRIN6 code such as 25GV01 (found '25GVX1')", problem.ToString());

        // The good rows of the bad file were not stored either: the first file's row is unchanged.
        Assert.Equal(1, Count(store, "SELECT COUNT(*) FROM mbo_locatie"));
        using var connection = store.Database.ConnectMigrated();
        Assert.Equal("Stafdienst", connection.ExecuteScalar<string>("SELECT naam FROM mbo_locatie WHERE brin6 = '25GV00'"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM import_log"));
    }

    [Fact]
    public void A_missing_column_is_one_problem_on_the_header_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("instellingen.csv", "brin;naam;type\r\n25GV;Aeres;mbo\r\n");
        using var store = TestStore.Create(StoreKind.Sqlite);
        var refused = Assert.IsType<Refused>(ReferenceImporters.MboInstellingen.Run(store.Database, file, Clock, cancellationToken: Token));
        var problem = Assert.Single(refused.Problems);
        Assert.StartsWith(
            "instellingen.csv:1: kiesmbo_code, website, aantal_locaties, locaties_brinvest: a header with the " + "columns",
            problem.ToString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_vo_feature_with_a_bad_vestigingscode_names_its_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write(
            "scholen.geo.json",
            """
            {
            "type": "FeatureCollection",
            "features": [
            { "type": "Feature", "properties": { "naam": "A", "type": "VBO/MAVO", "brin_nummer": "00AH", "vestigingscode": "00AH00" }, "geometry": null },
            { "type": "Feature", "properties": { "naam": "B", "type": "VBO", "brin_nummer": "00AH", "vestigingscode": "00AH7" }, "geometry": null }
            ]
            }
            """
        );
        using var store = TestStore.Create(StoreKind.Sqlite);
        var refused = Assert.IsType<Refused>(ReferenceImporters.VoVestigingen.Run(store.Database, file, Clock, cancellationToken: Token));
        Assert.Equal("scholen.geo.json:5: vestigingscode: a BRIN6 code such as 00AH00 (found '00AH7')", Assert.Single(refused.Problems).ToString());
        Assert.Equal(0, Count(store, "SELECT COUNT(*) FROM vo_vestiging"));
    }
}

/// <summary>A temporary folder for small hand-written input files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("doorstroom-input-").FullName;

    public string Write(string name, string text, System.Text.Encoding? encoding = null)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text, encoding ?? new System.Text.UTF8Encoding(false));
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

public sealed class VsvNormImportTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void The_DUO_vsv_norms_give_nine_years_of_four_niveaus_and_skip_the_empty_rows(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var imported = Expect.Imported(
            ReferenceImporters.VsvNormen.Run(
                store.Database,
                RealData.File("vsv-rmc/VSV_normen.csv"),
                TimeProvider.System,
                cancellationToken: TestContext.Current.CancellationToken
            )
        );
        Assert.Equal(44, imported.Records);
        Assert.Equal(36, imported.Stored);
        using var connection = store.Database.ConnectMigrated();
        // 2016-2017: niveau 1 23.5 %, 2 9.5 %, 3 3.6 %, 4 2.75 % (PROVENANCE.md).
        Assert.Equal(
            new long[] { 23500, 9500, 3600, 2750 },
            Dapper.SqlMapper.Query<long>(connection, "SELECT norm FROM vsv_norm WHERE teljaar = 2016 ORDER BY niveau")
        );
    }

    [Fact]
    public void A_norm_without_a_niveau_is_refused()
    {
        using var folder = new TempFolder();
        var file = folder.Write("normen.csv", "\uFEFFTeljaar;NormDUOVSV;Niveau\r\n2016-2017;23500;1\r\n2016-2017;9500;NULL\r\n");
        using var store = TestStore.Create(StoreKind.Sqlite);
        var refused = Assert.IsType<Refused>(
            ReferenceImporters.VsvNormen.Run(store.Database, file, TimeProvider.System, cancellationToken: TestContext.Current.CancellationToken)
        );
        Assert.Contains("normen.csv:3: Niveau: a whole number of 0 or more (found 'NULL')", refused.Problems.Select(p => p.ToString()));
    }
}
