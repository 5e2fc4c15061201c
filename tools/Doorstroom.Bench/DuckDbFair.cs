using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;
using DuckDB.NET.Data;

namespace Doorstroom.Bench;

/// <summary>
/// The fair DuckDB baselines (issue 18): after the same observation SQL as <see cref="DuckDbSide"/>
/// (<see cref="DuckDbSide.ObservationStatements"/>), DuckDB does what ours does rather than materialise a CUBE.
/// <list type="bullet">
/// <item><see cref="SameAlgorithm"/>: the cell packed into a 64-bit key as the product's <see cref="CubeLayout"/> lays it out, a base table
/// key → population, hits, value, and every breakdown rolled up from its parent by masking the key, in
/// <see cref="CubeLayout.Children"/>'s spanning-tree order (the one <see cref="MonitorCube.RollUp(int)"/> walks), keeping
/// only each breakdown's group count (and how many groups reach <see cref="Publishable"/> pupils).</item>
/// <item><see cref="Dashboard"/>: only the breakdowns a dashboard shows (<see cref="DashboardBreakdowns"/>), one
/// <c>GROUP BY GROUPING SETS</c> over the observations, the groups kept in a table.</item>
/// </list>
/// Both return the group count per (indicator, DuckDB <c>GROUPING()</c> id), the shape <see cref="DuckDbSide"/> returns.
/// </summary>
internal static class DuckDbFair
{
    /// <summary>DuckDB's <c>memory_limit</c> unless another is given.</summary>
    public const string DefaultMemoryLimit = "4GB";

    /// <summary>A group is publishable from this many pupils (its population) on.</summary>
    public const int Publishable = 5;

    /// <summary>The breakdowns a dashboard shows per indicator: national per cohort, and per cohort by niveau, route, vo vestiging, mbo instelling.</summary>
    public static ImmutableArray<(string Name, int Mask)> DashboardBreakdowns { get; } =
    [
        ("national per cohort", Breakdown.Mask(Dimension.Cohort)),
        ("cohort × niveau", Breakdown.Mask(Dimension.Cohort, Dimension.Niveau)),
        ("cohort × route", Breakdown.Mask(Dimension.Cohort, Dimension.Route)),
        ("cohort × vo vestiging", Breakdown.Mask(Dimension.Cohort, Dimension.VoVestiging)),
        ("cohort × mbo instelling", Breakdown.Mask(Dimension.Cohort, Dimension.MboInstelling)),
    ];

    /// <summary>One fair run.</summary>
    /// <param name="Run">Time, load part, observations, groups (over the compared indicators and the breakdowns computed) and peaks.</param>
    /// <param name="Groups">Per indicator: the group count per DuckDB <c>GROUPING()</c> id (<see cref="Breakdown.GroupingId"/>).</param>
    /// <param name="PublishableGroups">Per indicator and <c>GROUPING()</c> id: the groups of at least <see cref="Publishable"/> pupils.</param>
    /// <param name="Notes">What exactly the run computes.</param>
    /// <param name="Headline">The headline figures (per cohort, and per cohort × niveau), from the dashboard's groups; empty for the same algorithm,
    /// which keeps counts only.</param>
    public sealed record Outcome(
        EngineRun Run,
        Dictionary<Indicator, Dictionary<int, int>> Groups,
        Dictionary<Indicator, Dictionary<int, int>> PublishableGroups,
        ImmutableArray<string> Notes,
        Dictionary<(string Figure, string Key), Counts> Headline
    )
    {
        /// <summary>Groups of at least <see cref="Publishable"/> pupils over every breakdown computed.</summary>
        public long PublishableTotal => PublishableGroups.Values.Sum(g => g.Values.Sum(n => (long)n));
    }

    /// <summary>The text dimensions' columns in <c>obs</c>, interned into dense ids by a dictionary table each (id 0 is null).</summary>
    private static readonly (Dimension Dimension, string Column)[] TextDimensions =
    [
        (Dimension.Route, "route"),
        (Dimension.VoVestiging, "vo"),
        (Dimension.MboInstelling, "mbo"),
        (Dimension.Leerweg, "lw"),
        (Dimension.Sector, "sector"),
    ];

    /// <summary>The columns of <c>obs</c> in <see cref="Dimension"/> order (the order of DuckDbSide's <c>GROUPING()</c>).</summary>
    private static readonly string[] Columns = ["route", "cohort", "vo", "mbo", "lw", "sector", "niveau"];

    /// <summary>The indicator's id sits in the key's top 4 bits (the cell takes the lower 60), so one UBIGINT is the whole group key.</summary>
    private const int IndicatorShift = 60;

    private const ulong IndicatorBits = 0xFUL << IndicatorShift;

