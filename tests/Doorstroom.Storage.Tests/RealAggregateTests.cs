namespace Doorstroom.Storage.Tests;

public sealed class RealAggregateTests
{
    private static TestStore StoreWith(StoreKind kind, Importer importer, params string[] files)
    {
        var store = TestStore.Create(kind);
        foreach (var file in files)
            Expect.Imported(importer.Run(store.Database, RealData.File(file), TimeProvider.System, cancellationToken: TestContext.Current.CancellationToken));
        return store;
    }

    private static Dictionary<string, long> ByFirstKey(AggregateTable table) => table.Rows.ToDictionary(r => r.Keys[0], r => r.Count);

    [Theory, ClassData(typeof(BothStores))]
    public void Vmbo_exam_candidates_2016_per_leerweg_are_DUOs_national_totals(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoExamens, "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2016-2017.csv");
        var table = RealAggregates.ExamCandidates(store.Database, 2016, "vmbo", ["leerweg"]);
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["BL"] = 20_818,
                ["KL"] = 29_684,
                ["GL"] = 7_143,
                ["TL"] = 51_382,
            },
            ByFirstKey(table)
        );
        Assert.All(table.Rows, r => Assert.Equal(0, r.SuppressedCells));
        // The pass rate is passed over the candidates of the same cells: never above 1.
        Assert.All(table.Rows, r => Assert.InRange(r.Passed!.Value, 1, r.PassedOf!.Value));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Green_vmbo_candidates_are_the_landbouw_sector_per_leerweg(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoExamens, "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2016-2017.csv");
        var all = RealAggregates.ExamCandidates(store.Database, 2016, "vmbo", ["leerweg", "sector"]);
        var green = all.Rows.Where(r => r.Keys[1] == "landbouw").ToDictionary(r => r.Keys[0], r => r.Count);
        // The 2016-17 file gives sectors for BL, KL and GL; TL candidates have no sector in it.
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["BL"] = 3_108,
                ["KL"] = 3_332,
                ["GL"] = 1_821,
            },
            green
        );
        Assert.Equal("geen", Assert.Single(all.Rows, r => r.Keys[0] == "TL").Keys[1]);
        // Summed over sectors, each leerweg gives its national total again.
        Assert.Equal(20_818, all.Rows.Where(r => r.Keys[0] == "BL").Sum(r => r.Count));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Suppressed_exam_cells_are_counted_apart_not_as_zero(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoExamens, "duo-vo-examens/examenkandidaten-en-geslaagden-2019-2024.csv");
        var table = RealAggregates.ExamCandidates(store.Database, 2023, "all", []);
        var row = Assert.Single(table.Rows);
        Assert.Equal(2_338, row.SuppressedCells); // PROVENANCE: 2,338 '<5' cells in the 2023-2024 TOTAAL column
        Assert.True(row.Count > 100_000);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Vmbo_bovenbouw_pupils_2017_per_leerweg_are_DUOs_counts(StoreKind kind)
    {
        using var store = StoreWith(kind, DuoVoImporters.VoLeerlingen, "duo-vo-leerlingen/01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017-2018.csv");
        var table = RealAggregates.Pupils(store.Database, 2017, ["leerweg"]);
        var byLeerweg = ByFirstKey(table);
        Assert.Equal((39_837L, 60_266L, 29_028L, 86_057L), (byLeerweg["BL"], byLeerweg["KL"], byLeerweg["GL"], byLeerweg["TL"]));
        Assert.Equal(992_195, table.Rows.Sum(r => r.Count));
    }

    [Fact]
    public void An_unknown_dimension_is_refused_naming_the_known_ones()
    {
        using var store = TestStore.Create(StoreKind.Sqlite);
        var e = Assert.Throws<ArgumentException>(() => RealAggregates.Pupils(store.Database, null, ["klas"]));
        Assert.Contains("'klas' is not a dimension here; expected geslacht, leerjaar, leerweg", e.Message, StringComparison.Ordinal);
    }
}
