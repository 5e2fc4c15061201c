using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>The map reads the vo vestigingen with DUO's coordinates and the mbo locations with their postcodes, on both stores.</summary>
public sealed class MapPlaceInputsTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void Vo_coordinates_and_mbo_postcodes_are_read_and_synthetic_names_marked(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, postcode, plaats, lon, lat)
                VALUES ('01AA00', '01AA', 'Het College', 'VMBO', '3511 AB', 'Utrecht', 5.12, 52.09)
                """
            );
            connection.Execute(
                "INSERT INTO mbo_locatie (brin6, brin4, naam, postcode, plaats) VALUES ('25LG01', '25LG', 'Roc (synthetisch)', '3511 XY', 'Utrecht')"
            );
        }

        var inputs = MapPlaceInputs.Read(store.Database);

        Assert.Equal(
            [
                new PlaceInput("01AA00", false, "3511 AB", "Utrecht", 5.12, 52.09),
                new PlaceInput("25LG01", true, "3511 XY", "Utrecht", null, null, Synthetic: true),
            ],
            inputs
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_synthetic_world_is_placed_on_the_map_at_made_up_points_marked_synthetic(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var world = new WorldBuilder()
            .Vo("10AA00", "Plaats 1", tl: 40)
            .Vo("10AB00", "Plaats 2", kb: 30)
            .Mbo("30AA00", "Plaats 1")
            .Mbo("30AA01", "Plaats 7")
            .Qualification(21000, MboLevel.Entree, "Entree", Direction.Intersectoraal)
            .Build();
        SyntheticInstitutions.Write(store.Database, world, 2026);

        var places = MapPlaces.Locate(MapPlaceInputs.Read(store.Database));

        Assert.Equal(["10AA00", "10AB00", "30AA00", "30AA01"], places.Select(p => p.Code));
        Assert.All(places, p => Assert.Equal(PlaceBasis.Synthetisch, p.Basis));
    }
}
