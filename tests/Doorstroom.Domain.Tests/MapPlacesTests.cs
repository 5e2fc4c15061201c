namespace Doorstroom.Domain.Tests;

/// <summary>Placing institutions on the map: own coordinates, an approximation for mbo locations, synthetic points marked.</summary>
public sealed class MapPlacesTests
{
    [Fact]
    public void A_vo_vestiging_keeps_its_own_coordinates()
    {
        var place = Assert.Single(MapPlaces.Locate([new PlaceInput("01AA00", false, "3511 AB", "Utrecht", 5.12, 52.09)]));
        Assert.Equal((5.12, 52.09, PlaceBasis.Exact), (place.Lon, place.Lat, place.Basis));
    }

    [Fact]
    public void An_mbo_location_is_placed_at_the_mean_of_the_vo_vestigingen_in_its_postcode_area_else_its_plaats()
    {
        var places = MapPlaces.Locate([
            new PlaceInput("01AA00", false, "3511 AB", "Utrecht", 5.10, 52.10),
            new PlaceInput("02BB00", false, "3511 CD", "Utrecht", 5.14, 52.08),
            new PlaceInput("03CC00", false, "3600 AA", "Maarssen", 5.04, 52.14),
            new PlaceInput("25LG01", true, "3511XY", "Elders", null, null),
            new PlaceInput("25LG02", true, "9999 ZZ", "maarssen ", null, null),
        ]);
        var byArea = places.Single(p => p.Code == "25LG01");
        Assert.Equal(PlaceBasis.Benadering, byArea.Basis);
        Assert.Equal(5.12, byArea.Lon, 6);
        Assert.Equal(52.09, byArea.Lat, 6);
        var byPlace = places.Single(p => p.Code == "25LG02");
        Assert.Equal((5.04, 52.14, PlaceBasis.Benadering), (byPlace.Lon, byPlace.Lat, byPlace.Basis));
    }

    [Fact]
    public void What_cannot_be_placed_is_left_off_and_a_coordinate_outside_the_country_is_not_believed()
    {
        var places = MapPlaces.Locate([new PlaceInput("25LG01", true, null, "Nergens", null, null), new PlaceInput("01AA00", false, null, null, 0, 0)]);
        Assert.Empty(places);
    }

    [Fact]
    public void A_synthetic_institution_gets_a_made_up_point_in_the_country_marked_synthetic_and_the_same_each_time()
    {
        PlaceInput[] input = [new("10AA00", false, null, "Plaats 3", null, null, Synthetic: true), new("30AA01", true, null, "Plaats 3", null, null, true)];
        var places = MapPlaces.Locate(input);
        Assert.All(places, p => Assert.Equal(PlaceBasis.Synthetisch, p.Basis));
        Assert.All(places, p => Assert.InRange(p.Lon, MapPlaces.West, MapPlaces.East));
        Assert.All(places, p => Assert.InRange(p.Lat, MapPlaces.South, MapPlaces.North));
        Assert.NotEqual((places[0].Lon, places[0].Lat), (places[1].Lon, places[1].Lat));
        Assert.Equal(places, MapPlaces.Locate(input));
        // Near the same anchor: within about 5 km.
        Assert.InRange(Math.Abs(places[0].Lat - places[1].Lat), 0, 0.05);
    }

    [Fact]
    public void The_nearest_location_of_an_institution_is_the_one_a_line_goes_to()
    {
        var school = new MapPlace("01AA00", false, 5.12, 52.09, PlaceBasis.Exact);
        var near = new MapPlace("25LG02", true, 5.2, 52.1, PlaceBasis.Benadering);
        var far = new MapPlace("25LG01", true, 6.5, 53.2, PlaceBasis.Benadering);
        Assert.Equal(near, MapPlaces.Nearest(school, [far, near]));
        Assert.Null(MapPlaces.Nearest(school, []));
    }
}
