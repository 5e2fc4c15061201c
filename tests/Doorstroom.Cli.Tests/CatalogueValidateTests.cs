using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom catalogue validate`: the shipped catalogue is valid; a broken copy is refused with exit 2.</summary>
public sealed class CatalogueValidateTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task The_shipped_catalogue_is_valid_with_13_routes()
    {
        // A process: exit 0 as the shell sees it, with the catalogue found beside the installed command.
        var r = await cli.RunProcess("catalogue", "validate");
        Expect.Done(r);
        Assert.Contains("valid", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("13 routes", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_intake_window_that_ends_before_it_starts_is_refused_naming_the_file_and_pointer()
    {
        var copy = Path.Combine(cli.WorkDir, "catalogue");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "catalogue"), copy);
        var version = Path.Combine(copy, "2026.1");
        var vm2File = Path.Combine(version, "routes", "vm2.json");
        var vm2 = JsonNode.Parse(File.ReadAllText(vm2File))!;
        var from = DateOnly.Parse((string)vm2["intake"]!["from"]!, System.Globalization.CultureInfo.InvariantCulture);
        vm2["intake"]!["to"] = from.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(vm2File, vm2.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var r = await cli.Run("catalogue", "validate", "--catalogue", version);

        Assert.True(r.ExitCode == 2, $"expected exit 2\n{r}");
        Assert.Contains("routes/vm2.json", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("/intake/to", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unchanged_copy_of_the_catalogue_is_valid()
    {
        var copy = Path.Combine(cli.WorkDir, "catalogue");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "catalogue"), copy);
        var r = await cli.Run("catalogue", "validate", "--catalogue", Path.Combine(copy, "2026.1"));
        Expect.Done(r);
        Assert.Contains("13 routes", r.Stdout, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
