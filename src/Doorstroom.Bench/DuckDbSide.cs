using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Doorstroom.Domain;
using DuckDB.NET.Data;

namespace Doorstroom.Bench;

/// <summary>
/// The same indicators in DuckDB's SQL, in-process over the same CSV: pupil-level facts by aggregates over each pupil's
/// events, enrolment on a peildatum by an ASOF JOIN on a state-change key (the last change on or before the day), then
/// one <c>GROUP BY indicator, CUBE(route, cohort, vo, mbo, leerweg, sector, niveau)</c> into a table.
/// </summary>
internal static class DuckDbSide
{
    public sealed record Outcome(EngineRun Run, Dictionary<(string Figure, string Key), Counts> Headline, Dictionary<Indicator, Dictionary<int, int>> Groups);

    public static ImmutableArray<string> Notes(int threads) =>
    [
        $"DuckDB runs in-process (DuckDB.NET.Data.Full) with SET threads = {threads}, an in-memory database, default memory_limit (80% of RAM) and a temp_directory beside the CSV to spill to; its time includes read_csv into a table",
        "DuckDB's enrolment on a peildatum: an ASOF JOIN over the state changes keyed day×4+rank (Uitgeschreven effective the next day, rank 0; Ingeschreven 1; Geswitcht 2), the same key ours sorts on",
    ];

