using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Doorstroom.Domain;
using DuckDB.NET.Data;

namespace Doorstroom.Bench;

/// <summary>
/// All eleven indicators in DuckDB's SQL, in-process over the same CSV, by the definitions <c>Indicators.cs</c> and
/// <c>Timeline.cs</c> implement: the Timeline's spells, switches and diplomas as tables, each indicator's observations
/// (pupil, the spell whose cell it takes, cohort, the day the cell is read on, hit, value), the cells joined on, then one
/// <c>GROUP BY indicator, CUBE(route, cohort, vo, mbo, leerweg, sector, niveau)</c> into a table.
/// </summary>
internal static class DuckDbSide
{
    public sealed record Outcome(EngineRun Run, Dictionary<(string Figure, string Key), Counts> Headline, Dictionary<Indicator, Dictionary<int, int>> Groups);

    public static ImmutableArray<string> Notes(int threads) =>
        [
            $"DuckDB runs in-process (DuckDB.NET.Data.Full) with SET threads = {threads}, an in-memory database, default memory_limit (80% of RAM) and a "
                + $"temp_directory beside the CSV to spill to; its time includes read_csv into a table",
            "DuckDB rebuilds the Domain's Timeline in SQL: spells per (pupil, institution) from Ingeschreven to the next Uitgeschreven (that day) or "
                + "Ingeschreven (the day before) by window functions, switches and diplomas joined to the spell they fall in, NiveauOn/CreboOn by an ASOF JOIN "
                + "on the spell's versions; then each indicator as Indicators.cs computes it, and one GROUP BY CUBE",
        ];

    /// <summary>The statements, in order, each with the stage it belongs to: the observations, then one GROUP BY CUBE.</summary>
    internal static ImmutableArray<(string Stage, string Sql)> Statements(string eventsCsv, string crebosCsv, int threads) =>
        [
            .. ObservationStatements(eventsCsv, crebosCsv, threads, memoryLimit: null),
            (
                "GROUP BY CUBE",
                """
                CREATE TABLE cube AS
                SELECT indicator, GROUPING(route, cohort, vo, mbo, lw, sector, niveau) AS g,
                  route, cohort, vo, mbo, lw, sector, niveau, count(*) AS population, count(*) FILTER (WHERE hit) AS hits,
                  coalesce(sum(value) FILTER (WHERE hit), 0) AS value
                FROM obs
                GROUP BY indicator, CUBE(route, cohort, vo, mbo, lw, sector, niveau);
                """
            ),
        ];

