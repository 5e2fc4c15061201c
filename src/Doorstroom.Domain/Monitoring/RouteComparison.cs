using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>One stratum of comparable pupils: the same vmbo leerweg and sector, on both routes.</summary>
public sealed record Stratum(string Leerweg, string Sector, long RoutePopulation, long RouteHits, long AgainstPopulation, long AgainstHits);

/// <summary>
/// A route against a reference route on comparable pupils (issue #4: VM2 against the normal route, vakmanschapsroute
/// against the normal route). Only strata (leerweg × sector) that both routes have are compared; the reference's rate
/// is also given standardised to the route's own mix of strata, so a difference is not just a different intake.
/// </summary>
/// <param name="Strata">The strata both routes have, by leerweg then sector.</param>
/// <param name="RoutePopulation">The route's pupils in those strata.</param>
/// <param name="RouteHits">Their hits.</param>
/// <param name="AgainstPopulation">The reference route's pupils in those strata.</param>
/// <param name="AgainstHits">Their hits.</param>
/// <param name="AgainstStandardised">Σ over strata of (route's share of its pupils in the stratum × reference's rate there); null when a stratum's reference
/// rate may not be shown.</param>
/// <param name="RouteOutside">The route's pupils in strata the reference does not have (not compared).</param>
/// <param name="AgainstOutside">The reference's pupils in strata the route does not have.</param>
public sealed record RouteComparison(
    Indicator Indicator,
    string Route,
    string Against,
    ImmutableArray<Stratum> Strata,
    long RoutePopulation,
    long RouteHits,
    long AgainstPopulation,
    long AgainstHits,
    double? AgainstStandardised,
    long RouteOutside,
    long AgainstOutside
)
{
    /// <summary>The route's rate on comparable pupils (suppressed as <see cref="Suppression.Rate"/> says).</summary>
    public double? RouteRate => Suppression.Rate(RouteHits, RoutePopulation);

    /// <summary>The reference's crude rate on the comparable strata.</summary>
    public double? AgainstRate => Suppression.Rate(AgainstHits, AgainstPopulation);

    /// <summary>Compares <paramref name="route"/> with <paramref name="against"/> on one indicator, over the cells <paramref name="where"/> accepts.</summary>
    public static RouteComparison Compare(MonitorCube cube, Indicator indicator, string route, string against, Func<Cell, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        var table = cube.Table(indicator, [Dimension.Route, Dimension.Leerweg, Dimension.Sector], cell =>
            (cell.Route == route || cell.Route == against) && (where is null || where(cell))
        );
        var mine = table.Rows.Where(r => r.Keys[0] == route).ToDictionary(r => (r.Keys[1], r.Keys[2]));
        var theirs = table.Rows.Where(r => r.Keys[0] == against).ToDictionary(r => (r.Keys[1], r.Keys[2]));
        var strata = mine
            .Keys.Where(theirs.ContainsKey)
            .Order()
            .Select(k => new Stratum(k.Item1, k.Item2, mine[k].Population, mine[k].Hits, theirs[k].Population, theirs[k].Hits))
            .ToImmutableArray();
        long rp = strata.Sum(s => s.RoutePopulation),
            rh = strata.Sum(s => s.RouteHits);
        long ap = strata.Sum(s => s.AgainstPopulation),
            ah = strata.Sum(s => s.AgainstHits);
        double? standardised = null;
        if (rp > 0 && strata.All(s => Suppression.Rate(s.AgainstHits, s.AgainstPopulation) is not null))
            standardised = strata.Sum(s => (double)s.RoutePopulation / rp * s.AgainstHits / s.AgainstPopulation);
        return new RouteComparison(
            table.Indicator,
            route,
            against,
            strata,
            rp,
            rh,
            ap,
            ah,
            standardised,
            mine.Where(p => !theirs.ContainsKey(p.Key)).Sum(p => p.Value.Population),
            theirs.Where(p => !mine.ContainsKey(p.Key)).Sum(p => p.Value.Population)
        );
    }
}
