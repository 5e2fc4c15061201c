using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

public sealed class QualificationLoaderTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("doorstroom-qualifications-");

    public void Dispose() => temp.Delete(recursive: true);

    private static QualificationLoad Real()
    {
        TestData.RequireRealData();
        var load = TestData.Qualifications;
        Assert.True(load.Ok, string.Join("; ", load.Problems));
        return load;
    }

    [Fact]
    public void All_470_qualifications_load_without_problems()
    {
        var load = Real();

        Assert.Empty(load.Problems);
        Assert.Equal(470, load.Qualifications.Length);
        Assert.Equal(470, load.Qualifications.Select(q => q.Crebo).Distinct().Count());
    }

    [Fact]
    public void Qualifications_are_counted_by_level_as_in_the_kwalificatiestructuur()
    {
        var byLevel = Real().Qualifications.CountBy(q => q.Level).ToDictionary();

        Assert.Equal(12, byLevel[MboLevel.Entree]);
        Assert.Equal(126, byLevel[MboLevel.Basisberoeps]);
        Assert.Equal(154, byLevel[MboLevel.Vak]);
        Assert.Equal(170, byLevel[MboLevel.Middenkader]);
        Assert.Equal(8, byLevel[MboLevel.Specialist]);
    }

    [Fact]
    public void Crebo_with_a_stray_dot_is_read_as_five_digits()
    {
        var load = Real();

        var q = load.Find("25080");
        Assert.NotNull(q);
        Assert.Contains("Betonreparateur", q.Name, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(load.Qualifications, x => x.Crebo.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void Known_crebos_25502_and_25258_exist()
    {
        var load = Real();

        Assert.NotNull(load.Find("25502"));
        var assistent = load.Find("25258");
        Assert.NotNull(assistent);
        Assert.Equal(MboLevel.Entree, assistent.Level);
    }

    [Fact]
    public void Green_EZ_domain_has_45_qualifications_and_the_catalogue_marks_it_green()
    {
        const string green = "Voedsel, natuur en leefomgeving (EZ)";

        Assert.Equal(45, Real().Qualifications.Count(q => q.Domain == green));
        var domain = TestData.Catalogue.Domains[green];
        Assert.True(domain.Green);
        Assert.Equal(Direction.Groen, domain.Direction);
    }

    [Fact]
    public void Every_qualification_domain_is_in_the_catalogue_domain_map()
    {
        var domains = TestData.Catalogue.Domains;

        Assert.All(Real().Qualifications, q => Assert.True(domains.ContainsKey(q.Domain), $"{q.Crebo}: domain '{q.Domain}' is not in catalogue.json"));
    }

    [Fact]
    public void Bad_crebo_is_reported_with_its_line_and_column()
    {
        var path = WriteCsv(row => row["kwalificatie_crebo"] = "2508X");

        var load = QualificationLoader.Load(path);

        Assert.False(load.Ok);
        Assert.Empty(load.Qualifications);
        var p = Assert.Single(load.Problems);
        Assert.Equal(3, p.Line);
        Assert.Equal("kwalificatie_crebo", p.Field);
        Assert.Contains("2508X", p.Message, StringComparison.Ordinal);
        Assert.Contains("five-digit crebo", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_soort_opleiding_is_reported_on_that_column()
    {
        var path = WriteCsv(row => row["soort_opleiding"] = "masteropleiding");

        var load = QualificationLoader.Load(path);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(3, p.Line);
        Assert.Equal("soort_opleiding", p.Field);
        Assert.Contains("masteropleiding", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_is_reported_by_name_on_line_1()
    {
        var path = WriteCsv(row => { }, dropColumn: "leerweg");

        var load = QualificationLoader.Load(path);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(1, p.Line);
        Assert.Equal("leerweg", p.Field);
        Assert.Contains("missing", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_crafted_copy_loads_both_rows()
    {
        var path = WriteCsv(row => { });

        var load = QualificationLoader.Load(path);

        Assert.True(load.Ok, string.Join("; ", load.Problems));
        Assert.Equal(2, load.Qualifications.Length);
    }

    [Fact]
    public void Missing_file_is_a_problem_not_an_exception()
    {
        var load = QualificationLoader.Load(Path.Combine(temp.FullName, "absent.csv"));

        Assert.False(load.Ok);
        Assert.Contains("not found", Assert.Single(load.Problems).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes the real header, the real first data row (line 2) and a crafted copy of the real second data row
    /// (line 3), optionally without one column.
    /// </summary>
    private string WriteCsv(Action<Dictionary<string, string>> craft, string? dropColumn = null)
    {
        TestData.RequireRealData();
        var lines = File.ReadAllLines(TestData.QualificationsPath);
        var header = lines[0].TrimStart('\uFEFF').Split(';');
        var first = lines[1].Split(';');
        var row = header.Zip(lines[2].Split(';')).ToDictionary(x => x.First, x => x.Second);
        craft(row);
        var keep = Enumerable.Range(0, header.Length).Where(i => header[i] != dropColumn).ToArray();
        string Join(IEnumerable<string> cells) => string.Join(';', cells);
        var path = Path.Combine(temp.FullName, "kwalificaties.csv");
        File.WriteAllLines(path,
        [
            Join(keep.Select(i => header[i])),
            Join(keep.Select(i => first[i])),
            Join(keep.Select(i => row[header[i]])),
        ]);
        return path;
    }
}
