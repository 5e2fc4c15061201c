namespace Doorstroom.Domain.Tests;

/// <summary>The monitor cube's roll-ups, incremental subtraction and DUO's suppression rule (design §5).</summary>
public sealed class CubeTests
{
    private static Observation Obs(Indicator indicator, int cohort, string? mbo, int? niveau, bool hit, double value = 0, Leerweg? lw = Leerweg.Kb) =>
        new(indicator, new Cell("normale-route", cohort, "01AA00", mbo, lw, Direction.Groen, niveau), hit, value);

    private static MonitorCube Sample()
    {
        var cube = new MonitorCube();
        // vsv 2019: 25LG niveau 2: 3 of 10; 25LG niveau 3: 1 of 5; 28EF niveau 2: 0 of 4. 2020: 25LG niveau 2: 2 of 6.
        void Many(int n, int hits, int cohort, string mbo, int niveau)
        {
            for (var i = 0; i < n; i++)
                cube.Add(Obs(Indicator.NieuweVsv, cohort, mbo, niveau, i < hits));
        }
        Many(10, 3, 2019, "25LG", 2);
        Many(5, 1, 2019, "25LG", 3);
        Many(4, 0, 2019, "28EF", 2);
        Many(6, 2, 2020, "25LG", 2);
        cube.Add(Obs(Indicator.Switch, 2019, "25LG", 2, true));
        return cube;
    }

    [Fact]
    public void Rollup_sums_populations_and_hits_over_the_dimensions_not_asked()
    {
        var cube = Sample();
        var byCohort = cube.Table(Indicator.NieuweVsv, [Dimension.Cohort]);
        // 2019: 10 + 5 + 4 = 19 pupils, 3 + 1 + 0 = 4 hits; 2020: 6 and 2.
        Assert.Equal([(["2019"], 19L, 4L), (["2020"], 6L, 2L)], byCohort.Rows.Select(r => (r.Keys.ToArray(), r.Population, r.Hits)));
        Assert.Equal(Indicator.NieuweVsv, byCohort.Indicator);

        var total = cube.Table(Indicator.NieuweVsv, []);
        Assert.Equal((25L, 6L), (Assert.Single(total.Rows).Population, total.Rows[0].Hits));

        var byInstitutionNiveau = cube.Table(Indicator.NieuweVsv, [Dimension.MboInstelling, Dimension.Niveau], c => c.Cohort == 2019);
        Assert.Equal(
            [("25LG", "2", 10L, 3L), ("25LG", "3", 5L, 1L), ("28EF", "2", 4L, 0L)],
            byInstitutionNiveau.Rows.Select(r => (r.Keys[0], r.Keys[1], r.Population, r.Hits))
        );

        // The switch observation is another indicator and does not mix in.
        Assert.Equal(1L, Assert.Single(cube.Table(Indicator.Switch, [Dimension.Cohort]).Rows).Population);
    }

    [Fact]
    public void Keys_are_text_and_a_missing_value_is_onbekend()
    {
        var cube = new MonitorCube();
        cube.Add(new Observation(Indicator.NieuweVsv, new Cell(null, 2019, null, null, null, null, null), false));
        cube.Add(Obs(Indicator.NieuweVsv, 2019, "25LG", 2, false));
        var table = cube.Table(
            Indicator.NieuweVsv,
            [Dimension.Route, Dimension.VoVestiging, Dimension.MboInstelling, Dimension.Leerweg, Dimension.Sector, Dimension.Niveau]
        );
        Assert.Equal(
            [
                ["normale-route", "01AA00", "25LG", "kb", "groen", "2"],
                ["onbekend", "onbekend", "onbekend", "onbekend", "onbekend", "onbekend"],
            ],
            table.Rows.Select(r => r.Keys.ToArray())
        );
    }

    [Fact]
    public void Mean_is_the_average_value_of_the_hits()
    {
        var cube = new MonitorCube();
        cube.Add(Obs(Indicator.TijdTotStartkwalificatie, 2019, null, null, true, 2.0));
        cube.Add(Obs(Indicator.TijdTotStartkwalificatie, 2019, null, null, true, 3.0));
        cube.Add(Obs(Indicator.TijdTotStartkwalificatie, 2019, null, null, false));
        var row = Assert.Single(cube.Table(Indicator.TijdTotStartkwalificatie, [Dimension.Cohort]).Rows);
        // (2 + 3) / 2 hits = 2.5; the non-hit has no value.
        Assert.Equal((3L, 2L, 2.5), (row.Population, row.Hits, row.Mean!.Value));
        var none = new MonitorCube();
        none.Add(Obs(Indicator.NieuweVsv, 2019, null, null, false));
        Assert.Null(Assert.Single(none.Table(Indicator.NieuweVsv, []).Rows).Mean);
    }

    [Fact]
    public void Subtract_restores_the_cube_so_a_pupil_can_be_recomputed()
    {
        var cube = Sample();
        string Show() =>
            string.Join(
                " | ",
                cube.Table(Indicator.NieuweVsv, [Dimension.Cohort, Dimension.MboInstelling, Dimension.Niveau])
                    .Rows.Select(r => $"{string.Join(',', r.Keys)}:{r.Population}/{r.Hits}/{r.Mean}")
            );
        var before = Show();
        var count = cube.Count;
        Observation[] old = [Obs(Indicator.NieuweVsv, 2021, "26AB", 4, true, 1.5), Obs(Indicator.NieuweVsv, 2019, "25LG", 2, false)];
        foreach (var o in old)
            cube.Add(o);
        Assert.NotEqual(before, Show());
        foreach (var o in old)
            cube.Subtract(o);
        Assert.Equal(before, Show());
        Assert.Equal(count, cube.Count); // a cell emptied by Subtract is dropped
        cube.Add(old[0], 3);
        cube.Add(old[0], -3);
        Assert.Equal(count, cube.Count);
    }

