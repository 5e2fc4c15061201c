using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Report.Tests;

/// <summary>The network numbers on five flows computed by hand: A→X 6, A→Y 2, A→Z 2, B→X 3, C→Y 5 (18 pupils).</summary>
public sealed class NetworkTests
{
    private const double Precision = 1e-12;

    [Fact]
    public void Matrix_puts_each_flow_in_its_cell_and_zeros_elsewhere()
    {
        var m = Network.Matrix(Sample.SmallFlows);
        Assert.Equal(["A", "B", "C"], m.VoVestigingen);
        Assert.Equal(["X", "Y", "Z"], m.MboInstellingen);
        Assert.Equal([6L, 2, 2], m.Counts[0]);
        Assert.Equal([3L, 0, 0], m.Counts[1]);
        Assert.Equal([0L, 5, 0], m.Counts[2]);
        Assert.Equal(18, m.Total);
        Assert.Equal(5, m.Count("C", "Y"));
        Assert.Equal(0, m.Count("C", "nowhere"));
    }

    [Fact]
    public void Intake_counts_feeders_and_the_largest_feeders_share()
    {
        var intake = Network.Intake(Sample.SmallFlows);
        Assert.Equal(["X", "Y", "Z"], intake.Select(i => i.MboInstelling));
        var x = intake[0];
        Assert.Equal((9L, 2, "A", 6L), (x.Total, x.Feeders, x.LargestFeeder, x.LargestFeederCount));
        Assert.Equal(6.0 / 9, x.LargestFeederShare, Precision);
        var y = intake[1];
        Assert.Equal((7L, 2, "C"), (y.Total, y.Feeders, y.LargestFeeder));
        Assert.Equal(5.0 / 7, y.LargestFeederShare, Precision);
        Assert.Equal((2L, 1, "A", 1.0), (intake[2].Total, intake[2].Feeders, intake[2].LargestFeeder, intake[2].LargestFeederShare));
    }

    [Fact]
    public void Spread_counts_institutions_largest_share_and_herfindahl()
    {
        var spread = Network.Spread(Sample.SmallFlows);
        Assert.Equal(["A", "C", "B"], spread.Select(s => s.VoVestiging));
        var a = spread[0];
        Assert.Equal((10L, 3, "X"), (a.Total, a.Institutions, a.LargestInstelling));
        Assert.Equal(0.6, a.LargestShare, Precision);
        Assert.Equal(0.6 * 0.6 + 0.2 * 0.2 + 0.2 * 0.2, a.Herfindahl, Precision); // 0.44
        Assert.All(spread.Skip(1), s => Assert.Equal((1, 1.0, 1.0), (s.Institutions, s.LargestShare, s.Herfindahl)));
    }

    [Fact]
    public void Flows_take_the_hits_sum_equal_keys_and_drop_empty_keys_and_zero_rows_in_either_column_order()
    {
        var definition = Sample.Doorstroom;
        MonitorRow Row(long pop, long hits, string mbo, string vo) => new([mbo, vo], pop, hits, null);
        var table = new MonitorTable(
            definition.Indicator,
            [Dimension.MboInstelling, Dimension.VoVestiging],
            [Row(10, 4, "X", "A"), Row(3, 2, "X", "A"), Row(9, 0, "Y", "A"), Row(7, 7, "", "B"), Row(5, 5, "Y", "B")]
        );
        var flows = Network.Flows(table);
        Assert.Equal([new Flow("A", "X", 6), new Flow("B", "Y", 5)], flows);
    }

    [Fact]
    public void Flows_refuse_a_table_without_both_dimensions()
    {
        var table = new MonitorTable(Sample.Doorstroom.Indicator, [Dimension.Route], ImmutableArray<MonitorRow>.Empty);
        Assert.Throws<ArgumentException>(() => Network.Flows(table));
    }
}