    /// <summary>
    /// The statements every DuckDB baseline shares, in order, each with its stage (settings, load, spells, indicators, cells):
    /// they end in the table <c>obs</c>, one row per observation: <c>indicator, route, cohort, vo, mbo, lw, sector, niveau,
    /// hit, value</c>. <paramref name="memoryLimit"/> (e.g. <c>4GB</c>) sets DuckDB's <c>memory_limit</c>; null keeps its default.
    /// </summary>
    internal static ImmutableArray<(string Stage, string Sql)> ObservationStatements(string eventsCsv, string crebosCsv, int threads, string? memoryLimit) =>
        [
            (
                "settings",
                $"SET threads = {threads}; SET preserve_insertion_order = false; SET temp_directory = "
                    + $"'{Quote(Path.Combine(Path.GetDirectoryName(eventsCsv) ?? ".", "duckdb.tmp"))}';"
                    + (memoryLimit is null ? "" : $" SET memory_limit = '{Quote(memoryLimit)}';")
            ),
            (
                "load",
                $$"""
                CREATE TABLE ev AS SELECT * FROM read_csv('{{Quote(eventsCsv)}}', delim = ';', header = true, quote = '"', escape = '"',
                  columns = {'pupil': 'VARCHAR', 'date': 'DATE', 'type': 'VARCHAR', 'institution': 'VARCHAR', 'leerweg': 'VARCHAR',
                             'leerjaar': 'INTEGER', 'niveau': 'INTEGER', 'crebo': 'INTEGER', 'route': 'VARCHAR', 'detail': 'VARCHAR', 'voids': 'VARCHAR',
                             'synthetic': 'BOOLEAN', 'birth_date': 'DATE'});
                CREATE TABLE crebo AS SELECT * FROM read_csv('{{Quote(crebosCsv)}}', delim = ';', header = true,
                  columns = {'crebo': 'INTEGER', 'niveau': 'INTEGER', 'domain': 'VARCHAR', 'direction': 'VARCHAR'});
                """
            ),
            (
                "spells",
                """
                CREATE TABLE through AS SELECT max(date) AS through FROM ev;
                -- Timeline.Build: events without an institution are skipped; same-day events in the order Ingeschreven,
                -- Geswitcht/Bevorderd/Gedoubleerd, DiplomaBehaald, Uitgeschreven (the simulator's stream order).
                CREATE TABLE e AS
                SELECT pupil, date, type, institution, leerweg, niveau, crebo, route, detail, birth_date,
                  coalesce(leerweg IN ('bol', 'bbl'), false) OR niveau IS NOT NULL AS mbo,
                  CASE type WHEN 'Ingeschreven' THEN 0 WHEN 'Uitgeschreven' THEN 3 WHEN 'DiplomaBehaald' THEN 2 ELSE 1 END AS rank
                FROM ev WHERE institution IS NOT NULL;
                CREATE TABLE sp0 AS
                WITH oc AS (
                  SELECT pupil, institution, date, rank, type, detail, leerweg, niveau, crebo, route, mbo,
                    lead(type) OVER w AS next_type, lead(date) OVER w AS next_date, lead(detail) OVER w AS next_detail
                  FROM e WHERE type IN ('Ingeschreven', 'Uitgeschreven')
                  WINDOW w AS (PARTITION BY pupil, institution ORDER BY date, rank))
                SELECT pupil, institution, date AS start,
                  CASE next_type WHEN 'Uitgeschreven' THEN next_date WHEN 'Ingeschreven' THEN next_date - 1 ELSE DATE '9999-12-31' END AS "end",
                  CASE WHEN next_type = 'Uitgeschreven' AND lower(next_detail) = 'buitenland' THEN true ELSE false END AS abroad,
                  mbo, NOT mbo AND coalesce(route = 'praktijkonderwijs', false) AS pro, leerweg AS lw0, niveau, crebo, route,
                  CASE WHEN mbo THEN left(institution, 4) END AS brin4,
                  row_number() OVER (PARTITION BY pupil ORDER BY date, institution) AS idx
                FROM oc WHERE type = 'Ingeschreven';
                CREATE TABLE sp AS
                WITH lw AS (
                  SELECT s.pupil, s.idx, arg_max(e.leerweg, e.date) AS lw
                  FROM sp0 s JOIN e ON e.pupil = s.pupil AND e.institution = s.institution AND e.date >= s.start AND e.date <= s."end"
                    AND e.leerweg IS NOT NULL AND e.type IN ('Geswitcht', 'Bevorderd', 'Gedoubleerd')
                  GROUP BY ALL)
                SELECT s.*, s.pupil || '#' || s.idx AS id, coalesce(lw.lw, s.lw0) AS lw,
                  min(s.start) OVER (PARTITION BY s.pupil, s.brin4) AS brin4_first,
                  datediff('day', DATE '1970-01-01', s.start) * 1000 + s.idx + CASE WHEN s.mbo THEN 100000000000 ELSE 0 END AS best,
                  last_value(s.route IGNORE NULLS) OVER (PARTITION BY s.pupil ORDER BY s.start, s.idx ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS
                      route_of
                FROM sp0 s LEFT JOIN lw USING (pupil, idx);
                CREATE TABLE sw AS
                SELECT s.id, e.date, coalesce(e.niveau, s.niveau) AS to_niveau, coalesce(e.crebo, s.crebo) AS to_crebo,
                  row_number() OVER (PARTITION BY s.id ORDER BY e.date) AS k
                FROM e JOIN sp s ON s.pupil = e.pupil AND s.institution = e.institution AND s.start <= e.date AND e.date <= s."end"
                WHERE e.type = 'Geswitcht';
                -- NiveauOn / CreboOn: the spell's version in force on a day (the entry, then each switch).
                CREATE TABLE ver AS
                SELECT id, datediff('day', DATE '1970-01-01', start) * 8 AS k, niveau, crebo FROM sp
                UNION ALL SELECT id, datediff('day', DATE '1970-01-01', date) * 8 + least(k, 7), to_niveau, to_crebo FROM sw;
                CREATE TABLE dip AS
                WITH d AS (
                  SELECT e.pupil, e.date, e.institution, e.leerweg, e.niveau, e.crebo, e.mbo, arg_max(s.id, s.idx) AS spell
                  FROM e LEFT JOIN sp s ON s.pupil = e.pupil AND s.institution = e.institution AND s.start <= e.date
                  WHERE e.type = 'DiplomaBehaald' GROUP BY ALL)
                SELECT d.pupil, d.date, d.spell, d.mbo OR coalesce(s.mbo, false) AS mbo,
                  CASE WHEN d.mbo OR coalesce(s.mbo, false) THEN 'mbo' WHEN coalesce(s.pro, false) THEN 'pro'
                       WHEN coalesce(d.leerweg, s.lw) IN ('bb', 'kb', 'gl', 'tl') THEN 'vmbo' ELSE 'havovwo' END AS type,
                  coalesce(d.leerweg, s.lw) AS lw, s.route AS spell_route,
                  CASE WHEN d.mbo OR coalesce(s.mbo, false) THEN coalesce(d.niveau, v.niveau, 0) ELSE 0 END AS niveau,
                  CASE WHEN d.mbo OR coalesce(s.mbo, false) THEN left(d.institution, 4) END AS brin4
                FROM d LEFT JOIN sp s ON s.id = d.spell
                ASOF LEFT JOIN ver v ON v.id = d.spell AND datediff('day', DATE '1970-01-01', d.date) * 8 + 7 >= v.k;
                CREATE TABLE pl AS
                WITH b AS (SELECT pupil, max(birth_date) AS birth FROM ev GROUP BY pupil),
                k AS (SELECT pupil, min(date) AS sk FROM dip WHERE type = 'havovwo' OR (type = 'mbo' AND niveau >= 2) GROUP BY pupil),
                l AS (SELECT pupil, arg_max(lw, idx) AS lw FROM sp WHERE NOT mbo AND lw IN ('bb', 'kb', 'gl', 'tl') GROUP BY pupil)
                SELECT b.pupil, b.birth, coalesce(k.sk, DATE '9999-12-31') AS sk, l.lw FROM b LEFT JOIN k USING (pupil) LEFT JOIN l USING (pupil);
                """
            ),
            (
                "indicators",
                """
                CREATE TABLE raw (indicator VARCHAR, pupil VARCHAR, spell VARCHAR, vo_spell VARCHAR, cohort INTEGER, "on" DATE, hit BOOLEAN, value DOUBLE);
                -- D2 nieuwe vsv
                INSERT INTO raw
                WITH span AS (
                  SELECT pupil, min(start) AS first, max("end") AS last FROM sp GROUP BY pupil),
                years AS (
                  SELECT s.pupil, unnest(range(CASE WHEN s.first <= make_date(year(s.first), 10, 1) THEN year(s.first) ELSE year(s.first) + 1 END,
                                               year(t.through))) AS y, s.last
                  FROM span s, through t),
                probe AS (
                  SELECT y.pupil, y.y, make_date(y.y, 10, 1) AS peil, make_date(y.y + 1, 10, 1) AS next
                  FROM years y, through t WHERE make_date(y.y, 10, 1) <= y.last AND make_date(y.y + 1, 10, 1) <= t.through),
                standing AS (
                  SELECT pr.pupil, pr.y, pr.peil, pr.next, arg_max(s.id, s.best) AS spell, arg_max(s.pro, s.best) AS pro
                  FROM probe pr JOIN sp s ON s.pupil = pr.pupil AND s.start <= pr.peil AND pr.peil <= s."end" GROUP BY ALL),
                judged AS (
                  SELECT st.*, NOT EXISTS (SELECT 1 FROM sp s WHERE s.pupil = st.pupil AND s.start <= st.next AND st.next <= s."end")
                    AND p.sk > st.next AS hit,
                    (SELECT arg_max(s.abroad, datediff('day', DATE '1970-01-01', s."end") * 1000 + s.idx) FROM sp s WHERE s.pupil = st.pupil AND s."end" >=
                        st.peil AND s."end" < st.next) AS abroad
                  FROM standing st JOIN pl p USING (pupil)
                  WHERE NOT st.pro AND (p.birth IS NULL OR CAST(p.birth + INTERVAL 22 YEAR AS DATE) > st.peil))
                SELECT 'NieuweVsv', pupil, spell, NULL, y, peil, hit, 0 FROM judged WHERE NOT (hit AND coalesce(abroad, false));
                -- D6 switch
                INSERT INTO raw
                WITH entry AS (
                  SELECT pupil, arg_min(id, best) FILTER (WHERE mbo) AS id FROM sp GROUP BY pupil),
                pop AS (
                  SELECT s.*, c.domain AS entry_domain, CAST(s.start + INTERVAL 1 YEAR AS DATE) AS year_end
                  FROM entry JOIN sp s ON s.id = entry.id LEFT JOIN crebo c ON c.crebo = s.crebo, through t
                  WHERE s.lw = 'bol' AND s.niveau >= 2 AND CAST(s.start + INTERVAL 1 YEAR AS DATE) <= t.through
                    AND EXISTS (SELECT 1 FROM sp v WHERE v.pupil = s.pupil AND NOT v.mbo AND v."end" < s.start AND v."end" >= s.start - 62)),
                moves AS (
                  SELECT pop.id, w.to_niveau, w.to_crebo FROM pop JOIN sw w ON w.id = pop.id AND w.date < pop.year_end
                  UNION ALL
                  SELECT pop.id, o.niveau, o.crebo FROM pop JOIN sp o ON o.pupil = pop.pupil AND o.id <> pop.id AND o.mbo
                    AND o.start > pop.start AND o.start < pop.year_end),
                hits AS (
                  SELECT DISTINCT m.id FROM moves m JOIN pop USING (id) LEFT JOIN crebo c ON c.crebo = m.to_crebo
                  WHERE (pop.niveau = 2 AND m.to_niveau IS NOT NULL AND m.to_niveau <> 2)
                     OR (pop.entry_domain IS NOT NULL AND c.domain IS NOT NULL AND c.domain <> pop.entry_domain))
                SELECT 'Switch', pop.pupil, pop.id, NULL, CASE WHEN month(pop.start) >= 8 THEN year(pop.start) ELSE year(pop.start) - 1 END,
                  pop.start, h.id IS NOT NULL, 0
                FROM pop LEFT JOIN hits h USING (id);
                -- D7 diploma nominaal, D10 startersresultaat
                INSERT INTO raw
                WITH m AS (
                  SELECT s.*, CASE WHEN s.start <= make_date(year(s.start), 10, 1) THEN year(s.start) ELSE year(s.start) + 1 END AS cohort
                  FROM sp s WHERE s.mbo AND s.brin4 IS NOT NULL),
                c AS (SELECT m.* FROM m WHERE m."end" >= make_date(m.cohort, 10, 1))
                SELECT 'DiplomaNominaal', c.pupil, c.id, NULL, c.cohort, c.start,
                  EXISTS (SELECT 1 FROM dip d WHERE d.pupil = c.pupil AND d.type = 'mbo' AND d.brin4 = c.brin4 AND d.date >= c.start
                    AND d.date < make_date(c.cohort + least(greatest(c.niveau, 1), 4), 10, 1) AND d.niveau >= c.niveau), 0
                FROM c, through t WHERE c.niveau IS NOT NULL AND make_date(c.cohort + least(greatest(c.niveau, 1), 4), 10, 1) <= t.through
                UNION ALL
                SELECT 'Startersresultaat', c.pupil, c.id, NULL, c.cohort, c.start,
                  EXISTS (SELECT 1 FROM sp s WHERE s.pupil = c.pupil AND s.mbo AND s.brin4 = c.brin4 AND s.start <= make_date(c.cohort + 1, 10, 1)
                    AND make_date(c.cohort + 1, 10, 1) <= s."end")
                  OR EXISTS (SELECT 1 FROM dip d WHERE d.pupil = c.pupil AND d.type = 'mbo' AND d.brin4 = c.brin4 AND d.date >= c.start
                    AND d.date < make_date(c.cohort + 1, 10, 1)), 0
                FROM c, through t WHERE make_date(c.cohort + 1, 10, 1) <= t.through
                  AND c.start = c.brin4_first;
                -- D8 jaarresultaat
                INSERT INTO raw
                WITH m AS (
                  SELECT s.*, unnest(range(CASE WHEN s.start <= make_date(year(s.start), 10, 1) THEN year(s.start) ELSE year(s.start) + 1 END,
                                           year(t.through))) AS y
                  FROM sp s, through t WHERE s.mbo AND s.brin4 IS NOT NULL),
                probe AS (
                  SELECT m.pupil, m.id, m.brin4, m.y, make_date(m.y, 10, 1) AS peil, make_date(m.y + 1, 10, 1) AS next
                  FROM m, through t WHERE make_date(m.y, 10, 1) <= m."end" AND make_date(m.y + 1, 10, 1) <= t.through),
                standing AS (
                  SELECT pr.*, arg_max(s.id, s.best) AS stands
                  FROM probe pr JOIN sp s ON s.pupil = pr.pupil AND s.mbo AND s.brin4 = pr.brin4 AND s.start <= pr.peil AND pr.peil <= s."end"
                  GROUP BY ALL),
                niv AS (
                  SELECT st.*, v.niveau AS niveau_on FROM standing st
                  ASOF JOIN ver v ON v.id = st.id AND datediff('day', DATE '1970-01-01', st.peil) * 8 + 7 >= v.k
                  WHERE st.stands = st.id),
                judged AS (
                  SELECT n.*,
                    EXISTS (SELECT 1 FROM dip d WHERE d.pupil = n.pupil AND d.type = 'mbo' AND d.brin4 = n.brin4 AND d.date >= n.peil AND d.date < n.next) AS
                        diploma,
                    EXISTS (SELECT 1 FROM sp s WHERE s.pupil = n.pupil AND s.mbo AND s.brin4 = n.brin4 AND s.start <= n.next AND n.next <= s."end") AS stays
                  FROM niv n WHERE n.niveau_on BETWEEN 2 AND 4)
                SELECT 'Jaarresultaat', pupil, id, NULL, y, peil, diploma, 0 FROM judged WHERE diploma OR NOT stays;
                -- D9 diplomaresultaat
                INSERT INTO raw
                WITH seg AS (
                  SELECT s.pupil, s.id, coalesce(lag(w.date) OVER (PARTITION BY s.id ORDER BY w.k), s.start) AS seg_start, w.date AS "left"
                  FROM sp s JOIN sw w ON w.id = s.id WHERE s.mbo
                  UNION ALL
                  SELECT s.pupil, s.id, coalesce((SELECT max(w.date) FROM sw w WHERE w.id = s.id), s.start), s."end"
                  FROM sp s WHERE s.mbo AND s."end" <> DATE '9999-12-31'),
                c AS (
                  SELECT seg.*, CASE WHEN month(seg."left") >= 10 THEN year(seg."left") ELSE year(seg."left") - 1 END AS cohort FROM seg)
                SELECT 'Diplomaresultaat', c.pupil, c.id, NULL, c.cohort, CASE WHEN c."left" - 1 >= c.seg_start THEN c."left" - 1 ELSE c.seg_start END,
                  EXISTS (SELECT 1 FROM dip d WHERE d.spell = c.id AND d.type = 'mbo' AND d.date >= c.seg_start AND d.date <= c."left"), 0
                FROM c, through t WHERE make_date(c.cohort + 1, 10, 1) <= t.through;
                -- D11 opstroom and kwalificatiewinst
                INSERT INTO raw
                WITH g AS (
                  SELECT d.*, CASE WHEN month(d.date) >= 8 THEN year(d.date) ELSE year(d.date) - 1 END AS cohort,
                    CASE WHEN d.date < make_date(year(d.date), 10, 1) THEN make_date(year(d.date), 10, 1) ELSE make_date(year(d.date) + 1, 10, 1) END AS peil
                  FROM dip d WHERE d.type = 'mbo' AND d.spell IS NOT NULL),
                op AS (
                  SELECT g.pupil, g.spell, g.cohort, g.date, g.niveau, g.peil, arg_max(s.id, s.best) AS next
                  FROM g CROSS JOIN through t LEFT JOIN sp s ON s.pupil = g.pupil AND s.mbo AND s.start <= g.peil AND g.peil <= s."end"
                  WHERE g.niveau IN (2, 3) AND g.peil <= t.through GROUP BY ALL),
                opn AS (
                  SELECT op.*, v.niveau AS niveau_on FROM op
                  ASOF LEFT JOIN ver v ON v.id = op.next AND datediff('day', DATE '1970-01-01', op.peil) * 8 + 7 >= v.k)
                SELECT 'Opstroom', pupil, spell, NULL, cohort, date, coalesce(next IS NOT NULL AND niveau_on > niveau, false), 0 FROM opn;
                INSERT INTO raw
                WITH g AS (
                  SELECT d.*, s.start AS spell_start, CASE WHEN month(d.date) >= 8 THEN year(d.date) ELSE year(d.date) - 1 END AS cohort
                  FROM dip d JOIN sp s ON s.id = d.spell WHERE d.type = 'mbo'),
                ex AS (
                  SELECT g.pupil, g.spell, g.cohort, g.date, g.niveau,
                    (SELECT max(CASE p.type WHEN 'pro' THEN 1 WHEN 'havovwo' THEN 4 WHEN 'mbo' THEN least(p.niveau + 1, 4)
                              ELSE CASE WHEN p.spell_route = 'vm2' THEN 2 WHEN p.lw = 'bb' THEN 2 WHEN p.lw = 'kb' THEN 3 ELSE 4 END END)
                     FROM dip p WHERE p.pupil = g.pupil AND p.date < g.spell_start) AS from_diplomas,
                    (SELECT CASE WHEN bool_or(s.pro) AND NOT bool_or(NOT s.pro) THEN 1 ELSE 2 END
                     FROM sp s WHERE s.pupil = g.pupil AND s.start < g.spell_start AND NOT s.mbo) AS from_spells
                  FROM g, through t WHERE make_date(g.cohort + 1, 10, 1) <= t.through)
                SELECT 'Kwalificatiewinst', pupil, spell, NULL, cohort, date, niveau >= coalesce(from_diplomas, from_spells, 2), 0 FROM ex;
                -- doorstroom vo→mbo (direct, after a year) and time to startkwalificatie
                INSERT INTO raw
                WITH lastv AS (
                  SELECT pupil, arg_max(id, idx) AS id FROM sp WHERE NOT mbo AND lw IN ('bb', 'kb', 'gl', 'tl') GROUP BY pupil),
                lv AS (
                  SELECT s.*, CASE WHEN month(s."end") >= 10 THEN year(s."end") + 1 ELSE year(s."end") END AS cohort
                  FROM lastv JOIN sp s ON s.id = lastv.id WHERE s."end" <> DATE '9999-12-31' AND NOT s.abroad),
                probe AS (
                  SELECT lv.pupil, lv.id AS vo, lv.cohort, 'DoorstroomVoMbo' AS indicator, make_date(lv.cohort, 10, 1) AS d FROM lv, through t
                  WHERE make_date(lv.cohort, 10, 1) <= t.through
                  UNION ALL
                  SELECT lv.pupil, lv.id, lv.cohort, 'DoorstroomVoMboNaEenJaar', make_date(lv.cohort + 1, 10, 1) FROM lv, through t
                  WHERE make_date(lv.cohort + 1, 10, 1) <= t.through)
                SELECT pr.indicator, pr.pupil, arg_max(s.id, s.best), pr.vo, pr.cohort, pr.d, arg_max(s.id, s.best) IS NOT NULL, 0
                FROM probe pr LEFT JOIN sp s ON s.pupil = pr.pupil AND s.mbo AND s.start <= pr.d AND pr.d <= s."end"
                GROUP BY pr.indicator, pr.pupil, pr.vo, pr.cohort, pr.d;
                INSERT INTO raw
                WITH lastv AS (
                  SELECT pupil, arg_max(id, idx) AS id FROM sp WHERE NOT mbo AND lw IN ('bb', 'kb', 'gl', 'tl') GROUP BY pupil),
                lv AS (
                  SELECT s.*, CASE WHEN month(s."end") >= 10 THEN year(s."end") + 1 ELSE year(s."end") END AS cohort
                  FROM lastv JOIN sp s ON s.id = lastv.id, through t
                  WHERE s."end" <> DATE '9999-12-31' AND NOT s.abroad AND make_date(CASE WHEN month(s."end") >= 10 THEN year(s."end") + 1 ELSE year(s."end")
                      END,
                      10, 1) <= t.through),
                fm AS (
                  SELECT lv.pupil, lv.id AS vo, lv.cohort, lv."end" AS leave, arg_min(m.id, m.best) AS first, min(m.start) AS first_start
                  FROM lv LEFT JOIN sp m ON m.pupil = lv.pupil AND m.mbo AND m.start > lv."end" GROUP BY ALL)
                SELECT 'TijdTotStartkwalificatie', fm.pupil, fm.first, fm.vo, fm.cohort, coalesce(fm.first_start, make_date(fm.cohort, 10, 1)),
                  p.sk <> DATE '9999-12-31',
                  CASE WHEN p.sk <> DATE '9999-12-31' THEN greatest(0, p.sk - fm.leave) / 365.25 ELSE 0 END
                FROM fm JOIN pl p USING (pupil);
                """
            ),
            (
                "cells",
                """
                CREATE TABLE vb AS
                SELECT s.id, arg_max(b.institution, b.best) AS vo_before
                FROM sp s JOIN sp b ON b.pupil = s.pupil AND NOT b.mbo AND b.start < s.start WHERE s.mbo GROUP BY s.id;
                CREATE TABLE obs AS
                SELECT r.indicator,
                  CASE WHEN r.vo_spell IS NOT NULL THEN coalesce(v.route, s.route_of) ELSE s.route_of END AS route,
                  r.cohort,
                  CASE WHEN r.vo_spell IS NOT NULL THEN v.institution WHEN s.mbo THEN
                    vb.vo_before ELSE s.institution END AS vo,
                  CASE WHEN s.mbo THEN s.brin4 END AS mbo, p.lw,
                  CASE WHEN s.mbo THEN c.direction END AS sector, CASE WHEN s.mbo THEN ver.niveau END AS niveau, r.hit, r.value
                FROM raw r JOIN pl p USING (pupil)
                LEFT JOIN sp s ON s.id = r.spell LEFT JOIN sp v ON v.id = r.vo_spell LEFT JOIN vb ON vb.id = r.spell
                ASOF LEFT JOIN ver ON ver.id = r.spell AND datediff('day', DATE '1970-01-01', r."on") * 8 + 7 >= ver.k
                LEFT JOIN crebo c ON c.crebo = ver.crebo;
                """
            ),
        ];

