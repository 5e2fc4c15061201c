using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// The house rule on line length (issue 15, decision 0029): no C# line in src, tools or tests is longer than 160
/// characters. CSharpier keeps code within it; comments and long literals are wrapped by hand, and this test says where.
/// </summary>
public sealed class SourceLineTests
{
    private const int MaxLength = 160;

    [Fact]
    public void No_csharp_line_is_longer_than_160_characters()
    {
        var root = DataPaths.RepositoryRoot();
        Assert.SkipWhen(root is null, "repository root (Doorstroom.slnx) not found from the test folder");
        var tooLong = LongLines(root!).Take(20).ToList();
        Assert.True(tooLong.Count == 0, "lines over " + MaxLength + " characters:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void The_check_finds_a_long_line()
    {
        var folder = Directory.CreateTempSubdirectory("doorstroom-lines-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "src"));
            File.WriteAllText(Path.Combine(folder.FullName, "src", "Short.cs"), "class Short { }\n");
            File.WriteAllText(Path.Combine(folder.FullName, "src", "Long.cs"), "// " + new string('x', MaxLength) + "\n");
            var found = Assert.Single(LongLines(folder.FullName));
            Assert.StartsWith(Path.Combine("src", "Long.cs") + ":1:", found, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>"path:line: length" for every .cs line over the limit, build output (bin, obj) left out.</summary>
    private static IEnumerable<string> LongLines(string root)
    {
        foreach (var top in new[] { "src", "tools", "tests" })
        {
            var folder = Path.Combine(root, top);
            if (!Directory.Exists(folder))
                continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
                    continue;
                var number = 0;
                foreach (var line in File.ReadLines(file))
                {
                    number++;
                    if (line.Length > MaxLength)
                        yield return $"{relative}:{number}: {line.Length}";
                }
            }
        }
    }
}
