using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Domain.Tests;

/// <summary>Where to connect (issue 16, item 5) on hand-made flows: shares, trend, the gap classification and suppression.</summary>
public sealed class WhereToConnectTests
{
    private static readonly DateOnly On = new(2026, 11, 30);

    /// <summary>
    /// School 01AA00 sends, in 2022: 60 to 25LG, 30 to 28EF, 10 to 30AB (of 100); in 2023: 40 to 25LG, 50 to 28EF, 10 to 30AB (of 100).
    /// School 02BB00 sends 3 to 25LG in 2023. 25LG takes in 100 + 3 = 103.
    /// </summary>
    private static MonitorTable Flows(params (string Vo, string Mbo, int Cohort, long Count)[] extra)
    {
        (string, string, int, long)[] rows =
        [
            ("01AA00", "25LG", 2022, 60),
            ("01AA00", "28EF", 2022, 30),
            ("01AA00", "30AB", 2022, 10),
            ("01AA00", "25LG", 2023, 40),
            ("01AA00", "28EF", 2023, 50),
            ("01AA00", "30AB", 2023, 10),
            ("02BB00", "25LG", 2023, 3),
            ("01AA00", MonitorCube.Unknown, 2023, 7),
            .. extra,
        ];
        return new MonitorTable(
            Indicator.DoorstroomVoMbo,
            [Dimension.VoVestiging, Dimension.MboInstelling, Dimension.Cohort],
            [.. rows.Select(r => new MonitorRow([r.Item1, r.Item2, r.Item3.ToString(CultureInfo.InvariantCulture)], r.Item4 + 5, r.Item4, null))]
        );
    }

    private static Connection Connect(string id, string vo, string mbo, ConnectionForm form = ConnectionForm.DoorlopendeLeerlijn, DateOnly? until = null) =>
        new(id, vo, mbo, form, new DateOnly(2020, 8, 1), until, "beschrijving", "bron");

    private static MonitorTable Outcome(Indicator indicator, params (string Vo, string Mbo, long Population, long Hits)[] rows) =>
        new(indicator, [Dimension.VoVestiging, Dimension.MboInstelling], [.. rows.Select(r => new MonitorRow([r.Vo, r.Mbo], r.Population, r.Hits, null))]);

    [Fact]
    public void Shares_are_of_the_schools_flow_into_the_mbo_over_the_cohorts_and_leave_out_unknown_institutions()
    {
        var view = WhereToConnect.ForVoVestiging("01AA00", Flows(), [], [], On);

        Assert.Equal(200, view.Total);
        Assert.Equal([2022, 2023], view.Cohorts);
        Assert.Equal(["25LG", "28EF", "30AB"], view.Partners.Select(p => p.Code));
        var lg = view.Partners[0];
        Assert.Equal(100, lg.Count);
        Assert.Equal(0.5, lg.Share);
        Assert.Equal([0.6, 0.4], lg.Cohorts.Select(c => c.Share!.Value));
    }

    [Fact]
    public void Trend_rises_or_falls_by_five_points_from_the_first_to_the_last_cohort_else_level()
    {
        var view = WhereToConnect.ForVoVestiging("01AA00", Flows(), [], [], On);

        Assert.Equal(ShareTrend.Dalend, view.Partners.Single(p => p.Code == "25LG").Trend); // 60 % → 40 %
        Assert.Equal(ShareTrend.Stijgend, view.Partners.Single(p => p.Code == "28EF").Trend); // 30 % → 50 %
        Assert.Equal(ShareTrend.Gelijk, view.Partners.Single(p => p.Code == "30AB").Trend); // 10 % → 10 %
    }

    [Fact]
    public void Trend_needs_two_cohorts_of_twenty_pupils_and_no_hidden_count()
    {
        var t = ConnectionThresholds.Default;
        Assert.Equal(ShareTrend.TeWeinig, WhereToConnect.TrendOf([new CohortShare(2022, 10, 100)], t));
        Assert.Equal(ShareTrend.TeWeinig, WhereToConnect.TrendOf([new CohortShare(2022, 5, 19), new CohortShare(2023, 15, 100)], t));
        // 3 of 100 → 0 of 100 would be "level" anyway, but 4 of 20 → 0 of 20 (−20 points) must not tell a hidden count.
        Assert.Equal(ShareTrend.TeWeinig, WhereToConnect.TrendOf([new CohortShare(2022, 4, 20), new CohortShare(2023, 0, 20)], t));
        Assert.Equal(ShareTrend.Dalend, WhereToConnect.TrendOf([new CohortShare(2022, 5, 20), new CohortShare(2023, 0, 20)], t));
    }

    [Fact]
    public void A_large_flow_without_a_connection_is_a_gap_and_with_one_is_connected()
    {
        var connections = new[] { Connect("c1", "01AA00", "28EF02") };
        var view = WhereToConnect.ForVoVestiging("01AA00", Flows(), [], connections, On);

        Assert.Equal(ConnectionGap.GroteStroomZonderVerbinding, view.Partners.Single(p => p.Code == "25LG").Gap);
        var ef = view.Partners.Single(p => p.Code == "28EF");
        Assert.Equal(ConnectionGap.Verbonden, ef.Gap);
        Assert.Equal("c1", Assert.Single(ef.Connections).Id);
        // 30AB: 20 of 200 = 10 % and 20 pupils: large, no connection.
        Assert.Equal(ConnectionGap.GroteStroomZonderVerbinding, view.Partners.Single(p => p.Code == "30AB").Gap);
    }

