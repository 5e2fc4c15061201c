using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The vo vestigingen and mbo locations of the store, paged by BRIN6 after a key (the API's cursor pages), and the one
/// question the API asks of a single code. Public data only.
/// </summary>
public static class InstitutionDirectory
{
    /// <summary>The vo vestigingen after <paramref name="after"/> by BRIN6, at most <paramref name="limit"/>, with their pupils in the newest school
    /// year.</summary>
    public static KeyPage<VoVestigingSummary> Vo(Database database, string? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, PupilDirectory.MaxPage);
        using var connection = database.ConnectMigrated();
        var year = connection.ExecuteScalar<int?>("SELECT MAX(schooljaar) FROM vo_leerlingen");
        var rows = connection
            .Query<VoRow>(
                """
                SELECT v.brin6 AS Brin6, v.brin4 AS Brin4, v.naam AS Naam, v.plaats AS Plaats,
                       (SELECT SUM(l.aantal) FROM vo_leerlingen l WHERE l.brin6 = v.brin6 AND l.schooljaar = @year) AS Leerlingen
                FROM vo_vestiging v WHERE v.brin6 > @after ORDER BY v.brin6 LIMIT @take
                """,
                new
                {
                    year,
                    after = after ?? "",
                    take = limit + 1,
                }
            )
            .Select(r => new VoVestigingSummary(r.Brin6, r.Brin4, r.Naam, r.Plaats, r.Leerlingen, r.Leerlingen is null ? null : year))
            .ToList();
        return Page(rows, limit, r => r.Brin6);
    }

    /// <summary>The mbo locations after <paramref name="after"/> by BRIN6, at most <paramref name="limit"/>, each with its institution's name.</summary>
    public static KeyPage<MboLocatieSummary> Mbo(Database database, string? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, PupilDirectory.MaxPage);
        using var connection = database.ConnectMigrated();
        var rows = connection
            .Query<MboRow>(
                """
                SELECT l.brin6 AS Brin6, l.brin4 AS Brin4, l.naam AS Naam, l.plaats AS Plaats, i.naam AS Instelling
                FROM mbo_locatie l JOIN mbo_instelling i ON i.brin4 = l.brin4
                WHERE l.brin6 > @after ORDER BY l.brin6 LIMIT @take
                """,
                new { after = after ?? "", take = limit + 1 }
            )
            .Select(r => new MboLocatieSummary(r.Brin6, r.Brin4, r.Naam, r.Plaats, r.Instelling))
            .ToList();
        return Page(rows, limit, r => r.Brin6);
    }

    /// <summary>True when the BRIN6 is an mbo location the store knows.</summary>
    public static bool IsMboLocation(Database database, string brin6)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM mbo_locatie WHERE brin6 = @brin6", new { brin6 }) > 0;
    }

    private static KeyPage<T> Page<T>(List<T> rows, int limit, Func<T, string> key)
    {
        var more = rows.Count > limit;
        if (more)
            rows.RemoveAt(limit);
        return new([.. rows], more ? key(rows[^1]) : null);
    }

    private sealed class VoRow
    {
        public string Brin6 { get; set; } = "";
        public string Brin4 { get; set; } = "";
        public string Naam { get; set; } = "";
        public string? Plaats { get; set; }
        public long? Leerlingen { get; set; }
    }

    private sealed class MboRow
    {
        public string Brin6 { get; set; } = "";
        public string Brin4 { get; set; } = "";
        public string Naam { get; set; } = "";
        public string? Plaats { get; set; }
        public string Instelling { get; set; } = "";
    }
}
