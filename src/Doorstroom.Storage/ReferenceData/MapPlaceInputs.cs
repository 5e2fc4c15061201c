using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The vo vestigingen and mbo locations of the store as the map places them (<see cref="MapPlaces.Locate"/>).</summary>
public static class MapPlaceInputs
{
    /// <summary>
    /// Every vo vestiging with its coordinates (DUO's GeoJSON keeps them in <c>lon</c>, <c>lat</c>) and every mbo location with its postcode
    /// and plaats (KiesMBO has no coordinates); a name with <see cref="SyntheticInstitutions.Marker"/> marks a synthetic institution.
    /// </summary>
    public static ImmutableArray<PlaceInput> Read(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        var rows = connection.Query<Row>(
            """
            SELECT brin6 AS Code, 0 AS Mbo, postcode AS Postcode, plaats AS Plaats, lon AS Lon, lat AS Lat, naam AS Naam FROM vo_vestiging
            UNION ALL
            SELECT brin6, 1, postcode, plaats, NULL, NULL, naam FROM mbo_locatie
            ORDER BY 1
            """
        );
        return
        [
            .. rows.Select(r => new PlaceInput(
                r.Code,
                r.Mbo != 0,
                r.Postcode,
                r.Plaats,
                r.Lon,
                r.Lat,
                r.Naam.Contains(SyntheticInstitutions.Marker, StringComparison.Ordinal)
            )),
        ];
    }

    private sealed class Row
    {
        public string Code { get; set; } = "";
        public long Mbo { get; set; }
        public string? Postcode { get; set; }
        public string? Plaats { get; set; }
        public double? Lon { get; set; }
        public double? Lat { get; set; }
        public string Naam { get; set; } = "";
    }
}
