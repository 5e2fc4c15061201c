using System.Text.Json.Nodes;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

public sealed class CatalogueValidationTests : IDisposable
{
    private static readonly string Vm2 = Path.Combine("routes", "vm2.json");

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("doorstroom-catalogue-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void Shipped_catalogue_loads_with_the_13_routes_in_the_fixed_order()
    {
        var load = CatalogueLoader.Load(DataPaths.DefaultCatalogue());

        Assert.True(load.Ok, string.Join("; ", load.Problems));
        Assert.Empty(load.Problems);
        Assert.Equal(13, load.Catalogue!.Routes.Length);
        Assert.Equal(RouteCatalogue.RouteIds, load.Catalogue.Routes.Select(r => r.Id));
        Assert.Equal("2026.1", load.Catalogue.Version);
    }

    [Fact]
    public void Shipped_catalogue_has_no_dangling_example_crebos()
    {
        var real = RealData.Qualifications();
        Assert.True(real.Ok, string.Join("; ", real.Problems));
        var load = CatalogueLoader.Load(DataPaths.DefaultCatalogue(), real.Qualifications.Select(q => q.Crebo).ToHashSet(StringComparer.Ordinal));

        Assert.True(load.Ok, string.Join("; ", load.Problems));
    }

    [Fact]
    public void Unmodified_copy_loads_ok()
    {
        var load = CatalogueLoader.Load(CopyCatalogue());

        Assert.True(load.Ok, string.Join("; ", load.Problems));
    }

    [Fact]
    public void Unknown_route_id_fails_the_load_with_schema_problems_in_that_file()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["id"] = "vm3");

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        Assert.Null(load.Catalogue);
        Assert.NotEmpty(load.Problems);
        Assert.All(load.Problems, p =>
        {
            Assert.Equal(Vm2, p.File);
            Assert.StartsWith("schema", p.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Unknown_route_id_is_refused_on_the_id_field()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["id"] = "vm3");

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        Assert.Null(load.Catalogue);
        var p = Assert.Single(load.Problems, p => p.File == Vm2 && p.Field == "/id");
        Assert.StartsWith("schema", p.Message, StringComparison.Ordinal);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void Intake_window_that_ends_before_it_starts_is_refused()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["intake"]!["to"] = "2007-07-31");

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(Vm2, p.File);
        Assert.Equal("/intake/to", p.Field);
        Assert.Equal(10, p.Line);
        Assert.Contains("ends", p.Message, StringComparison.Ordinal);
        Assert.Contains("before it starts", p.Message, StringComparison.Ordinal);
        Assert.Contains("2007-07-31", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_crebo_missing_from_the_kwalificatiestructuur_is_a_dangling_crebo()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["exampleCrebos"]!.AsArray().Add("99999"));

        var load = CatalogueLoader.Load(dir, KnownCrebos());

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(Vm2, p.File);
        Assert.Equal("/exampleCrebos/0", p.Field);
        Assert.NotNull(p.Line);
        Assert.Contains("dangling crebo", p.Message, StringComparison.Ordinal);
        Assert.Contains("99999", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_crebos_are_not_checked_without_a_kwalificatiestructuur()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["exampleCrebos"]!.AsArray().Add("99999"));

        var load = CatalogueLoader.Load(dir, knownCrebos: null);

        Assert.True(load.Ok, string.Join("; ", load.Problems));
    }

