using System.Text.Json;
using Doorstroom.Catalogue;

namespace Doorstroom.Cli.Tests;

/// <summary>import, simulate, export and stats end to end, on the embedded default store (a SQLite file).</summary>
public sealed class StoreCommandTests
{
    private static async Task<JsonElement> Stats(Doorstroom cli, string db)
    {
        var r = await cli.Run("stats", "--db", db, "--format", "json");
        Expect.Done(r);
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    [Fact]
    public async Task Without_db_the_store_is_doorstroom_db_in_the_working_directory()
    {
        using var cli = new Doorstroom();
        var r = await cli.Run("stats", "--format", "json");
        Expect.Done(r);
        Assert.True(File.Exists(Path.Combine(cli.WorkDir, "doorstroom.db")), r.ToString());
        Assert.EndsWith("doorstroom.db", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("store").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_a_real_file_twice_changes_nothing_the_second_time()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        var first = await cli.Run("import", "kwalificaties", "--db", "k.db");
        Expect.Done(first);
        Assert.Contains("470 records, 470 rows stored, 470 changed", first.Stdout, StringComparison.Ordinal);
        var second = await cli.Run("import", "kwalificaties", "--db", "k.db");
        Expect.Done(second);
        Assert.Contains("already imported", second.Stdout, StringComparison.Ordinal);
        var forced = await cli.Run("import", "kwalificaties", "--db", "k.db", "--force");
        Assert.Contains("470 records, 470 rows stored, 0 changed", forced.Stdout, StringComparison.Ordinal);
        Assert.Equal(470, (await Stats(cli, "k.db")).GetProperty("records").GetProperty("kwalificatie").GetInt64());
    }

    [Fact]
    public async Task An_unknown_kind_is_bad_input_naming_the_kinds()
    {
        using var cli = new Doorstroom();
        Expect.BadInput(await cli.Run("import", "leerlingen-2030", "x.csv", "--db", "x.db"), "'leerlingen-2030' is not a kind of file", "vo-examens", "events");
    }

    [Fact]
    public async Task A_bad_event_line_is_refused_with_file_line_and_column_and_nothing_is_stored()
    {
        using var cli = new Doorstroom();
        var file = cli.Write(
            "sis.csv",
            "pupil;date;type;institution;leerweg;leerjaar\nP1;2024-08-01;Ingeschreven;25GV01;bol;\nP2;2024-13-01;Ingeschreven;25GV01;bol;\n"
        );
        var r = await cli.Run("import", "events", file, "--db", "e.db");
        Assert.Equal(2, r.ExitCode);
        // stderr carries the plain progress lines (a pipe is not a terminal) and then the one error line.
        Assert.StartsWith("doorstroom: events sis.csv refused, nothing stored: sis.csv:3: date:", r.StderrLines[^1], StringComparison.Ordinal);
        Assert.Equal(0, (await Stats(cli, "e.db")).GetProperty("events").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Simulated_pupils_are_synthetic_the_same_seed_adds_nothing_and_export_then_import_is_lossless()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        var first = await cli.Run("simulate", "--cohorts", "1", "--pupils", "2000", "--seed", "7", "--db", "sim.db");
        Expect.Done(first);
        Assert.Contains("SYNTHETIC", first.Stdout, StringComparison.Ordinal);
        var stats = await Stats(cli, "sim.db");
        Assert.Equal(2000, stats.GetProperty("pupils").GetProperty("total").GetInt64());
        Assert.Equal(2000, stats.GetProperty("pupils").GetProperty("synthetic").GetInt64());
        var events = stats.GetProperty("events").GetProperty("total").GetInt64();
        Assert.True(events > 2000 * 5, $"a simulated pupil has several events; found {events} for 2000 pupils");

        // Every event happens at a real institution: a vo vestiging DUO counted pupils at, or a KiesMBO location where
        // students are taught (not a head office).
        using (var connection = global::Doorstroom.Storage.Database.Open(Path.Combine(cli.WorkDir, "sim.db")).ConnectMigrated())
        {
            Assert.Equal(
                0L,
                Dapper.SqlMapper.ExecuteScalar<long>(
                    connection,
                    """
                    SELECT COUNT(*) FROM event e
                    WHERE NOT EXISTS (SELECT 1 FROM vo_leerlingen l WHERE l.brin6 = e.institution)
                      AND NOT EXISTS (SELECT 1 FROM mbo_locatie m WHERE m.brin6 = e.institution)
                    """
                )
            );
            Assert.Equal(
                0L,
                Dapper.SqlMapper.ExecuteScalar<long>(
                    connection,
                    "SELECT COUNT(*) FROM event e JOIN mbo_locatie m ON m.brin6 = e.institution WHERE m.naam LIKE '%Stafdienst%' OR m.naam LIKE "
                        + "'%Hoofdkantoor%'"
                )
            );
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var again = await cli.Run("simulate", "--cohorts", "1", "--pupils", "2000", "--seed", "7", "--db", "sim.db");
        Assert.Contains("nothing changed", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(events, (await Stats(cli, "sim.db")).GetProperty("events").GetProperty("total").GetInt64());

        Expect.Done(await cli.Run("export", "out.csv", "--db", "sim.db"));
        Expect.Done(await cli.Run("import", "events", "out.csv", "--db", "copy.db"));
        Expect.Done(await cli.Run("export", "copy.csv", "--db", "copy.db"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(cli.WorkDir, "out.csv")), File.ReadAllBytes(Path.Combine(cli.WorkDir, "copy.csv")));
        var copy = await Stats(cli, "copy.db");
        Assert.Equal(stats.GetProperty("events").GetRawText(), copy.GetProperty("events").GetRawText());
        Assert.Equal(2000, copy.GetProperty("pupils").GetProperty("synthetic").GetInt64());
    }

    [Fact]
    public async Task The_simulator_with_another_seed_adds_other_pupils()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("simulate", "--pupils", "500", "--seed", "1", "--first-cohort", "2019", "--db", "s.db"));
        var one = (await Stats(cli, "s.db")).GetProperty("events").GetProperty("total").GetInt64();
        var r = await cli.Run("simulate", "--pupils", "500", "--seed", "2", "--first-cohort", "2020", "--db", "s.db");
        Expect.Done(r);
        Assert.Equal(1000, (await Stats(cli, "s.db")).GetProperty("pupils").GetProperty("synthetic").GetInt64());
        Assert.True((await Stats(cli, "s.db")).GetProperty("events").GetProperty("total").GetInt64() > one);
    }

    /// <summary>The README's path: one cohort with the default seed, then three overlapping cohorts with another seed, into one store.</summary>
    [Fact]
    public async Task Overlapping_simulations_with_other_seeds_and_shapes_add_to_one_store()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("simulate", "--cohorts", "1", "--pupils", "1000", "--first-cohort", "2018", "--db", "o.db"));
        Expect.Done(await cli.Run("simulate", "--cohorts", "3", "--pupils", "1000", "--first-cohort", "2018", "--seed", "42", "--db", "o.db"));
        // The default seed again, over a wider span: its 2018 pupils are the ones stored, so only 2019 is new.
        var again = await cli.Run("simulate", "--cohorts", "2", "--pupils", "1000", "--first-cohort", "2018", "--db", "o.db");
        Expect.Done(again);
        Assert.Contains("1,000 new pupils stored", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(5000, (await Stats(cli, "o.db")).GetProperty("pupils").GetProperty("synthetic").GetInt64());
    }

    [Fact]
    public async Task Out_of_range_simulation_sizes_are_bad_input()
    {
        using var cli = new Doorstroom();
        Expect.BadInput(await cli.Run("simulate", "--pupils", "0", "--db", "x.db"), "--pupils", "expected 1 to 1,000,000");
    }
}

/// <summary>The monitor's real aggregates end to end (issue #4 item 6).</summary>
public sealed class MonitorRealAggregateTests
{
    /// <summary>A fresh store m.db holding DUO's 2016-17 exam file (skipped where the real data is absent).</summary>
    private static async Task<Doorstroom> WithExams2016()
    {
        RealData.Folder();
        var cli = new Doorstroom();
        Expect.Done(
            await cli.Run(
                "import",
                "vo-examens",
                Path.Combine(DataPaths.RealData(), "duo-vo-examens/07.-geslaagden-gezakten-en-cijfers-2016-2017.csv"),
                "--db",
                "m.db"
            )
        );
        return cli;
    }

    [Fact]
    public async Task Exam_candidates_2016_by_leerweg_as_json_are_the_national_totals()
    {
        using var cli = await WithExams2016();
        var r = await cli.Run("monitor", "exam-candidates", "--year", "2016", "--by", "leerweg", "--format", "json", "--db", "m.db");
        Expect.Done(r);
        var rows = JsonDocument
            .Parse(r.Stdout)
            .RootElement.GetProperty("rows")
            .EnumerateArray()
            .ToDictionary(row => row.GetProperty("leerweg").GetString()!, row => row.GetProperty("candidates").GetInt64());
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["BL"] = 20_818,
                ["KL"] = 29_684,
                ["GL"] = 7_143,
                ["TL"] = 51_382,
            },
            rows
        );
    }