    /// <summary>
    /// Ours' algorithm in DuckDB: the observation SQL, then the packed key, the base table and all 128 breakdowns per
    /// indicator rolled up from their parents (counts only), with <c>SET memory_limit</c> = <paramref name="memoryLimit"/>.
    /// </summary>
    public static Outcome SameAlgorithm(string eventsCsv, string crebosCsv, int threads, string memoryLimit, ImmutableArray<Indicator> indicators)
    {
        var statements = DuckDbSide
            .ObservationStatements(eventsCsv, crebosCsv, threads, memoryLimit)
            .Add(("pack key, base table", PackStatements() + DropObservationTables))
            .Add(("roll up 128 breakdowns", RollUpStatements()));
        var notes = ImmutableArray.Create(
            Settings(threads, memoryLimit),
            "DuckDB, same algorithm: DuckDbSide's observation SQL (load, spells, indicators, cells: the same statements), then each cell packed into a "
                + "64-bit key as the product's MonitorCube packs it (CubeLayout) (route 12 bits, cohort - 1900 8, vo 14, mbo 14, leerweg, "
                + "sector, niveau 4 each; each text "
                + "dimension interned by a dictionary table of its distinct values, 0 = null; the indicator in the top 4 bits) and grouped into a base "
                + "table key → population, hits, value; the intermediate tables are dropped; then every breakdown (2^7 per indicator) rolled up from its "
                + "parent by GROUP BY key & mask, in MonitorCube.RollUp's spanning-tree order (a parent adds back the dimension of fewest values), depth "
                + "first, each table dropped once its children are built; a leaf breakdown is counted without being kept; per breakdown only the group "
                + $"count and the groups of ≥ {Publishable} pupils are kept"
        );
        return Execute("DuckDB, same algorithm", statements, indicators, CountsSql, notes, headlineTable: null);
    }