    /// <summary>The statements, in order, each with the stage it belongs to.</summary>
    internal static ImmutableArray<(string Stage, string Sql)> Statements(string eventsCsv, string crebosCsv, int threads) =>
    [
        ("settings", $"SET threads = {threads}; SET preserve_insertion_order = false; SET temp_directory = '{Quote(Path.Combine(Path.GetDirectoryName(eventsCsv) ?? ".", "duckdb.tmp"))}';"),
        ("load", $$"""
            CREATE TABLE ev AS SELECT * FROM read_csv('{{Quote(eventsCsv)}}', delim = ';', header = true, quote = '"', escape = '"',
              columns = {'pupil': 'VARCHAR', 'date': 'DATE', 'type': 'VARCHAR', 'institution': 'VARCHAR', 'leerweg': 'VARCHAR',
                         'leerjaar': 'INTEGER', 'niveau': 'INTEGER', 'crebo': 'INTEGER', 'route': 'VARCHAR', 'detail': 'VARCHAR',
                         'synthetic': 'BOOLEAN', 'birth_date': 'DATE'});
            CREATE TABLE crebo AS SELECT * FROM read_csv('{{Quote(crebosCsv)}}', delim = ';', header = true,
              columns = {'crebo': 'INTEGER', 'niveau': 'INTEGER', 'domain': 'VARCHAR', 'direction': 'VARCHAR'});
            """),
        ("pupils", """
            CREATE TABLE through AS SELECT max(date) AS through FROM ev;
            CREATE TABLE pupil AS
            SELECT pupil,
              max(birth_date) AS birth,
              coalesce(arg_min(route, date) FILTER (WHERE type = 'Ingeschreven' AND route IS NOT NULL), 'onbekend') AS route,
              arg_max(institution, date) FILTER (WHERE type = 'Uitgeschreven' AND niveau IS NULL AND coalesce(leerweg, '') NOT IN ('bol', 'bbl')) AS vo,
              arg_max(leerweg, date) FILTER (WHERE leerweg IN ('bb', 'kb', 'gl', 'tl')) AS lw,
              min(date) FILTER (WHERE type = 'DiplomaBehaald' AND (niveau >= 2 OR (niveau IS NULL AND leerweg IS NULL))) AS sk,
              min(date) FILTER (WHERE type = 'Ingeschreven' AND niveau IS NOT NULL) AS entry,
              arg_min(institution, date) FILTER (WHERE type = 'Ingeschreven' AND niveau IS NOT NULL) AS entry_inst,
              arg_min(leerweg, date) FILTER (WHERE type = 'Ingeschreven' AND niveau IS NOT NULL) AS entry_lw,
              arg_min(niveau, date) FILTER (WHERE type = 'Ingeschreven' AND niveau IS NOT NULL) AS entry_niveau,
              arg_min(crebo, date) FILTER (WHERE type = 'Ingeschreven' AND niveau IS NOT NULL) AS entry_crebo,
              max(date) FILTER (WHERE type = 'Uitgeschreven' AND leerweg IN ('bb', 'kb', 'gl', 'tl')) AS vmbo_left,
              min(date) FILTER (WHERE type IN ('Ingeschreven', 'Geswitcht', 'Uitgeschreven')) AS first_change
            FROM ev GROUP BY pupil;
            CREATE TABLE st AS
            SELECT pupil,
              datediff('day', DATE '1970-01-01', CASE WHEN type = 'Uitgeschreven' THEN date + 1 ELSE date END) * 4
                + CASE type WHEN 'Uitgeschreven' THEN 0 WHEN 'Ingeschreven' THEN 1 ELSE 2 END AS k,
              type <> 'Uitgeschreven' AS enrolled, institution, niveau, crebo, detail
            FROM ev WHERE type IN ('Ingeschreven', 'Geswitcht', 'Uitgeschreven');
            """),
        ("D2 nieuwe vsv", """
            CREATE TABLE obs_vsv AS
            WITH years AS (
              SELECT p.pupil, unnest(range(year(p.first_change), year(t.through))) AS y FROM pupil p, through t WHERE p.first_change IS NOT NULL),
            probe AS (
              SELECT y.pupil, y.y, datediff('day', DATE '1970-01-01', make_date(y.y, 10, 1)) * 4 + 3 AS k1,
                datediff('day', DATE '1970-01-01', make_date(y.y + 1, 10, 1)) * 4 + 3 AS k2
              FROM years y, through t WHERE make_date(y.y + 1, 10, 1) <= t.through),
            state_now AS (
              SELECT probe.pupil, probe.y, probe.k2, s.institution, s.niveau, s.crebo
              FROM probe ASOF JOIN st s ON probe.pupil = s.pupil AND probe.k1 >= s.k WHERE s.enrolled),
            state_next AS (
              SELECT n.*, s.enrolled AS enrolled_then, s.detail AS detail_then
              FROM state_now n ASOF LEFT JOIN st s ON n.pupil = s.pupil AND n.k2 >= s.k)
            SELECT 'NieuweVsv' AS indicator, p.route, n.y AS cohort, p.vo,
              CASE WHEN n.niveau IS NOT NULL THEN left(n.institution, 4) END AS mbo, p.lw,
              CASE WHEN n.niveau IS NOT NULL THEN c.direction END AS sector, n.niveau,
              NOT coalesce(n.enrolled_then, false) AND (p.sk IS NULL OR p.sk > make_date(n.y + 1, 10, 1)) AS hit
            FROM state_next n JOIN pupil p USING (pupil) LEFT JOIN crebo c ON c.crebo = n.crebo
            WHERE (p.birth IS NULL OR p.birth + INTERVAL 22 YEAR > make_date(n.y, 10, 1))
              AND NOT (NOT coalesce(n.enrolled_then, false) AND lower(coalesce(n.detail_then, '')) = 'buitenland');
            """),
        ("D6 switch", """
            CREATE TABLE obs_switch AS
            WITH pop AS (
              SELECT p.*, c.domain AS entry_domain, c.direction AS entry_direction
              FROM pupil p LEFT JOIN crebo c ON c.crebo = p.entry_crebo, through t
              WHERE p.entry_lw = 'bol' AND p.entry_niveau >= 2 AND CAST(p.entry + INTERVAL 1 YEAR AS DATE) <= t.through),
            flags AS (
              SELECT pop.pupil,
                bool_or(e.type = 'Uitgeschreven' AND e.niveau IS NULL AND coalesce(e.leerweg, '') NOT IN ('bol', 'bbl')
                        AND e.date >= pop.entry - 62 AND e.date < pop.entry) AS direct,
                bool_or(e.type = 'Geswitcht' AND e.date >= pop.entry AND e.date < CAST(pop.entry + INTERVAL 1 YEAR AS DATE)
                        AND pop.entry_domain IS NOT NULL AND c.domain IS NOT NULL AND c.domain <> pop.entry_domain) AS switched
              FROM pop JOIN ev e ON e.pupil = pop.pupil AND e.type IN ('Uitgeschreven', 'Geswitcht')
              LEFT JOIN crebo c ON c.crebo = e.crebo
              GROUP BY pop.pupil)
            SELECT 'Switch' AS indicator, pop.route, CASE WHEN month(pop.entry) >= 8 THEN year(pop.entry) ELSE year(pop.entry) - 1 END AS cohort,
              pop.vo, left(pop.entry_inst, 4) AS mbo, pop.lw, pop.entry_direction AS sector, pop.entry_niveau AS niveau, f.switched AS hit
            FROM pop JOIN flags f USING (pupil) WHERE f.direct;
            """),
        ("doorstroom vo→mbo", """
            CREATE TABLE obs_doorstroom AS
            WITH pop AS (
              SELECT p.*, CASE WHEN month(p.vmbo_left) >= 10 THEN year(p.vmbo_left) + 1 ELSE year(p.vmbo_left) END AS t
              FROM pupil p WHERE p.vmbo_left IS NOT NULL),
            probe AS (
              SELECT pop.pupil, 'DoorstroomVoMbo' AS indicator, pop.t, make_date(pop.t, 10, 1) AS d FROM pop
              UNION ALL
              SELECT pop.pupil, 'DoorstroomVoMboNaEenJaar', pop.t, make_date(pop.t + 1, 10, 1) FROM pop),
            keyed AS (
              SELECT probe.*, datediff('day', DATE '1970-01-01', probe.d) * 4 + 3 AS k FROM probe, through t WHERE probe.d <= t.through),
            state_at AS (
              SELECT keyed.pupil, keyed.indicator, keyed.t, s.enrolled AND s.niveau IS NOT NULL AS hit, s.institution, s.niveau, s.crebo
              FROM keyed ASOF LEFT JOIN st s ON keyed.pupil = s.pupil AND keyed.k >= s.k)
            SELECT a.indicator, p.route, a.t AS cohort, p.vo,
              CASE WHEN a.hit THEN left(a.institution, 4) END AS mbo, p.lw,
              CASE WHEN a.hit THEN c.direction END AS sector, CASE WHEN a.hit THEN a.niveau END AS niveau, coalesce(a.hit, false) AS hit
            FROM state_at a JOIN pupil p USING (pupil) LEFT JOIN crebo c ON c.crebo = a.crebo;
            """),
        ("GROUP BY CUBE", """
            CREATE TABLE obs AS
              SELECT * FROM obs_vsv UNION ALL SELECT * FROM obs_switch UNION ALL SELECT * FROM obs_doorstroom;
            CREATE TABLE cube AS
            SELECT indicator, GROUPING(route, cohort, vo, mbo, lw, sector, niveau) AS g,
              route, cohort, vo, mbo, lw, sector, niveau, count(*) AS population, count(*) FILTER (WHERE hit) AS hits
            FROM obs
            GROUP BY indicator, CUBE(route, cohort, vo, mbo, lw, sector, niveau);
            """),
    ];

