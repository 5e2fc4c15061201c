using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

public sealed class QualificationLoaderTests : IDisposable
{
    private const string Green = "Voedsel, natuur en leefomgeving (EZ)";

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("doorstroom-qualifications-");

    public void Dispose() => temp.Delete(recursive: true);

    /// <summary>
    /// The one test on the real kwalificatiestructuur (skipped with a message where ../shared is absent): it loads whole,
    /// with the counts of PROVENANCE.md, and every domain in it is in the catalogue's domain map.
    /// </summary>
    [Fact]
    public void The_real_kwalificatiestructuur_loads_all_470_qualifications_into_domains_the_catalogue_knows()
    {
        var load = RealData.Qualifications();

        Assert.Empty(load.Problems);
        Assert.Equal(470, load.Qualifications.Length);
        Assert.Equal(470, load.Qualifications.Select(q => q.Crebo).Distinct().Count());
        var byLevel = load.Qualifications.CountBy(q => q.Level).ToDictionary();
        Assert.Equal(12, byLevel[MboLevel.Entree]);
        Assert.Equal(126, byLevel[MboLevel.Basisberoeps]);
        Assert.Equal(154, byLevel[MboLevel.Vak]);
        Assert.Equal(170, byLevel[MboLevel.Middenkader]);
        Assert.Equal(8, byLevel[MboLevel.Specialist]);
        Assert.Contains("Betonreparateur", load.Find("25080")?.Name ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(MboLevel.Entree, load.Find("25258")?.Level);
        Assert.Equal(45, load.Qualifications.Count(q => q.Domain == Green));
        var domains = TestCatalogue.Catalogue.Domains;
        Assert.All(load.Qualifications, q => Assert.True(domains.ContainsKey(q.Domain), $"{q.Crebo}: domain '{q.Domain}' is not in catalogue.json"));
    }

    [Fact]
    public void Every_row_of_a_file_in_the_real_shape_loads_with_its_level_leerwegen_and_domain()
    {
        var load = QualificationLoader.Load(TestQualifications.File);

        Assert.True(load.Ok, string.Join("; ", load.Problems));
        Assert.Equal(10, load.Qualifications.Length);
        Assert.Equal(
            [MboLevel.Entree, MboLevel.Basisberoeps, MboLevel.Vak, MboLevel.Middenkader, MboLevel.Specialist],
            load.Qualifications.Select(q => q.Level).Distinct().Order()
        );
        var bblOnly = Assert.Single(load.Qualifications, q => q.Leerwegen.Length == 1);
        Assert.Equal([Leerweg.Bbl], bblOnly.Leerwegen);
        var entree = load.Find("95010")!;
        Assert.Equal("niet toebedeeld aan opleidingsdomein", entree.Domain);
        Assert.Null(entree.DomainCrebo);
        // "---" means "as the row above": the dossier crebo comes from dossier_crebo_ingevuld.
        Assert.Equal("93001", load.Find("95002")!.DossierCrebo);
    }

    [Fact]
    public void Crebo_with_a_stray_dot_is_read_as_five_digits()
    {
        var load = QualificationLoader.Load(TestQualifications.File);

        var q = load.Find("95005");
        Assert.NotNull(q);
        Assert.Equal("Testonderhoudsmonteur", q.Name);
        Assert.DoesNotContain(load.Qualifications, x => x.Crebo.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void Green_EZ_domain_is_marked_green_in_the_catalogue()
    {
        var domain = TestCatalogue.Catalogue.Domains[Green];

        Assert.True(domain.Green);
        Assert.Equal(Direction.Groen, domain.Direction);
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
    /// Writes the header and first data row (line 2) of the test qualifications (in the real file's shape) and a crafted
    /// copy of their second data row (line 3), optionally without one column.
    /// </summary>
    private string WriteCsv(Action<Dictionary<string, string>> craft, string? dropColumn = null)
    {
        var lines = File.ReadAllLines(TestQualifications.File);
        var header = lines[0].TrimStart('\uFEFF').Split(';');
        var first = lines[1].Split(';');
        var row = header.Zip(lines[2].Split(';')).ToDictionary(x => x.First, x => x.Second);
        craft(row);
        var keep = Enumerable.Range(0, header.Length).Where(i => header[i] != dropColumn).ToArray();
        string Join(IEnumerable<string> cells) => string.Join(';', cells);
        var path = Path.Combine(temp.FullName, "kwalificaties.csv");
        File.WriteAllLines(path, [Join(keep.Select(i => header[i])), Join(keep.Select(i => first[i])), Join(keep.Select(i => row[header[i]]))]);
        return path;
    }
}