    public static Outcome Run(string eventsCsv, string crebosCsv, int threads, ImmutableArray<Indicator> indicators)
    {
        using var sampler = Sampler.AfterSettling();
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
            if (stage == "load")
                load = clock.Elapsed;
        }
        clock.Stop();
        var observations = Scalar(connection, "SELECT count(*) FROM obs");
        var groups = Scalar(connection, "SELECT count(*) FROM cube");
        var run = new EngineRun(
            "DuckDB",
            clock.Elapsed,
            load,
            observations,
            groups,
            sampler.PeakWorkingSet,
            sampler.PeakHeap,
            sampler.StartWorkingSet,
            stages.ToImmutable()
        );

        var perIndicator = new Dictionary<Indicator, Dictionary<int, int>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT indicator, g, count(*) FROM cube GROUP BY ALL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var indicator = Enum.Parse<Indicator>(reader.GetString(0));
                if (!indicators.Contains(indicator))
                    continue;
                if (!perIndicator.TryGetValue(indicator, out var byG))
                    perIndicator[indicator] = byG = [];
                byG[Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
            }
        }

        var headline = ReadHeadline(connection, "cube", indicators);
        return new Outcome(run, headline, perIndicator);
    }

    /// <summary>
    /// The headline figures (every indicator per cohort, and per cohort × niveau) from a table of DuckDB groups with a
    /// <c>GROUPING()</c> id <c>g</c>.
    /// </summary>
    internal static Dictionary<(string Figure, string Key), Counts> ReadHeadline(
        DuckDBConnection connection,
        string table,
        ImmutableArray<Indicator> indicators
    )
    {
        var headline = new Dictionary<(string, string), Counts>();
        foreach (var (indicator, byNiveau) in MonitorBench.Figures)
        {
            if (!indicators.Contains(indicator))
                continue;
            var mask = byNiveau ? Breakdown.Mask(Dimension.Cohort, Dimension.Niveau) : Breakdown.Mask(Dimension.Cohort);
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"SELECT cohort, niveau, population, hits, value FROM {table} WHERE indicator = '{indicator}' AND g = {Breakdown.GroupingId(mask)}"
            );
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var cohort = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                int? niveau = reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
                headline[(MonitorBench.FigureName(indicator, byNiveau), MonitorBench.HeadlineKey(cohort, niveau, byNiveau))] = new Counts(
                    Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                    Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture)
                );
            }
        }
        return headline;
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

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
