using System.Collections.Immutable;
using Doorstroom.Report;

namespace Doorstroom.Web;

/// <summary>The map of one "where to connect" view, or of the national overview: the SVG and what is on it, for its table.</summary>
/// <param name="Unplaced">Partners drawn on no line because no place is known for them (or for the subject).</param>
public sealed record WhereToConnectMap(string Svg, ImmutableArray<MapMarker> Markers, ImmutableArray<MapLine> Lines, int Unplaced)
{
    /// <summary>True when a point on the map is an approximation (an mbo location placed from the vo vestigingen near it).</summary>
    public bool AnyApproximated => Markers.Any(m => m.Place.Basis == Domain.PlaceBasis.Benadering);

    /// <summary>True when a point on the map is a synthetic institution at a made-up place.</summary>
    public bool AnySynthetic => Markers.Any(m => m.Place.Basis == Domain.PlaceBasis.Synthetisch);
}
