using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Doorstroom.Simulation.Tests;

/// <summary>The simulator is pure like the Domain: its only randomness is the seeded Random; no clock, no I/O, no console.</summary>
public sealed class PurityTests
{
    private static readonly string[] Forbidden =
    [
        "System.IO.",
        "System.Net.",
        "System.Console",
        "System.Environment",
        "System.TimeProvider",
        "System.Diagnostics.Stopwatch",
        "System.Threading.",
        "System.Security.Cryptography.",
        "System.DateTime.get_Now",
        "System.DateTime.get_UtcNow",
        "System.DateTime.get_Today",
        "System.DateTimeOffset.",
        "System.Random.get_Shared",
        "System.Guid.NewGuid",
    ];

    /// <summary>What the compiler itself emits: an iterator's GetEnumerator asks for the managed thread id.</summary>
    private static readonly string[] CompilerGenerated = ["System.Environment", "System.Environment.get_CurrentManagedThreadId"];

    [Fact]
    public void Simulation_references_only_the_base_framework_and_the_Domain()
    {
        var references = typeof(Simulator).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet();
        Assert.Contains("Doorstroom.Domain", references);
        Assert.Subset(
            new HashSet<string> { "System.Runtime", "System.Collections", "System.Collections.Immutable", "System.Linq", "System.Memory", "Doorstroom.Domain" },
            references
        );
    }

    [Fact]
    public void Simulation_code_uses_no_clock_no_io_and_no_unseeded_randomness()
    {
        using var stream = File.OpenRead(typeof(Simulator).Assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var used = new List<string>();
        foreach (var handle in md.TypeReferences)
            used.Add(Name(md, handle));
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
                used.Add(Name(md, (TypeReferenceHandle)member.Parent) + "." + md.GetString(member.Name));
        }
        Assert.Contains("System.Random", used);
        Assert.DoesNotContain(used, name => !CompilerGenerated.Contains(name) && Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    private static string Name(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        return $"{md.GetString(type.Namespace)}.{md.GetString(type.Name)}";
    }
}