    [Fact]
    public void AddAll_merges_cubes_as_if_filled_as_one()
    {
        var a = Sample();
        var b = Sample();
        a.AddAll(b);
        var row = a.Table(Indicator.NieuweVsv, []).Rows[0];
        Assert.Equal((50L, 12L), (row.Population, row.Hits));
    }

    [Fact]
    public void Suppression_counts_under_5_are_shown_as_less_than_5_and_0_stays_0()
    {
        Assert.Equal("0", Suppression.Count(0));
        Assert.Equal("<5", Suppression.Count(1));
        Assert.Equal("<5", Suppression.Count(4));
        Assert.Equal("5", Suppression.Count(5));
        Assert.Equal("12345", Suppression.Count(12345));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suppression.Count(-1));
    }

    [Fact]
    public void Suppression_rates_on_fewer_than_10_pupils_or_beside_a_hidden_count_are_suppressed()
    {
        Assert.Null(Suppression.Rate(6, 9));
        Assert.Equal(0.6, Suppression.Rate(6, 10));
        Assert.Equal(0.0, Suppression.Rate(0, 10));
        Assert.Null(Suppression.Rate(0, 0));
        var rows = Sample()
            .Table(Indicator.NieuweVsv, [Dimension.Cohort, Dimension.MboInstelling, Dimension.Niveau], c => c.Cohort == 2019)
            .Rows.Select(Suppression.Display)
            .ToList();
        // 25LG/2: 10 pupils, 3 hits ⇒ "10", "<5", and no rate (30 % of 10 would give the 3 back). 25LG/3: 5 pupils ⇒ rate
        // suppressed. 28EF/2: 4 pupils, 0 hits ⇒ "<5", "0", no rate.
        Assert.Equal(("10", "<5", (double?)null), (rows[0].Population, rows[0].Hits, rows[0].Rate));
        Assert.Equal(("5", "<5", (double?)null), (rows[1].Population, rows[1].Hits, rows[1].Rate));
        Assert.Equal(("<5", "0", (double?)null), (rows[2].Population, rows[2].Hits, rows[2].Rate));
    }

    [Fact]
    public void Every_breakdown_rolled_up_from_its_parent_has_the_groups_of_grouping_the_observations_directly()
    {
        var cube = new MonitorCube();
        var observations = new List<Observation>();
        var random = new Random(3);
        string[] vo = ["10AA00", "10AB00", "10AC00"];
        for (var i = 0; i < 2_000; i++)
        {
            var cell = new Cell(
                i % 3 == 0 ? "R1" : null,
                2015 + random.Next(4),
                vo[random.Next(3)],
                random.Next(2) == 0 ? null : "30AA",
                (Leerweg)random.Next(4),
                random.Next(3) == 0 ? null : (Direction)random.Next(5),
                random.Next(2) == 0 ? null : random.Next(1, 5)
            );
            var o = new Observation(Indicator.NieuweVsv, cell, random.Next(5) == 0);
            observations.Add(o);
            cube.Add(o);
        }
        var breakdowns = cube.RollUp();
        for (var mask = 0; mask < 128; mask++)
        {
            var groups = observations.GroupBy(o => Project(o.Cell, mask)).Select(g => g.Count()).ToList();
            Assert.Equal(groups.Count, breakdowns.Of(Indicator.NieuweVsv, mask));
            Assert.Equal(groups.Count(n => n >= 5), breakdowns.Publishable[(int)Indicator.NieuweVsv][mask]);
        }
        Assert.Equal(0, breakdowns.Of(Indicator.Switch, 127));
        // One indicator rolled up alone (as the engine does on each core) gives its row of the whole roll-up.
        var alone = cube.RollUp(Indicator.NieuweVsv);
        Assert.Equal(breakdowns.Groups[(int)Indicator.NieuweVsv], alone.Groups, EqualityComparer<int>.Default);
        Assert.Equal(breakdowns.Publishable[(int)Indicator.NieuweVsv], alone.Publishable, EqualityComparer<int>.Default);

        // Taking a copy's observations out and adding them back leaves every cell as it was.
        var copy = cube.Clone();
        var part = new MonitorCube();
        foreach (var o in observations.Take(100))
            part.Add(o);
        cube.AddAll(part, -1);
        Assert.NotNull(cube.Difference(copy));
        cube.AddAll(part);
        Assert.Null(cube.Difference(copy));
    }

    private static Cell Project(Cell c, int mask)
    {
        bool Has(Dimension d) => (mask & (1 << (int)d)) != 0;
        return new Cell(
            Has(Dimension.Route) ? c.Route : null,
            Has(Dimension.Cohort) ? c.Cohort : 0,
            Has(Dimension.VoVestiging) ? c.VoVestiging : null,
            Has(Dimension.MboInstelling) ? c.MboInstelling : null,
            Has(Dimension.Leerweg) ? c.Leerweg : null,
            Has(Dimension.Sector) ? c.Sector : null,
            Has(Dimension.Niveau) ? c.Niveau : null
        );
    }
}
