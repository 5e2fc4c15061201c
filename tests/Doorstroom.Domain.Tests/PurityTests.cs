using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>Design rule 2: the Domain is pure — no package, no I/O, no clock, no console.</summary>
public sealed class PurityTests
{
    private static readonly string[] ForbiddenNamespaces =
    [
        "System.IO",
        "System.Net",
        "System.Data",
        "Microsoft.Data",
        "System.Text.Json",
        "System.Threading.Tasks",
    ];
    private static readonly string[] ForbiddenTypes =
    [
        "System.Console",
        "System.Environment",
        "System.TimeProvider",
        "System.Random",
        "System.AppContext",
        "System.Diagnostics.Process",
        "System.Diagnostics.Stopwatch",
    ];
    private static readonly (string Type, string Member)[] ForbiddenMembers =
    [
        ("System.DateTime", "get_Now"),
        ("System.DateTime", "get_UtcNow"),
        ("System.DateTime", "get_Today"),
        ("System.DateTimeOffset", "get_Now"),
        ("System.DateTimeOffset", "get_UtcNow"),
    ];

    [Fact]
    public void Domain_project_references_no_package_and_no_other_project()
    {
        var root = DataPaths.RepositoryRoot();
        Assert.SkipWhen(root is null, "repository root (Doorstroom.slnx) not found from the test folder");
        var project = XDocument.Load(Path.Combine(root!, "src", "Doorstroom.Domain", "Doorstroom.Domain.csproj"));
        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("FrameworkReference"));
    }

    [Fact]
    public void Domain_assembly_references_only_the_base_framework()
    {
        var references = typeof(Planner).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name =>
            Assert.True(
                name
                    is "System.Runtime"
                        or "System.Collections"
                        or "System.Collections.Immutable"
                        or "System.Linq"
                        or "System.Memory"
                        or "System.Runtime.InteropServices",
                $"Doorstroom.Domain references {name}"
            )
        );
    }

    [Fact]
    public void Domain_code_uses_no_io_no_clock_no_console()
    {
        using var stream = File.OpenRead(typeof(Planner).Assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var used = new List<string>();
        foreach (var handle in md.TypeReferences)
        {
            var t = md.GetTypeReference(handle);
            used.Add($"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}");
        }
        Assert.Contains("System.DateOnly", used);
        Assert.DoesNotContain(used, t => ForbiddenNamespaces.Any(ns => t.StartsWith(ns + ".", StringComparison.Ordinal)));
        Assert.DoesNotContain(used, t => ForbiddenTypes.Contains(t));

        foreach (var handle in md.MemberReferences)
        {
            var m = md.GetMemberReference(handle);
            if (m.Parent.Kind != HandleKind.TypeReference)
                continue;
            var parent = md.GetTypeReference((TypeReferenceHandle)m.Parent);
            var type = $"{md.GetString(parent.Namespace)}.{md.GetString(parent.Name)}";
            var name = md.GetString(m.Name);
            Assert.DoesNotContain((type, name), ForbiddenMembers);
        }
    }

    [Fact]
    public void Domain_assembly_loads_no_file_of_its_own()
    {
        // Every type of the Domain is data or a pure function: no static constructor reads anything outside the assembly.
        var types = typeof(Planner).Assembly.GetTypes();
        Assert.DoesNotContain(types, t =>
            t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public).Any(f => typeof(Stream).IsAssignableFrom(f.FieldType))
        );
    }
}