    [Fact]
    public async Task Per_vestiging_counts_under_five_are_shown_as_less_than_five()
    {
        using var cli = await WithExams2016();
        var r = await cli.Run("monitor", "exam-candidates", "--year", "2016", "--by", "vestiging,leerweg", "--format", "csv", "--db", "m.db");
        Expect.Done(r);
        var lines = r.StdoutLines;
        Assert.Equal("vestiging;leerweg;candidates;passed;pass_rate;suppressed_cells", lines[0]);
        var small = lines.Skip(1).Select(l => l.Split(';')).Where(f => f[2] == "<5").ToList();
        Assert.NotEmpty(small);
        // A count under 5 never shows its value, and its pass rate (fewer than 10 candidates) is empty.
        Assert.All(small, f => Assert.Equal("", f[4]));
        Assert.DoesNotContain(lines.Skip(1).Select(l => l.Split(';')[2]), c => c is "1" or "2" or "3" or "4");
    }

    [Fact]
    public async Task An_unknown_monitor_dimension_is_bad_input()
    {
        using var cli = new Doorstroom();
        Expect.BadInput(await cli.Run("monitor", "pupils", "--by", "klas", "--db", "m.db"), "--by", "'klas' is not a dimension");
    }
}

/// <summary>
/// Simulator and monitor check each other (issue #4): on one simulated national cohort (100,000 vmbo leavers at the real
/// institutions), the monitor's first-year switch (D6) and new vsv per niveau (D2), computed from the stored events by
/// the official definitions, land within one percentage point of what the simulator was calibrated on.
/// </summary>
public sealed class MonitorSimulationTests
{
    private static Dictionary<string, (long Population, long Hits)> Rows(Result r, string key) =>
        JsonDocument
            .Parse(r.Stdout)
            .RootElement.GetProperty("rows")
            .EnumerateArray()
            .ToDictionary(row => row.GetProperty(key).ToString(), row => (row.GetProperty("population").GetInt64(), row.GetProperty("hits").GetInt64()));

