using System.Collections.Immutable;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The real aggregates of the imported DUO files (issue #4 item 6): vmbo exam candidates and pass rates per leerweg,
/// sector, vestiging and year (the inflow an AOC can expect), and pupils per leerjaar and leerweg. Plain SQL over
/// <c>vo_examen</c> and <c>vo_leerlingen</c>; the same on SQLite and PostgreSQL.
/// </summary>
public static class RealAggregates
{
    /// <summary>The dimensions of <see cref="ExamCandidates"/> and their columns.</summary>
    public static ImmutableDictionary<string, string> ExamDimensions { get; } =
        new Dictionary<string, string>
        {
            ["year"] = "schooljaar",
            ["onderwijstype"] = "onderwijstype",
            ["leerweg"] = "CASE WHEN leerweg = '' THEN onderwijstype ELSE leerweg END",
            ["sector"] = "CASE WHEN sector = '' THEN 'geen' ELSE sector END",
            ["vestiging"] = "brin6",
            ["instelling"] = "brin4",
        }.ToImmutableDictionary();

    /// <summary>The dimensions of <see cref="Pupils"/> and their columns.</summary>
    public static ImmutableDictionary<string, string> PupilDimensions { get; } =
        new Dictionary<string, string>
        {
            ["year"] = "schooljaar",
            ["onderwijstype"] = "onderwijstype",
            ["leerweg"] = "COALESCE(leerweg, 'geen')",
            ["leerjaar"] = "leerjaar",
            ["sector"] = "COALESCE(NULLIF(sector, ''), 'geen')",
            ["vestiging"] = "brin6",
            ["geslacht"] = "geslacht",
        }.ToImmutableDictionary();

    /// <summary>
    /// Exam candidates (geslacht = totaal) of one school year or all, of vmbo, havo, vwo or all, grouped by the given
    /// dimensions (<see cref="ExamDimensions"/>). Year is the first calendar year (2016 = 2016-2017).
    /// </summary>
    public static AggregateTable ExamCandidates(Database database, int? year, string onderwijstype, IReadOnlyList<string> by)
    {
        ArgumentNullException.ThrowIfNull(database);
        var keys = Keys(by, ExamDimensions);
        var where = "geslacht = 'totaal'" + (year is null ? "" : " AND schooljaar = @year") + (onderwijstype == "all" ? "" : " AND onderwijstype = @type");
        var sql = $"""
            SELECT {Select(keys)}
                   SUM(COALESCE(examenkandidaten, 0)) AS count,
                   SUM(examenkandidaten_lt5) AS suppressed,
                   SUM(CASE WHEN examenkandidaten_lt5 = 0 AND geslaagden_lt5 = 0 THEN geslaagden ELSE 0 END) AS passed,
                   SUM(CASE WHEN examenkandidaten_lt5 = 0 AND geslaagden_lt5 = 0 THEN examenkandidaten ELSE 0 END) AS passed_of
            FROM vo_examen WHERE {where}
            {GroupBy(keys)}
            """;
        using var connection = database.ConnectMigrated();
        var rows = connection
            .Query(sql, new { year, type = onderwijstype.ToUpperInvariant() })
            .Select(r => Row((IDictionary<string, object?>)r, keys.Length, exams: true))
            .ToImmutableArray();
        return new AggregateTable("exam-candidates", "DUO vo examens (examenkandidaten en geslaagden per vestiging)", [.. by], Sort(rows));
    }

    /// <summary>Pupils counted on 1 October of a school year (or all), grouped by the given dimensions (<see cref="PupilDimensions"/>).</summary>
    public static AggregateTable Pupils(Database database, int? year, IReadOnlyList<string> by)
    {
        ArgumentNullException.ThrowIfNull(database);
        var keys = Keys(by, PupilDimensions);
        var sql = $"""
            SELECT {Select(keys)} SUM(aantal) AS count, 0 AS suppressed, NULL AS passed, NULL AS passed_of
            FROM vo_leerlingen {(year is null ? "" : "WHERE schooljaar = @year")}
            {GroupBy(keys)}
            """;
        using var connection = database.ConnectMigrated();
        var rows = connection.Query(sql, new { year }).Select(r => Row((IDictionary<string, object?>)r, keys.Length, exams: false)).ToImmutableArray();
        return new AggregateTable("pupils", "DUO leerlingen vo per vestiging naar onderwijstype en leerjaar (teldatum 1 oktober)", [.. by], Sort(rows));
    }

    private static ImmutableArray<string> Keys(IReadOnlyList<string> by, ImmutableDictionary<string, string> dimensions)
    {
        foreach (var d in by.Where(d => !dimensions.ContainsKey(d)))
            throw new ArgumentException($"'{d}' is not a dimension here; expected {string.Join(", ", dimensions.Keys.Order())}", nameof(by));
        return [.. by.Select(d => dimensions[d])];
    }

    private static string Select(ImmutableArray<string> keys) => string.Concat(keys.Select((k, i) => $"{k} AS k{i}, "));

    private static string GroupBy(ImmutableArray<string> keys) => keys.IsEmpty ? "" : "GROUP BY " + string.Join(", ", keys.Select((_, i) => $"k{i}"));

    private static AggregateRow Row(IDictionary<string, object?> r, int keys, bool exams) =>
        new(
            [.. Enumerable.Range(0, keys).Select(i => Convert.ToString(r[$"k{i}"], System.Globalization.CultureInfo.InvariantCulture) ?? "")],
            Convert.ToInt64(r["count"] ?? 0L, System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(r["suppressed"] ?? 0L, System.Globalization.CultureInfo.InvariantCulture),
            exams ? Convert.ToInt64(r["passed"] ?? 0L, System.Globalization.CultureInfo.InvariantCulture) : null,
            exams ? Convert.ToInt64(r["passed_of"] ?? 0L, System.Globalization.CultureInfo.InvariantCulture) : null
        );

    private static ImmutableArray<AggregateRow> Sort(ImmutableArray<AggregateRow> rows) =>
        [.. rows.OrderBy(r => string.Join("\u0001", r.Keys), StringComparer.Ordinal)];
}
