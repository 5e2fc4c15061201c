namespace Doorstroom.Domain;

/// <summary>An institution's point on the map (WGS84 degrees) and what the point rests on.</summary>
/// <param name="Code">A vo vestiging's or mbo location's BRIN6.</param>
/// <param name="Mbo">True for an mbo location.</param>
public sealed record MapPlace(string Code, bool Mbo, double Lon, double Lat, PlaceBasis Basis)
{
    /// <summary>The mbo institution (BRIN4) of an mbo location, or the school board code of a vo vestiging.</summary>
    public string Brin4 => Code.Length >= 4 ? Code[..4] : Code;
}
