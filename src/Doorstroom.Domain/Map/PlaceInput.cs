namespace Doorstroom.Domain;

/// <summary>An institution to put on the map, as the store holds it.</summary>
/// <param name="Code">A vo vestiging's or mbo location's BRIN6.</param>
/// <param name="Mbo">True for an mbo location.</param>
/// <param name="Lon">Longitude in degrees (WGS84), where known.</param>
/// <param name="Lat">Latitude in degrees (WGS84), where known.</param>
/// <param name="Synthetic">True for a synthetic (demo) institution.</param>
public sealed record PlaceInput(string Code, bool Mbo, string? Postcode, string? Plaats, double? Lon, double? Lat, bool Synthetic = false);
