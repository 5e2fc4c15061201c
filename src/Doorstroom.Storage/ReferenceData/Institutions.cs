using System.Collections.Immutable;
using System.Data.Common;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The public lists of vo vestigingen and mbo institutions: search by name or plaats, offset paging, one institution
/// in full. Plain SQL that runs alike on SQLite and PostgreSQL (search is case-insensitive through LOWER on both sides).
/// </summary>
public static class Institutions
{
    /// <summary>The rows on one page.</summary>
    public const int PageSize = 50;

    private const string VoColumns = "v.brin6, v.brin4, v.naam, v.plaats, v.onderwijsstructuur, v.leerlingen";

    /// <summary>The vo vestigingen whose name, plaats or BRIN6 contains <paramref name="query"/> (all when empty), by name.</summary>
    public static Paged<VoInstitution> Vo(Database database, string? query, int page)
    {
        ArgumentNullException.ThrowIfNull(database);
        page = Math.Max(1, page);
        using var connection = database.ConnectMigrated();
        var pattern = Pattern(query);
        // No "@pattern IS NULL" test: PostgreSQL cannot type a null parameter there, so the filter is left out instead.
        var where = pattern is null ? "" : $"WHERE LOWER(v.naam) {Like} OR LOWER(COALESCE(v.plaats, '')) {Like} OR LOWER(v.brin6) {Like}";
        var total = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM vo_vestiging v {where}", new { pattern });
        var rows = connection
            .Query<VoRow>(
                $"""
                SELECT {VoColumns} FROM vo_vestiging v {where}
                ORDER BY v.naam, v.brin6 LIMIT @limit OFFSET @offset
                """,
                new
                {
                    pattern,
                    limit = PageSize,
                    offset = (page - 1) * PageSize,
                }
            )
            .ToList();
        var (year, counts) = VmboCounts(connection, [.. rows.Select(r => r.Brin6)]);
        return new([.. rows.Select(r => r.With(year, counts))], total, page, PageSize);
    }

