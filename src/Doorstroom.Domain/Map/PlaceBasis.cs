namespace Doorstroom.Domain;

/// <summary>Where a point on the map comes from: what the map must say about it.</summary>
public enum PlaceBasis
{
    /// <summary>The institution's own coordinates (a vo vestiging in DUO's GeoJSON).</summary>
    Exact,

    /// <summary>
    /// An approximation: an mbo location placed at the mean of the vo vestigingen in its postcode area (the four digits) or, failing
    /// that, its plaats, since the KiesMBO list has addresses but no coordinates.
    /// </summary>
    Benadering,

    /// <summary>A synthetic (demo) institution, placed at a made-up point: no real place.</summary>
    Synthetisch,
}
