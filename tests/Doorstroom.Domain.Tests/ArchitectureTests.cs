using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// The project graph is the picture (decision 0027): the solid arrows between the project boxes of the mermaid picture in
/// <c>docs/architecture.md</c> are exactly the <c>ProjectReference</c>s of the csproj files under <c>src/</c> and
/// <c>tools/</c>; and the product (<c>src/</c>) references no benchmark and no DuckDB, directly or through a project.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>One reference between two projects, by project name, e.g. <c>Doorstroom.Storage --> Doorstroom.Domain</c>.</summary>
    internal readonly record struct Arrow(string From, string To)
    {
        public override string ToString() => $"{From} --> {To}";
    }

    [Fact]
    public void The_picture_in_architecture_md_draws_exactly_the_project_references()
    {
        var root = Root();
        var drawn = ProjectPicture.Arrows(File.ReadAllText(Path.Combine(root, "docs", "architecture.md")));
        var referenced = Projects(root).SelectMany(p => p.References.Select(r => new Arrow(p.Name, r))).ToImmutableHashSet();
        Assert.NotEmpty(referenced);
        var differences = Differences(drawn, referenced);
        Assert.True(differences.IsEmpty, "docs/architecture.md and the csproj files differ:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void No_product_project_references_a_benchmark_or_DuckDB()
    {
        var projects = Projects(Root()).ToDictionary(p => p.Name);
        // The check can see what it looks for: the bench is a tools project and it does reference DuckDB.
        Assert.True(
            projects.TryGetValue("Doorstroom.Bench", out var bench) && bench.Tool && bench.Packages.Any(IsDuckDb),
            "tools/Doorstroom.Bench with " + "DuckDB not found"
        );

        var problems = new List<string>();
        foreach (var product in projects.Values.Where(p => !p.Tool))
        {
            foreach (var reached in Closure(product, projects))
            {
                var via = reached == product ? "" : $" through {reached.Name}";
                if (reached.Tool || reached.Name.Contains("Bench", StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{product.Name} references the tools " + $"project {reached.Name}");
                problems.AddRange(reached.Packages.Where(IsDuckDb).Select(package => $"{product.Name} references {package}{via}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
    }

    [Fact]
    public void The_picture_is_read_by_its_boxes_not_by_its_node_names()
    {
        const string picture = """
            ```mermaid
            flowchart LR
                data[("files")]
                subgraph a["Doorstroom.A (pure)"]
                    a1["one"]
                    a2["two|three"]
                end
                subgraph b["Doorstroom.B"]
                    b1["end-sessions"]
                end
                subgraph c["Doorstroom.C"]
                end
                a1 & a2 -->|label| b1
                b --> c
                c -.->|over HTTP| a
                data --> a1
                a1 --> a2
                a2 --> data
            ```
            """;
        Assert.Equal(
            new[] { new Arrow("Doorstroom.A", "Doorstroom.B"), new Arrow("Doorstroom.B", "Doorstroom.C") },
            ProjectPicture.Arrows(picture).OrderBy(x => x.ToString(), StringComparer.Ordinal)
        );
    }

    [Fact]
    public void A_difference_names_the_missing_and_the_extra_arrow()
    {
        var drawn = ImmutableHashSet.Create(new Arrow("Doorstroom.Storage", "Doorstroom.Domain"), new Arrow("Doorstroom.Cli", "Doorstroom.Bench"));
        var referenced = ImmutableHashSet.Create(
            new Arrow("Doorstroom.Storage", "Doorstroom.Domain"),
            new Arrow("Doorstroom.Storage", "Doorstroom.Simulation")
        );
        Assert.Equal(
            new[]
            {
                "missing in the picture: Doorstroom.Storage --> Doorstroom.Simulation (a csproj references it)",
                "extra in the picture: Doorstroom.Cli --> Doorstroom.Bench (no csproj references it)",
            },
            Differences(drawn, referenced)
        );
    }

    private static ImmutableArray<string> Differences(ImmutableHashSet<Arrow> drawn, ImmutableHashSet<Arrow> referenced) =>
        [
            .. referenced.Where(a => !drawn.Contains(a)).Select(a => $"missing in the picture: {a} (a csproj references it)").Order(StringComparer.Ordinal),
            .. drawn.Where(a => !referenced.Contains(a)).Select(a => $"extra in the picture: {a} (no csproj references it)").Order(StringComparer.Ordinal),
        ];

    private static bool IsDuckDb(string package) => package.StartsWith("DuckDB", StringComparison.OrdinalIgnoreCase);

    private static string Root()
    {
        var root = DataPaths.RepositoryRoot();
        Assert.SkipWhen(root is null, "repository root (Doorstroom.slnx) not found from the test folder");
        return root!;
    }

    /// <summary>A csproj under <c>src/</c> (the product) or <c>tools/</c>: its referenced projects and packages by name.</summary>
    private sealed record Project(string Name, bool Tool, ImmutableArray<string> References, ImmutableArray<string> Packages);

    private static IEnumerable<Project> Projects(string root) =>
        from folder in new[] { "src", "tools" }
        let path = Path.Combine(root, folder)
        where Directory.Exists(path)
        from csproj in Directory.EnumerateFiles(path, "*.csproj", SearchOption.AllDirectories)
        let xml = XDocument.Load(csproj)
        select new Project(
            Path.GetFileNameWithoutExtension(csproj),
            folder == "tools",
            [.. xml.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))],
            [.. xml.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value)]
        );

    private static IEnumerable<Project> Closure(Project start, IReadOnlyDictionary<string, Project> projects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<Project>([start]);
        while (todo.TryPop(out var p))
        {
            if (!seen.Add(p.Name))
                continue;
            yield return p;
            foreach (var r in p.References)
                if (projects.TryGetValue(r, out var next))
                    todo.Push(next);
        }
    }

    /// <summary>
    /// Reads the first mermaid block: a <c>subgraph</c> whose title names <c>Doorstroom.X</c> is that project's box, and every
    /// node inside it belongs to the project. A solid arrow (<c>--&gt;</c>, with or without <c>|label|</c>, either side
    /// possibly <c>a &amp; b</c>) from a node of one project to a node of another is a project arrow; dashed arrows
    /// (<c>-.-&gt;</c>, a process talking to another) and arrows to data, stores and people are not.
    /// </summary>
    private static partial class ProjectPicture
    {
        public static ImmutableHashSet<Arrow> Arrows(string markdown)
        {
            var block = Block().Match(markdown);
            Assert.True(block.Success, "no ```mermaid block found");
            var projectOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var open = new Stack<string?>();
            var arrows = ImmutableHashSet.CreateBuilder<Arrow>();
            foreach (var raw in block.Groups[1].Value.Split('\n'))
            {
                var line = raw.Trim();
                if (Subgraph().Match(line) is { Success: true } sub)
                {
                    var project = ProjectName().Match(sub.Groups[2].Value) is { Success: true } name ? name.Value : open.FirstOrDefault(p => p is not null);
                    open.Push(project);
                    if (project is not null)
                        projectOf[sub.Groups[1].Value] = project;
                    continue;
                }
                if (line == "end")
                {
                    open.Pop();
                    continue;
                }
                var parts = ArrowToken().Split(line);
                if (parts.Length == 1)
                {
                    if (open.FirstOrDefault(p => p is not null) is { } owner && NodeId().Match(line) is { Success: true } node)
                        projectOf[node.Value] = owner;
                    continue;
                }
                // Split keeps the captured arrow: side, arrow, side, arrow, side …
                for (var i = 1; i + 1 < parts.Length; i += 2)
                {
                    if (parts[i] != "-->")
                        continue;
                    foreach (var from in Ids(parts[i - 1]))
                    {
                        foreach (var to in Ids(parts[i + 1]))
                        {
                            if (projectOf.TryGetValue(from, out var a) && projectOf.TryGetValue(to, out var b) && a != b)
                                arrows.Add(new Arrow(a, b));
                        }
                    }
                }
            }
            return arrows.ToImmutable();
        }

        private static IEnumerable<string> Ids(string side) =>
            side.Split('&', StringSplitOptions.TrimEntries).Select(s => NodeId().Match(s)).Where(m => m.Success).Select(m => m.Value);

        [GeneratedRegex(@"```mermaid\s*\n(.*?)```", RegexOptions.Singleline)]
        private static partial Regex Block();

        [GeneratedRegex(@"^subgraph\s+([A-Za-z_]\w*)\s*(?:\[(.*)\])?")]
        private static partial Regex Subgraph();

        [GeneratedRegex(@"Doorstroom\.[A-Za-z]+")]
        private static partial Regex ProjectName();

        [GeneratedRegex(@"\s*(-->|-\.->)\s*(?:\|[^|]*\|)?\s*")]
        private static partial Regex ArrowToken();

        [GeneratedRegex(@"^[A-Za-z_]\w*")]
        private static partial Regex NodeId();
    }
}