    [Fact]
    public async Task On_a_simulated_national_cohort_switch_and_vsv_per_niveau_land_on_the_calibration()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("simulate", "--cohorts", "1", "--pupils", "100000", "--seed", "11", "--db", "nat.db"));
        var calibration = global::Doorstroom.Simulation.Calibration.Default;

        var switches = await cli.Run("monitor", "switch", "--by", "niveau", "--format", "json", "--db", "nat.db");
        Expect.Done(switches);
        var all = Rows(switches, "niveau").Values.Aggregate((Population: 0L, Hits: 0L), (a, b) => (a.Population + b.Population, a.Hits + b.Hits));
        Assert.True(all.Population > 50_000, $"D6 population {all.Population}");
        Assert.InRange((double)all.Hits / all.Population, calibration.FirstYearSwitchRate - 0.01, calibration.FirstYearSwitchRate + 0.01);

        var vsv = await cli.Run("monitor", "nieuwe-vsv", "--by", "niveau", "--format", "json", "--db", "nat.db");
        Expect.Done(vsv);
        var byNiveau = Rows(vsv, "niveau");
        foreach (var niveau in new[] { 1, 2, 3, 4 })
        {
            var (population, hits) = byNiveau[niveau.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            var rate = (double)hits / population;
            // Within a point, or four standard errors where a point is less (niveau 1: about a thousand entree students).
            var p = calibration.VsvRate(niveau);
            Assert.True(
                Math.Abs(rate - p) <= Math.Max(0.01, 4 * Math.Sqrt(p * (1 - p) / population)),
                $"vsv niveau {niveau}: measured {rate:P2} over {population:N0}, calibrated {calibration.VsvRate(niveau):P2}"
            );
        }
    }

    [Fact]
    public async Task A_route_comparison_names_real_routes_and_compares_only_like_with_like()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("simulate", "--pupils", "20000", "--seed", "3", "--first-cohort", "2019", "--db", "c.db"));
        Expect.BadInput(await cli.Run("monitor", "switch", "--compare", "vm3", "--db", "c.db"), "'vm3' is not a route");
        var r = await cli.Run("monitor", "diploma-nominaal", "--compare", "vakmanschapsroute", "--format", "json", "--db", "c.db");
        Expect.Done(r);
        var json = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Contains("same vmbo leerweg and sector", json.GetProperty("comparison").GetString(), StringComparison.Ordinal);
        // The vakmanschapsroute is for bb and kb pupils (R5.1): every compared stratum is bb or kb.
        var leerwegen = json.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("leerweg").GetString()).Distinct().ToList();
        Assert.NotEmpty(leerwegen);
        Assert.All(leerwegen, l => Assert.Contains(l, new[] { "bb", "kb" }));
    }

    [Fact]
    public async Task The_report_names_its_synthetic_data_and_has_every_chart_as_png_and_svg()
    {
        RealData.Folder();
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("simulate", "--pupils", "3000", "--seed", "5", "--db", "r.db"));
        var r = await cli.Run("report", "--out", "rapport", "--db", "r.db");
        Expect.Done(r);
        var folder = Path.Combine(cli.WorkDir, "rapport");
        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.Contains("Synthetische gegevens", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SIM-", html, StringComparison.Ordinal);
        var svgs = Directory.GetFiles(folder, "*.svg").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        var pngs = Directory.GetFiles(folder, "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.Equal(svgs, pngs);
        Assert.Contains("stroom", svgs);
        Assert.All(svgs, name => Assert.Contains($"{name}.svg", html, StringComparison.Ordinal));
    }
}