    public static Outcome Run(string eventsCsv, string crebosCsv, int threads, ImmutableArray<Indicator> indicators)
    {
        using var sampler = new Sampler();
        var clock = Stopwatch.StartNew();
        var load = TimeSpan.Zero;
        var stages = ImmutableArray.CreateBuilder<(string, TimeSpan)>();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var (stage, sql) in Statements(eventsCsv, crebosCsv, threads))
        {
            var start = clock.Elapsed;
            Execute(connection, sql);
            stages.Add((stage, clock.Elapsed - start));
            if (stage == "load") load = clock.Elapsed;
        }
        clock.Stop();
        var observations = Scalar(connection, "SELECT count(*) FROM obs");
        var groups = Scalar(connection, "SELECT count(*) FROM cube");
        var run = new EngineRun("DuckDB", clock.Elapsed, load, observations, groups, sampler.PeakWorkingSet, sampler.PeakHeap, stages.ToImmutable());

        var perIndicator = new Dictionary<Indicator, Dictionary<int, int>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT indicator, g, count(*) FROM cube GROUP BY ALL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var indicator = Enum.Parse<Indicator>(reader.GetString(0));
                if (!indicators.Contains(indicator)) continue;
                if (!perIndicator.TryGetValue(indicator, out var byG)) perIndicator[indicator] = byG = [];
                byG[Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
            }
        }

        var headline = new Dictionary<(string, string), Counts>();
        Headline(MonitorBench.SwitchFigure, nameof(Indicator.Switch), byNiveau: false);
        Headline(MonitorBench.VsvFigure, nameof(Indicator.NieuweVsv), byNiveau: true);
        Headline(MonitorBench.DoorstroomFigure, nameof(Indicator.DoorstroomVoMbo), byNiveau: false);
        return new Outcome(run, headline, perIndicator);

        void Headline(string figure, string indicator, bool byNiveau)
        {
            var mask = byNiveau ? Breakdown.Mask(Dimension.Cohort, Dimension.Niveau) : Breakdown.Mask(Dimension.Cohort);
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"SELECT cohort, niveau, population, hits FROM cube WHERE indicator = '{indicator}' AND g = {Breakdown.GroupingId(mask)}");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var cohort = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                int? niveau = reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                headline[(figure, MonitorBench.HeadlineKey(cohort, niveau, byNiveau))] =
                    new Counts(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture), 0);
            }
        }
    }

    /// <summary>True when DuckDB's native library loads here; the reason when not.</summary>
    public static string? Unavailable()
    {
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or TypeInitializationException or EntryPointNotFoundException)
        {
            return $"DuckDB's native library does not load here: {e.Message}";
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
