using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Domain;

/// <summary>
/// Puts institutions on the map of the Netherlands, honestly: a vo vestiging at its own coordinates (DUO's GeoJSON); an mbo location,
/// for which the KiesMBO list gives an address but no coordinates, at the mean of the vo vestigingen in its postcode area (the four
/// digits) or else in its plaats, marked <see cref="PlaceBasis.Benadering"/>; a synthetic (demo) institution at a made-up point near
/// one of a fixed list of Dutch towns, marked <see cref="PlaceBasis.Synthetisch"/>. What cannot be placed is left off (and counted by the
/// caller), never guessed.
/// </summary>
public static class MapPlaces
{
    /// <summary>The box a real coordinate must fall in (the European Netherlands with a margin); outside it a coordinate is ignored.</summary>
    public const double West = 3.0,
        East = 7.5,
        South = 50.5,
        North = 53.8;

    /// <summary>
    /// Towns spread over the country (approximate centres, degrees) that synthetic institutions are placed near: "Plaats n" of the
    /// synthetic world goes to town n modulo the list, any other name to one chosen by its hash. The synthetic place is not that town.
    /// </summary>
    public static ImmutableArray<(double Lon, double Lat)> SyntheticAnchors { get; } =
    [
        (4.90, 52.37),
        (4.48, 51.92),
        (4.30, 52.08),
        (5.12, 52.09),
        (5.47, 51.44),
        (6.57, 53.22),
        (5.09, 51.56),
        (5.22, 52.37),
        (4.78, 51.59),
        (5.86, 51.84),
        (5.97, 52.21),
        (5.90, 51.98),
        (4.64, 52.38),
        (6.89, 52.22),
        (5.39, 52.16),
        (4.83, 52.46),
        (5.30, 51.69),
        (6.09, 52.51),
        (4.49, 52.16),
        (5.69, 50.85),
        (4.67, 51.81),
        (5.66, 52.04),
        (5.80, 53.20),
        (4.75, 52.63),
        (6.90, 52.78),
        (6.17, 51.37),
        (6.16, 52.25),
        (4.36, 52.01),
        (5.66, 51.48),
        (5.06, 52.64),
        (6.56, 53.00),
        (3.61, 51.50),
        (5.99, 51.19),
        (5.92, 52.96),
        (5.47, 52.52),
        (3.89, 51.50),
        (4.76, 52.96),
        (6.30, 51.97),
        (5.52, 51.77),
        (4.71, 52.01),
        (6.10, 53.11),
        (6.79, 52.27),
        (4.47, 51.53),
        (5.66, 53.03),
        (3.83, 51.33),
        (5.98, 50.89),
        (6.19, 52.70),
        (5.62, 52.34),
        (5.43, 51.89),
        (6.72, 51.97),
    ];

    /// <summary>Every institution that can be placed, in input order; those that cannot are left out.</summary>
    public static ImmutableArray<MapPlace> Locate(IEnumerable<PlaceInput> institutions)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        var list = institutions.ToList();
        var exact = list.Where(i => !i.Synthetic && Inside(i)).ToList();
        var byArea = Means(exact, i => Pc4(i.Postcode));
        var byPlace = Means(exact, i => PlaceKey(i.Plaats));
        var result = ImmutableArray.CreateBuilder<MapPlace>(list.Count);
        foreach (var i in list)
        {
            if (Inside(i))
                result.Add(new MapPlace(i.Code, i.Mbo, i.Lon!.Value, i.Lat!.Value, i.Synthetic ? PlaceBasis.Synthetisch : PlaceBasis.Exact));
            else if (i.Synthetic)
                result.Add(SyntheticPlace(i));
            else if (Pc4(i.Postcode) is { } area && byArea.TryGetValue(area, out var a))
                result.Add(new MapPlace(i.Code, i.Mbo, a.Lon, a.Lat, PlaceBasis.Benadering));
            else if (PlaceKey(i.Plaats) is { } place && byPlace.TryGetValue(place, out var p))
                result.Add(new MapPlace(i.Code, i.Mbo, p.Lon, p.Lat, PlaceBasis.Benadering));
        }
        return result.ToImmutable();
    }

    /// <summary>The candidate nearest to a point (flat-earth distance, fine at the scale of the country); null when there is none.</summary>
    public static MapPlace? Nearest(MapPlace from, IEnumerable<MapPlace> candidates)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(candidates);
        var k = Math.Cos(52.2 * Math.PI / 180);
        return candidates.OrderBy(c => Square((c.Lon - from.Lon) * k) + Square(c.Lat - from.Lat)).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault();

        static double Square(double x) => x * x;
    }

    /// <summary>The four digits of a Dutch postcode ("1335 JV" → "1335"); null for anything else.</summary>
    public static string? Pc4(string? postcode)
    {
        var digits = postcode?.Trim();
        return digits is { Length: >= 4 } && digits[..4].All(char.IsAsciiDigit) ? digits[..4] : null;
    }

    private static string? PlaceKey(string? plaats) => string.IsNullOrWhiteSpace(plaats) ? null : plaats.Trim().ToUpperInvariant();

    private static bool Inside(PlaceInput i) => i.Lon is >= West and <= East && i.Lat is >= South and <= North;

    private static Dictionary<string, (double Lon, double Lat)> Means(List<PlaceInput> exact, Func<PlaceInput, string?> key) =>
        exact
            .Select(i => (Key: key(i), i))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Average(x => x.i.Lon!.Value), g.Average(x => x.i.Lat!.Value)), StringComparer.Ordinal);

    private static MapPlace SyntheticPlace(PlaceInput i)
    {
        var plaats = i.Plaats?.Trim() ?? "";
        var anchor =
            plaats.StartsWith("Plaats ", StringComparison.Ordinal) && int.TryParse(plaats[7..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n % SyntheticAnchors.Length
                : (int)(Fnv(plaats) % (uint)SyntheticAnchors.Length);
        var (lon, lat) = SyntheticAnchors[anchor];
        var h = Fnv(i.Code);
        // Up to about 3 km either way, so institutions of one synthetic place do not sit on one point.
        lon += ((h & 0xFFFF) / 65535.0 - 0.5) * 0.08;
        lat += ((h >> 16) / 65535.0 - 0.5) * 0.05;
        return new MapPlace(i.Code, i.Mbo, lon, lat, PlaceBasis.Synthetisch);
    }

    private static uint Fnv(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
            h = (h ^ c) * 16777619u;
        return h;
    }
}
