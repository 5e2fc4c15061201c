using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Simulation;

namespace Doorstroom.Storage.Tests;

/// <summary>Without the real data the demo stands on a synthetic world written into the institution tables; it must read back whole.</summary>
public sealed class SyntheticInstitutionsTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void A_synthetic_world_written_to_the_store_reads_back_as_the_same_world(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var world = SyntheticWorld.Build(seed: 3);
        SyntheticInstitutions.Write(store.Database, world, schooljaar: 2026);

        var domains = SyntheticWorld.Domains.ToImmutableDictionary(d => d.Domain, d => new DomainDirection(d.Domain, d.Direction, d.Direction == Direction.Groen, Confidence.High));
        var back = StoredWorld.Load(store.Database, domains);

        Assert.Equal(world.VoVestigingen.Where(v => v.Bb + v.Kb + v.Gl + v.Tl > 0).Select(v => (v.Brin6, v.Bb, v.Kb, v.Gl, v.Tl, v.Green)),
            back.VoVestigingen.Select(v => (v.Brin6, v.Bb, v.Kb, v.Gl, v.Tl, v.Green)));
        Assert.Equal(world.MboLocations.Select(l => (l.Brin6, l.Aoc)), back.MboLocations.Select(l => (l.Brin6, l.Aoc)));
        Assert.Equal(world.Qualifications.OrderBy(q => q.Crebo), back.Qualifications.OrderBy(q => q.Crebo));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Every_synthetic_institution_says_so_in_its_name(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        SyntheticInstitutions.Write(store.Database, SyntheticWorld.Build(), schooljaar: 2026);
        using var connection = store.Database.ConnectMigrated();
        foreach (var table in new[] { "vo_vestiging", "mbo_instelling", "mbo_locatie", "kwalificatie" })
        {
            Assert.True(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}") > 0, $"{table} is empty");
            Assert.Equal(0, connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE naam NOT LIKE '%{SyntheticInstitutions.Marker}%'"));
        }
    }
}
