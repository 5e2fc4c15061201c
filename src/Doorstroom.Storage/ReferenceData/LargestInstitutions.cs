using System.Collections.Immutable;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>Institutions ranked by size, largest first and ties by code, for picking examples (the demo's schools and ROCs).</summary>
public static class LargestInstitutions
{
    /// <summary>The vo vestigingen with the most vmbo pupils in DUO's newest count.</summary>
    public static ImmutableArray<string> VmboVestigingen(Database database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
        [
            .. connection.Query<string>(
                """
                SELECT brin6 FROM vo_leerlingen
                WHERE leerweg IS NOT NULL AND schooljaar = (SELECT MAX(schooljaar) FROM vo_leerlingen)
                GROUP BY brin6 ORDER BY SUM(aantal) DESC, brin6 LIMIT @count
                """,
                new { count }
            ),
        ];
    }

    /// <summary>The mbo institutions other than AOCs with the most locations.</summary>
    public static ImmutableArray<string> Rocs(Database database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
        [
            .. connection.Query<string>(
                """
                SELECT l.brin4 FROM mbo_locatie l JOIN mbo_instelling i ON i.brin4 = l.brin4
                WHERE i.aoc = 0 GROUP BY l.brin4 ORDER BY COUNT(*) DESC, l.brin4 LIMIT @count
                """,
                new { count }
            ),
        ];
    }

    /// <summary>The first locations (BRIN6, in code order) of an mbo institution.</summary>
    public static ImmutableArray<string> Locations(Database database, string brin4, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. connection.Query<string>("SELECT brin6 FROM mbo_locatie WHERE brin4 = @brin4 ORDER BY brin6 LIMIT @count", new { brin4, count })];
    }
}
