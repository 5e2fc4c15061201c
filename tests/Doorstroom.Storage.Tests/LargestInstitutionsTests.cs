namespace Doorstroom.Storage.Tests;

/// <summary>The demo picks its schools and ROCs by size through Storage; the order is by size, then by code.</summary>
public sealed class LargestInstitutionsTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void Vestigingen_by_pupils_rocs_by_locations_aocs_left_out(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        SyntheticInstitutions.Write(store.Database, SyntheticInstitutionsTests.World, schooljaar: 2026);

        Assert.Equal(["10AA00", "10AB00"], LargestInstitutions.VmboVestigingen(store.Database, 2));
        Assert.Equal(["30AA"], LargestInstitutions.Rocs(store.Database, 2));
        Assert.Equal(["30AA01"], LargestInstitutions.Locations(store.Database, "30AA", 1));
        Assert.Equal(
            new Dictionary<int, int>
            {
                [1] = 25655,
                [2] = 25180,
                [3] = 25600,
                [4] = 25502,
            },
            ProgrammeNames.LowestCreboPerNiveau(store.Database)
        );
    }
}