    [Fact]
    public void Route_without_the_required_aims_is_a_schema_violation()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r.AsObject().Remove("aims"));

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        Assert.NotEmpty(load.Problems);
        Assert.All(load.Problems, p => Assert.Equal(Vm2, p.File));
        Assert.Contains(load.Problems, p => p.Message.StartsWith("schema", StringComparison.Ordinal) && p.Message.Contains("aims", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_violation_in_a_file_without_conditions_is_reported_on_its_field()
    {
        var dir = CopyCatalogue();
        EditJson(dir, "sources.json", r => r["sources"]![0]!["title"] = 42);

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal("sources.json", p.File);
        Assert.Equal("/sources/0/title", p.Field);
        Assert.NotNull(p.Line);
        Assert.StartsWith("schema", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_name_that_is_a_number_is_a_schema_violation_on_the_name_field()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["name"] = 42);

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(Vm2, p.File);
        Assert.Equal("/name", p.Field);
        Assert.Equal(4, p.Line);
        Assert.StartsWith("schema", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_malformed_JSON_with_a_line_number()
    {
        var dir = CopyCatalogue();
        var path = Path.Combine(dir, Vm2);
        File.WriteAllLines(path, File.ReadAllLines(path).Take(10));

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(Vm2, p.File);
        Assert.StartsWith("malformed JSON", p.Message, StringComparison.Ordinal);
        Assert.NotNull(p.Line);
        Assert.InRange(p.Line.Value, 10, 11);
    }

    [Fact]
    public void Malformed_JSON_reports_the_line_of_the_error()
    {
        var dir = CopyCatalogue();
        var path = Path.Combine(dir, Vm2);
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("  \"name\":", lines[3], StringComparison.Ordinal);
        lines[3] = "  \"name\": oops,";
        File.WriteAllLines(path, lines);

        var load = CatalogueLoader.Load(dir);

        var p = Assert.Single(load.Problems);
        Assert.StartsWith("malformed JSON", p.Message, StringComparison.Ordinal);
        Assert.Equal(4, p.Line);
    }

    [Fact]
    public void Reason_citing_a_rule_not_in_rules_json_is_refused()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["entry"]!["all"]![0]!["because"]!["rule"] = "R99.9");

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(Vm2, p.File);
        Assert.Equal("/entry/all/0/because/rule", p.Field);
        Assert.NotNull(p.Line);
        Assert.Contains("R99.9", p.Message, StringComparison.Ordinal);
        Assert.Contains("not in rules.json", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_route_file_names_the_route_id()
    {
        var dir = CopyCatalogue();
        File.Delete(Path.Combine(dir, Vm2));

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        Assert.Null(load.Catalogue);
        var p = Assert.Single(load.Problems);
        Assert.Contains("'vm2'", p.Message, StringComparison.Ordinal);
        Assert.Contains("no file", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_leaf_without_a_because_above_it_is_refused()
    {
        var dir = CopyCatalogue();
        EditJson(dir, Vm2, r => r["entry"]!["all"]!.AsArray().Add(JsonNode.Parse("""{ "all": [ { "school": [ "vmbo" ] } ] }""")));

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal(Vm2, p.File);
        Assert.Equal("/entry", p.Field);
        Assert.Contains("because", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_indicator_definitions_one_per_indicator_in_enum_order_with_rulebook_ids_and_peildatum()
    {
        var definitions = TestCatalogue.Catalogue.IndicatorDefinitions;

        Assert.Equal(Enum.GetValues<Indicator>(), definitions.Select(d => d.Indicator));
        Assert.All(definitions, d =>
        {
            Assert.Equal("1 oktober", d.Peildatum);
            Assert.All(new[] { d.Name, d.Rule, d.Population, d.Numerator }, text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.Same(d, TestCatalogue.Catalogue.Definition(d.Indicator));
        });
        Assert.Equal(["D2", "D6", "D7", "D8", "D9", "D10", "vo→mbo", "vo→mbo", "D11", "D11", "SK"], definitions.Select(d => d.Id));
    }

    [Fact]
    public void Every_indicator_has_a_spelling_in_the_names()
    {
        Assert.Equal(Enum.GetValues<Indicator>().Order(), JsonSpelling.Indicators.Values.Order());
        Assert.Equal(JsonSpelling.Indicators.Count, JsonSpelling.Indicators.Values.Distinct().Count());
    }

    [Fact]
    public void Indicator_without_a_definition_text_fails_the_load()
    {
        var dir = CopyCatalogue();
        EditJson(dir, "indicators.json", r => r["indicators"]!.AsObject().Remove("opstroom"));

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        Assert.Null(load.Catalogue);
        var p = Assert.Single(load.Problems);
        Assert.Equal("indicators.json", p.File);
        Assert.Equal("no definition text for the monitor's indicator 'opstroom'", p.Message);
    }

    [Fact]
    public void Definition_text_for_an_unknown_indicator_fails_the_load()
    {
        var dir = CopyCatalogue();
        EditJson(dir, "indicators.json", r => r["indicators"]!["uitval"] = r["indicators"]!["opstroom"]!.DeepClone());

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        var p = Assert.Single(load.Problems);
        Assert.Equal("indicators.json", p.File);
        Assert.Equal("/indicators/uitval", p.Field);
        Assert.StartsWith("unknown indicator 'uitval'; expected one of nieuwe-vsv, switch,", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_without_its_name_is_a_schema_violation()
    {
        var dir = CopyCatalogue();
        EditJson(dir, "indicators.json", r => r["indicators"]!["switch"]!.AsObject().Remove("name"));

        var load = CatalogueLoader.Load(dir);

        Assert.False(load.Ok);
        Assert.All(load.Problems, p => Assert.Equal("indicators.json", p.File));
        Assert.Contains(load.Problems, p => p.Message.StartsWith("schema", StringComparison.Ordinal) && p.Message.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_catalogue_folder_is_a_problem_not_an_exception()
    {
        var load = CatalogueLoader.Load(Path.Combine(temp.FullName, "does-not-exist"));

        Assert.False(load.Ok);
        Assert.Contains("not found", Assert.Single(load.Problems).Message, StringComparison.Ordinal);
    }

    /// <summary>A kwalificatiestructuur that knows exactly the shipped catalogue's example crebos (and so not 99999).</summary>
    private static HashSet<string> KnownCrebos() => TestCatalogue.Catalogue.Routes.SelectMany(r => r.ExampleCrebos).ToHashSet(StringComparer.Ordinal);

    /// <summary>Copies the whole catalogue tree (version folder and schema) and returns the copied version folder.</summary>
    private string CopyCatalogue()
    {
        var version = DataPaths.DefaultCatalogue();
        var root = Directory.GetParent(version)!.FullName;
        var target = Path.Combine(temp.FullName, "catalogue");
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return Path.Combine(target, Path.GetFileName(version));
    }

    private static void EditJson(string dir, string relative, Action<JsonNode> edit)
    {
        var path = Path.Combine(dir, relative);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