    /// <summary>One vo vestiging with its address and vmbo counts, or null when the store does not know it.</summary>
    public static VoDetails? VoVestiging(Database database, string brin6)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(brin6);
        using var connection = database.ConnectMigrated();
        var row = connection.QuerySingleOrDefault<VoDetailRow>(
            $"""
            SELECT {VoColumns}, v.denominatie, v.internetadres, v.straat, v.huisnummer, v.postcode, v.gemeente, v.provincie
            FROM vo_vestiging v WHERE v.brin6 = @brin6
            """,
            new { brin6 = brin6.ToUpperInvariant() }
        );
        if (row is null)
            return null;
        var (year, counts) = VmboCounts(connection, [row.Brin6]);
        return new(row.With(year, counts), row.Denominatie, row.Internetadres, row.Straat, row.Huisnummer, row.Postcode, row.Gemeente, row.Provincie);
    }

    /// <summary>
    /// The mbo institutions whose name, BRIN4, or a location's name or plaats contains <paramref name="query"/> (all when
    /// empty), by name, each with all its locations.
    /// </summary>
    public static Paged<MboInstitution> Mbo(Database database, string? query, int page)
    {
        ArgumentNullException.ThrowIfNull(database);
        page = Math.Max(1, page);
        using var connection = database.ConnectMigrated();
        var pattern = Pattern(query);
        var where = pattern is null
            ? ""
            : $"""
                WHERE LOWER(i.naam) {Like} OR LOWER(i.brin4) {Like} OR EXISTS (
                    SELECT 1 FROM mbo_locatie m WHERE m.brin4 = i.brin4 AND (LOWER(m.naam) {Like} OR LOWER(COALESCE(m.plaats, '')) {Like}))
                """;
        var total = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM mbo_instelling i {where}", new { pattern });
        var rows = connection
            .Query<MboRow>(
                $"""
                SELECT i.brin4, i.naam, i.soort, i.website, i.aoc FROM mbo_instelling i {where}
                ORDER BY i.naam, i.brin4 LIMIT @limit OFFSET @offset
                """,
                new
                {
                    pattern,
                    limit = PageSize,
                    offset = (page - 1) * PageSize,
                }
            )
            .ToList();
        var locations = Locations(connection, [.. rows.Select(r => r.Brin4)]);
        return new([.. rows.Select(r => r.With(locations))], total, page, PageSize);
    }

    /// <summary>One mbo institution with its locations, or null when the store does not know it.</summary>
    public static MboInstitution? MboInstelling(Database database, string brin4)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(brin4);
        using var connection = database.ConnectMigrated();
        var row = connection.QuerySingleOrDefault<MboRow>(
            "SELECT i.brin4, i.naam, i.soort, i.website, i.aoc FROM mbo_instelling i WHERE i.brin4 = @brin4",
            new { brin4 = brin4.ToUpperInvariant() }
        );
        return row?.With(Locations(connection, [row.Brin4]));
    }

    /// <summary>A LIKE against the search pattern, with a backslash as the escape character on both engines.</summary>
    private const string Like = "LIKE @pattern ESCAPE '\\'";

    /// <summary>
    /// The LIKE pattern that finds the query as typed: % and _ (and the escape character) are matched literally, so
    /// <c>?q=%</c> finds names with a % in them, not every row.
    /// </summary>
    private static string? Pattern(string? query)
    {
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q))
            return null;
        var escaped = q.ToLowerInvariant()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }

    /// <summary>The newest school year of the DUO pupil counts, and the vmbo pupils per vestiging and leerweg in it.</summary>
    private static (int? Year, ILookup<string, LeerwegCount> Counts) VmboCounts(DbConnection connection, ImmutableArray<string> brin6)
    {
        var year = connection.ExecuteScalar<int?>("SELECT MAX(schooljaar) FROM vo_leerlingen");
        if (year is null || brin6.IsEmpty)
            return (year, Array.Empty<(string, LeerwegCount)>().ToLookup(x => x.Item1, x => x.Item2));
        var counts = connection.Query<(string Brin6, string Leerweg, long Aantal)>(
            $"""
            SELECT brin6, leerweg, SUM(aantal) FROM vo_leerlingen
            WHERE schooljaar = @year AND leerweg IS NOT NULL AND {Database.InList(connection, "brin6", "brin6")}
            GROUP BY brin6, leerweg ORDER BY brin6, leerweg
            """,
            new { year, brin6 = brin6.ToArray() }
        );
        return (year, counts.ToLookup(c => c.Brin6, c => new LeerwegCount(c.Leerweg, c.Aantal)));
    }

    /// <summary>The locations of the institutions with their applications and enrolments from the event table.</summary>
    private static ILookup<string, MboSite> Locations(DbConnection connection, ImmutableArray<string> brin4)
    {
        if (brin4.IsEmpty)
            return Array.Empty<MboSite>().ToLookup(l => l.Brin4);
        var locations = connection
            .Query<(string Brin6, string Brin4, string Naam, string? Plaats)>(
                $"SELECT brin6, brin4, naam, plaats FROM mbo_locatie WHERE {Database.InList(connection, "brin4", "brin4")} ORDER BY brin4, naam, " + $"brin6",
                new { brin4 = brin4.ToArray() }
            )
            .ToList();
        var counts = new Dictionary<(string, string), long>();
        foreach (var chunk in locations.Select(l => l.Brin6).Chunk(500))
        {
            foreach (
                var (institution, kind, n) in connection.Query<(string, string, long)>(
                    $"""
                    SELECT institution, kind, COUNT(*) FROM event
                    WHERE {Database.InList(connection, "institution", "chunk")} AND kind IN ('Aangemeld', 'Ingeschreven')
                    GROUP BY institution, kind
                    """,
                    new { chunk }
                )
            )
                counts[(institution, kind)] = n;
        }
        return locations
            .Select(l => new MboSite(
                l.Brin6,
                l.Brin4,
                l.Naam,
                l.Plaats,
                counts.GetValueOrDefault((l.Brin6, "Aangemeld")),
                counts.GetValueOrDefault((l.Brin6, "Ingeschreven"))
            ))
            .ToLookup(l => l.Brin4);
    }

    // Dapper fills these by column name and converts the integer widths of either store (INTEGER, SMALLINT, BIGINT).
#pragma warning disable CA1812 // instantiated by Dapper
    private class VoRow
    {
        public string Brin6 { get; set; } = "";
        public string Brin4 { get; set; } = "";
        public string Naam { get; set; } = "";
        public string? Plaats { get; set; }
        public string Onderwijsstructuur { get; set; } = "";
        public long? Leerlingen { get; set; }

        public VoInstitution With(int? year, ILookup<string, LeerwegCount> counts) =>
            new(Brin6, Brin4, Naam, Plaats, Onderwijsstructuur, Leerlingen, year, [.. counts[Brin6]]);
    }

    private sealed class VoDetailRow : VoRow
    {
        public string? Denominatie { get; set; }
        public string? Internetadres { get; set; }
        public string? Straat { get; set; }
        public string? Huisnummer { get; set; }
        public string? Postcode { get; set; }
        public string? Gemeente { get; set; }
        public string? Provincie { get; set; }
    }

    private sealed class MboRow
    {
        public string Brin4 { get; set; } = "";
        public string Naam { get; set; } = "";
        public string? Soort { get; set; }
        public string? Website { get; set; }
        public long Aoc { get; set; }

        public MboInstitution With(ILookup<string, MboSite> locations) => new(Brin4, Naam, Soort, Website, Aoc == 1, [.. locations[Brin4]]);
    }
#pragma warning restore CA1812
}