    /// <summary>
    /// What a dashboard asks of DuckDB: the observation SQL, then only <see cref="DashboardBreakdowns"/> per indicator in
    /// one <c>GROUP BY indicator, GROUPING SETS (…)</c>, the groups (population, hits, value) kept in a table.
    /// </summary>
    public static Outcome Dashboard(string eventsCsv, string crebosCsv, int threads, string memoryLimit, ImmutableArray<Indicator> indicators)
    {
        var sets = string.Join(", ", DashboardBreakdowns.Select(b => "(" + string.Join(", ", ColumnsOf(b.Mask)) + ")"));
        // DuckDbSide's GROUPING(route, …, niveau) id; GROUPING() takes only grouped columns, so a column no set groups by counts as rolled up.
        var used = DashboardBreakdowns.Aggregate(0, (m, b) => m | b.Mask);
        var grouping = string.Join(
            " + ",
            Enumerable
                .Range(0, Columns.Length)
                .Select(d =>
                    (used & (1 << d)) != 0
                        ? string.Create(CultureInfo.InvariantCulture, $"GROUPING({Columns[d]}) * {1 << (6 - d)}")
                        : (1 << (6 - d)).ToString(CultureInfo.InvariantCulture)
                )
        );
        var columns = string.Join(", ", ColumnsOf(used));
        var statements = DuckDbSide
            .ObservationStatements(eventsCsv, crebosCsv, threads, memoryLimit)
            .Add(
                (
                    "GROUP BY GROUPING SETS",
                    $"""
                    CREATE TABLE dash AS
                    SELECT indicator, {grouping} AS g, {columns},
                      count(*) AS population, count(*) FILTER (WHERE hit) AS hits, coalesce(sum(value) FILTER (WHERE hit), 0) AS value
                    FROM obs
                    GROUP BY indicator, GROUPING SETS ({sets});
                    """
                )
            );
        var notes = ImmutableArray.Create(
            Settings(threads, memoryLimit),
            "DuckDB, dashboard: DuckDbSide's observation SQL, then only the breakdowns a dashboard shows per indicator ("
                + string.Join("; ", DashboardBreakdowns.Select(b => b.Name))
                + ") by one GROUP BY indicator, GROUPING SETS over the observations, the groups (population, hits, value) kept in a table"
        );
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT indicator, g, count(*), count(*) FILTER (WHERE population >= {Publishable}) FROM dash GROUP BY ALL"
        );
        return Execute("DuckDB, dashboard", statements, indicators, counts, notes, headlineTable: "dash");
    }

    private static string Settings(int threads, string memoryLimit) =>
        $"DuckDB in-process (DuckDB.NET.Data.Full), in-memory database, SET threads = {threads}, SET memory_limit = '{memoryLimit}', a temp_directory "
        + "beside the CSV to spill to; its time includes read_csv into a table; peak memory is the process's working set, sampled every 50 ms";

    /// <summary>(indicator, GROUPING() id, groups, groups of ≥ 5) from the same-algorithm run's <c>counts</c> table.</summary>
    internal const string CountsSql = "SELECT d.v, c.g, c.groups, c.publishable FROM counts c JOIN dict_indicator d ON d.id = c.ind";

    private static Outcome Execute(
        string engine,
        ImmutableArray<(string Stage, string Sql)> statements,
        ImmutableArray<Indicator> indicators,
        string countsSql,
        ImmutableArray<string> notes,
        string? headlineTable
    )
    {
        using var sampler = Sampler.AfterSettling();
        var clock = Stopwatch.StartNew();
        var load = TimeSpan.Zero;
        var stages = ImmutableArray.CreateBuilder<(string, TimeSpan)>();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        long observations = 0;
        foreach (var (stage, sql) in statements)
        {
            var start = clock.Elapsed;
            if (stage == "pack key, base table")
            {
                // Counted here because the statement drops obs; the count is metadata, not a scan.
                clock.Stop();
                observations = CountObservations(connection, indicators);
                clock.Start();
                start = clock.Elapsed;
            }
            DuckDbSide.Execute(connection, sql);
            stages.Add((stage, clock.Elapsed - start));
            if (stage == "load")
                load = clock.Elapsed;
        }
        clock.Stop();
        if (observations == 0)
            observations = CountObservations(connection, indicators);

        var (groups, publishable) = ReadCounts(connection, countsSql, indicators);
        var run = new EngineRun(
            engine,
            clock.Elapsed,
            load,
            observations,
            groups.Values.Sum(g => g.Values.Sum(n => (long)n)),
            sampler.PeakWorkingSet,
            sampler.PeakHeap,
            sampler.StartWorkingSet,
            stages.ToImmutable()
        );
        var headline = headlineTable is null ? [] : DuckDbSide.ReadHeadline(connection, headlineTable, indicators);
        return new Outcome(run, groups, publishable, notes, headline);
    }

    /// <summary>Reads (indicator name, GROUPING() id, groups, groups of ≥ 5) rows into per-indicator dictionaries, for the compared indicators.</summary>
    internal static (Dictionary<Indicator, Dictionary<int, int>> Groups, Dictionary<Indicator, Dictionary<int, int>> Publishable) ReadCounts(
        DuckDBConnection connection,
        string countsSql,
        ImmutableArray<Indicator> indicators
    )
    {
        var groups = new Dictionary<Indicator, Dictionary<int, int>>();
        var publishable = new Dictionary<Indicator, Dictionary<int, int>>();
        using var command = connection.CreateCommand();
        command.CommandText = countsSql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var indicator = Enum.Parse<Indicator>(reader.GetString(0));
            if (!indicators.Contains(indicator))
                continue;
            var g = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            Add(groups, indicator, g, Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
            Add(publishable, indicator, g, Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture));
        }
        return (groups, publishable);

        static void Add(Dictionary<Indicator, Dictionary<int, int>> into, Indicator indicator, int g, int count)
        {
            if (!into.TryGetValue(indicator, out var byG))
                into[indicator] = byG = [];
            byG[g] = count;
        }
    }

    private static long CountObservations(DuckDBConnection connection, ImmutableArray<Indicator> indicators) =>
        DuckDbSide.Scalar(connection, $"SELECT count(*) FROM obs WHERE indicator IN ({string.Join(", ", indicators.Select(i => $"'{i}'"))})");

    /// <summary>The observation SQL's tables, dropped once the base table holds what they gave (ours keeps no events either).</summary>
    private const string DropObservationTables = """
        DROP TABLE obs; DROP TABLE vb; DROP TABLE raw; DROP TABLE pl; DROP TABLE dip; DROP TABLE ver; DROP TABLE sw; DROP TABLE sp; DROP TABLE sp0;
        DROP TABLE e; DROP TABLE through; DROP TABLE crebo; DROP TABLE ev;
        """;

    /// <summary>
    /// From the table <c>obs</c>: the dictionaries, the packed key, the base table <c>t127</c> (key → population n, hits,
    /// value) and the table <c>counts</c> (GROUPING() id, indicator id, groups, groups of ≥ 5) with the base's rows.
    /// </summary>
    internal static string PackStatements()
    {
        var s = new StringBuilder();
        s.Append(
            $"""
            CREATE TABLE dict_indicator AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS UBIGINT) AS id FROM (SELECT DISTINCT indicator AS v FROM obs);
            SELECT CASE WHEN count(*) > 16 THEN error('more indicators than the key''s top 4 bits hold') END FROM dict_indicator;

            """
        );
        foreach (var (dimension, column) in TextDimensions)
        {
            var width = CubeLayout.Width(dimension);
            var values = 1L << width;
            s.Append(
                CultureInfo.InvariantCulture,
                $"""
                CREATE TABLE dict_{column} AS SELECT v, CAST(row_number() OVER (ORDER BY v) AS UBIGINT) AS id
                FROM (SELECT DISTINCT {column} AS v FROM obs WHERE {column} IS NOT NULL);
                SELECT CASE WHEN count(*) >= {values} THEN error('{dimension}: more distinct values than the key''s {width} bits hold') END FROM dict_{column};

                """
            );
        }
        string Field(Dimension d, string value) => string.Create(CultureInfo.InvariantCulture, $"(CAST({value} AS UBIGINT) << {CubeLayout.Shift(d)})");
        var cohortMax = CubeLayout.CohortBase + (1 << CubeLayout.Width(Dimension.Cohort)) - 1;
        var niveauMax = (1 << CubeLayout.Width(Dimension.Niveau)) - 1;
        var key = string.Join(
            "\n  | ",
            [
                $"(i.id << {IndicatorShift})",
                Field(Dimension.Route, "coalesce(d_route.id, 0)"),
                Field(
                    Dimension.Cohort,
                    $"CASE WHEN o.cohort BETWEEN {CubeLayout.CohortBase} AND {cohortMax} THEN o.cohort - {CubeLayout.CohortBase} "
                        + $"ELSE error('cohort outside {CubeLayout.CohortBase}–{cohortMax}') END"
                ),
                Field(Dimension.VoVestiging, "coalesce(d_vo.id, 0)"),
                Field(Dimension.MboInstelling, "coalesce(d_mbo.id, 0)"),
                Field(Dimension.Leerweg, "coalesce(d_lw.id, 0)"),
                Field(Dimension.Sector, "coalesce(d_sector.id, 0)"),
                Field(
                    Dimension.Niveau,
                    $"CASE WHEN o.niveau IS NULL THEN 0 WHEN o.niveau BETWEEN 1 AND {niveauMax} THEN o.niveau ELSE error('niveau outside 1–{niveauMax}') END"
                ),
            ]
        );
        var joins = string.Concat(TextDimensions.Select(t => $"\nLEFT JOIN dict_{t.Column} d_{t.Column} ON d_{t.Column}.v = o.{t.Column}"));
        s.Append(
            CultureInfo.InvariantCulture,
            $"""
            CREATE TABLE t127 AS
            SELECT {key} AS key,
              count(*) AS n, count(*) FILTER (WHERE o.hit) AS hits, coalesce(sum(o.value) FILTER (WHERE o.hit), 0) AS value
            FROM obs o JOIN dict_indicator i ON i.v = o.indicator{joins}
            GROUP BY 1;
            CREATE TABLE counts (g INTEGER, ind UBIGINT, groups BIGINT, publishable BIGINT);
            {Count(CubeLayout.Full, "t127")}

            """
        );
        return s.ToString();
    }

    /// <summary>
    /// Every breakdown below the base, depth first through <see cref="CubeLayout.Children"/>; each parent dropped once its
    /// children are built.
    /// </summary>
    internal static string RollUpStatements()
    {
        var s = new StringBuilder();
        Walk(CubeLayout.Full);
        return s.ToString();

        void Walk(int parent)
        {
            var children = CubeLayout.Children(parent);
            for (var k = 0; k < children.Length; k++)
            {
                var child = children[k];
                var mask = string.Create(CultureInfo.InvariantCulture, $"CAST({IndicatorBits | CubeLayout.Fields(child)} AS UBIGINT)");
                if (CubeLayout.Children(child).Length == 0)
                {
                    // A leaf: counted straight from its parent, never kept.
                    s.Append(Count(child, $"(SELECT key & {mask} AS key, sum(n) AS n FROM t{parent} GROUP BY 1)")).Append('\n');
                }
                else
                {
                    s.Append(
                        CultureInfo.InvariantCulture,
                        $"CREATE TABLE t{child} AS SELECT key & {mask} AS key, CAST(sum(n) AS BIGINT) AS n, CAST(sum(hits) AS BIGINT) AS hits, "
                            + $"sum(value) AS value FROM t{parent} GROUP BY 1;\n"
                    );
                    s.Append(Count(child, $"t{child}")).Append('\n');
                }
                if (k == children.Length - 1)
                    s.Append(CultureInfo.InvariantCulture, $"DROP TABLE t{parent};\n");
                if (CubeLayout.Children(child).Length > 0)
                    Walk(child);
            }
        }
    }

    private static string Count(int mask, string from) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"INSERT INTO counts SELECT {Breakdown.GroupingId(mask)}, key >> {IndicatorShift}, count(*), count(*) FILTER (WHERE n >= {Publishable}) "
                + $"FROM {from} GROUP BY 2;"
        );

    private static IEnumerable<string> ColumnsOf(int mask) => Enumerable.Range(0, Columns.Length).Where(d => (mask & (1 << d)) != 0).Select(d => Columns[d]);
}
