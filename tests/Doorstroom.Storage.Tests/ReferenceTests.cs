namespace Doorstroom.Storage.Tests;

/// <summary>The store points at the Domain and the Catalogue only (docs/architecture.md, decision 0028).</summary>
public sealed class ReferenceTests
{
    [Fact]
    public void Storage_does_not_reference_the_Simulation()
    {
        var storage = typeof(Database).Assembly;
        Assert.DoesNotContain(storage.GetReferencedAssemblies(), a => a.Name == "Doorstroom.Simulation");
        // A project reference that no code uses leaves no assembly reference, but it still copies the assembly here.
        Assert.False(
            File.Exists(Path.Combine(AppContext.BaseDirectory, "Doorstroom.Simulation.dll")),
            "Doorstroom.Simulation.dll is in the Storage tests' output: Storage (or its tests) references the Simulation"
        );
    }
}
