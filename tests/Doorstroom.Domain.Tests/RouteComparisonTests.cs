namespace Doorstroom.Domain.Tests;

public sealed class RouteComparisonTests
{
    private static Cell At(string route, Leerweg leerweg, Direction sector) => new(route, 2020, "01AA00", "25LG", leerweg, sector, 2);

    private static void Pupils(MonitorCube cube, string route, Leerweg leerweg, Direction sector, int population, int hits)
    {
        for (var i = 0; i < population; i++)
            cube.Add(new Observation(Indicator.DiplomaNominaal, At(route, leerweg, sector), i < hits));
    }

    [Fact]
    public void Vm2_is_compared_with_the_normal_route_only_on_pupils_of_the_same_leerweg_and_sector()
    {
        var cube = new MonitorCube();
        // vm2: bb techniek 40 (30 hits), kb techniek 20 (10 hits).
        Pupils(cube, "vm2", Leerweg.Bb, Direction.Techniek, 40, 30);
        Pupils(cube, "vm2", Leerweg.Kb, Direction.Techniek, 20, 10);
        // normal route: bb techniek 100 (50 hits), kb techniek 100 (80 hits), tl economie 500 (not comparable: vm2 has none).
        Pupils(cube, "normale-route", Leerweg.Bb, Direction.Techniek, 100, 50);
        Pupils(cube, "normale-route", Leerweg.Kb, Direction.Techniek, 100, 80);
        Pupils(cube, "normale-route", Leerweg.Tl, Direction.Economie, 500, 450);
        // vm2 in a stratum the normal route lacks is left out too.
        Pupils(cube, "vm2", Leerweg.Gl, Direction.Groen, 7, 7);

        var c = RouteComparison.Compare(cube, Indicator.DiplomaNominaal, "vm2", "normale-route");

        Assert.Equal(2, c.Strata.Length);
        Assert.Equal((60L, 40L), (c.RoutePopulation, c.RouteHits)); // 40 + 20, 30 + 10
        Assert.Equal((200L, 130L), (c.AgainstPopulation, c.AgainstHits)); // 100 + 100, 50 + 80
        Assert.Equal(40.0 / 60, c.RouteRate!.Value, 10);
        // Standardised to vm2's mix: 40/60 × 50 % + 20/60 × 80 % = 60 %, against the crude 65 %.
        Assert.Equal(0.6, c.AgainstStandardised!.Value, 10);
        Assert.Equal(0.65, c.AgainstRate!.Value, 10);
        Assert.Equal((7L, 500L), (c.RouteOutside, c.AgainstOutside));
    }

    [Fact]
    public void A_stratum_whose_reference_rate_is_suppressed_leaves_the_standardised_rate_out()
    {
        var cube = new MonitorCube();
        Pupils(cube, "vakmanschapsroute", Leerweg.Kb, Direction.Techniek, 30, 20);
        Pupils(cube, "normale-route", Leerweg.Kb, Direction.Techniek, 8, 6); // fewer than 10: no rate may be shown
        var c = RouteComparison.Compare(cube, Indicator.DiplomaNominaal, "vakmanschapsroute", "normale-route");
        Assert.Single(c.Strata);
        Assert.Null(c.AgainstStandardised);
        Assert.Null(c.AgainstRate);
    }
}