    [Fact]
    public void A_connection_along_a_negligible_or_absent_flow_is_the_other_gap()
    {
        var connections = new[] { Connect("c2", "01AA00", "40ZZ", ConnectionForm.Zorglijn), Connect("c3", "01AA00", "31CC") };
        var view = WhereToConnect.ForVoVestiging("01AA00", Flows(("01AA00", "31CC", 2023, 3)), [], connections, On);

        var none = view.Partners.Single(p => p.Code == "40ZZ");
        Assert.Equal(0, none.Count);
        Assert.Equal(ConnectionGap.VerbindingBijKleineStroom, none.Gap);
        // 3 pupils: shown as "<5", so negligible whatever the share (the label tells no more than the count).
        var small = view.Partners.Single(p => p.Code == "31CC");
        Assert.Equal(ConnectionGap.VerbindingBijKleineStroom, small.Gap);
        Assert.Null(small.Share);
        // With 203 pupils 30AB's 20 are under 10 %: no gap; 28EF's 80 without a connection are one.
        Assert.Equal(["25LG", "28EF", "31CC", "40ZZ"], view.Gaps.Select(p => p.Code));
    }

    [Fact]
    public void The_thresholds_are_parameters()
    {
        Assert.Equal(ConnectionGap.GroteStroomZonderVerbinding, WhereToConnect.Classify(20, 200, false, ConnectionThresholds.Default));
        Assert.Equal(ConnectionGap.GeenVerbinding, WhereToConnect.Classify(20, 200, false, new ConnectionThresholds(LargeShare: 0.2)));
        Assert.Equal(ConnectionGap.GeenVerbinding, WhereToConnect.Classify(9, 20, false, ConnectionThresholds.Default));
        Assert.Equal(ConnectionGap.Verbonden, WhereToConnect.Classify(5, 200, true, ConnectionThresholds.Default));
        Assert.Equal(ConnectionGap.VerbindingBijKleineStroom, WhereToConnect.Classify(5, 200, true, new ConnectionThresholds(NegligibleShare: 0.05)));
    }

    [Fact]
    public void A_connection_that_does_not_hold_on_the_date_does_not_count()
    {
        var ended = new[] { Connect("old", "01AA00", "25LG", until: new DateOnly(2025, 7, 31)) };
        var view = WhereToConnect.ForVoVestiging("01AA00", Flows(), [], ended, On);

        Assert.Empty(view.Partners.Single(p => p.Code == "25LG").Connections);
        Assert.Equal(ConnectionGap.GroteStroomZonderVerbinding, view.Partners.Single(p => p.Code == "25LG").Gap);
    }

    [Fact]
    public void An_institution_sees_its_feeder_schools_with_their_connections_to_any_of_its_locations()
    {
        var connections = new[] { Connect("c4", "02BB00", "25LG03"), Connect("c5", "01AA00", "28EF") };
        var view = WhereToConnect.ForMboInstelling("25LG", Flows(), [], connections, On);

        Assert.Equal(ConnectionSide.MboInstelling, view.Side);
        Assert.Equal(103, view.Total);
        Assert.Equal(["01AA00", "02BB00"], view.Partners.Select(p => p.Code));
        Assert.Equal(ConnectionGap.GroteStroomZonderVerbinding, view.Partners[0].Gap);
        var small = view.Partners[1];
        Assert.Equal(3, small.Count);
        Assert.Equal(ConnectionGap.VerbindingBijKleineStroom, small.Gap);
        Assert.Equal("c4", Assert.Single(small.Connections).Id);
    }

    [Fact]
    public void Outcomes_along_a_flow_are_the_monitors_indicators_suppressed_as_elsewhere()
    {
        var outcomes = new[]
        {
            Outcome(Indicator.Switch, ("01AA00", "25LG", 40, 8), ("01AA00", "28EF", 9, 2), ("02BB00", "25LG", 20, 1)),
            Outcome(Indicator.NieuweVsv, ("01AA00", "25LG", 50, 3), ("01AA00", MonitorCube.Unknown, 30, 6)),
        };
        var view = WhereToConnect.ForVoVestiging("01AA00", Flows(), outcomes, [], On);

        var lg = view.Partners.Single(p => p.Code == "25LG").Outcomes;
        Assert.Equal(WhereToConnect.Outcomes, lg.Select(o => o.Indicator));
        Assert.Equal(0.2, lg[0].Rate); // switch 8 of 40
        Assert.Null(lg[1].Rate); // vsv 3 of 50: a hidden count gives no rate
        Assert.Equal(0, lg[2].Population); // no startersresultaat table given
        Assert.Null(view.Partners.Single(p => p.Code == "28EF").Outcomes[0].Rate); // 9 pupils: under 10
        // Over all the school's flows: switch 10 of 49; vsv only along known institutions, 3 of 50.
        Assert.Equal((49, 10), (view.Overall[0].Population, view.Overall[0].Hits));
        Assert.Equal((50, 3), (view.Overall[1].Population, view.Overall[1].Hits));
    }

    [Fact]
    public void A_table_without_the_needed_breakdown_is_refused_with_its_name()
    {
        var wrong = new MonitorTable(Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling], ImmutableArray<MonitorRow>.Empty);
        var e = Assert.Throws<ArgumentException>(() => WhereToConnect.ForVoVestiging("01AA00", wrong, [], [], On));
        Assert.Contains("Cohort", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_flows_are_summed_over_the_cohorts_and_small_ones_left_out()
    {
        var top = WhereToConnect.LargestFlows(Flows(), 2);
        Assert.Equal([("01AA00", "25LG", 100L), ("01AA00", "28EF", 80L)], top.Select(f => (f.VoVestiging, f.MboInstelling, f.Count)));
        Assert.DoesNotContain(WhereToConnect.LargestFlows(Flows(), 10), f => f.VoVestiging == "02BB00");
    }
}
