using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>Without the real data the demo stands on a synthetic world written into the institution tables; it must read back whole.</summary>
public sealed class SyntheticInstitutionsTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void A_synthetic_world_written_to_the_store_reads_back_as_the_same_world(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var world = World;
        SyntheticInstitutions.Write(store.Database, world, schooljaar: 2026);

        var back = StoredWorld.Load(store.Database, Domains);

        Assert.Equal(
            world.VoVestigingen.Where(v => v.Bb + v.Kb + v.Gl + v.Tl > 0).Select(v => (v.Brin6, v.Bb, v.Kb, v.Gl, v.Tl, v.Green)),
            back.VoVestigingen.Select(v => (v.Brin6, v.Bb, v.Kb, v.Gl, v.Tl, v.Green))
        );
        Assert.Equal(world.MboLocations.Select(l => (l.Brin6, l.Aoc)), back.MboLocations.Select(l => (l.Brin6, l.Aoc)));
        Assert.Equal(world.Qualifications.OrderBy(q => q.Crebo), back.Qualifications.OrderBy(q => q.Crebo));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Every_synthetic_institution_says_so_in_its_name(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        SyntheticInstitutions.Write(store.Database, World, schooljaar: 2026);
        using var connection = store.Database.ConnectMigrated();
        foreach (var table in new[] { "vo_vestiging", "mbo_instelling", "mbo_locatie", "kwalificatie" })
        {
            Assert.True(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}") > 0, $"{table} is empty");
            Assert.Equal(0, connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE naam NOT LIKE '%{SyntheticInstitutions.Marker}%'"));
        }
    }

    // Made by hand: a vestiging without vmbo pupils (left out when read back), a green one, an AOC and a ROC with two
    // locations, and kwalificaties at four niveaus in a green and an ordinary domain.
    internal static readonly World World = new WorldBuilder()
        .Vo("10AA00", "UTRECHT", bb: 40, kb: 60, gl: 20, tl: 80)
        .Vo("10AB00", "ZWOLLE", bb: 10, kb: 0, gl: 0, tl: 5, green: true)
        .Vo("10AC00", "ASSEN")
        .Mbo("30AA01", "UTRECHT")
        .Mbo("30AA02", "AMERSFOORT")
        .Mbo("30AB01", "ZWOLLE", aoc: true)
        .Qualification(25655, MboLevel.Entree, "Zorg en welzijn", Direction.ZorgEnWelzijn)
        .Qualification(25180, MboLevel.Basisberoeps, "Zorg en welzijn", Direction.ZorgEnWelzijn)
        .Qualification(25502, MboLevel.Middenkader, "Voedsel, natuur en leefomgeving", Direction.Groen)
        .Qualification(25600, MboLevel.Vak, "Voedsel, natuur en leefomgeving", Direction.Groen)
        .Build();

    private static readonly ImmutableDictionary<string, DomainDirection> Domains = new[]
    {
        new DomainDirection("Zorg en welzijn", Direction.ZorgEnWelzijn, false, Confidence.High),
        new DomainDirection("Voedsel, natuur en leefomgeving", Direction.Groen, true, Confidence.High),
    }.ToImmutableDictionary(d => d.Domain);
}
