namespace Doorstroom.Bench.Tests;

public sealed class TargetTests
{
    [Fact]
    public void A_ceiling_is_met_at_or_under_its_limit_and_says_by_how_much_it_is_over()
    {
        Assert.True(new Target("recompute after a heavy day", 1.0, 1.0, HigherIsBetter: false, "s").Met);
        var over = new Target("recompute after a heavy day", 1.25, 1.0, HigherIsBetter: false, "s");
        Assert.False(over.Met);
        Assert.Equal(0.25, over.Shortfall, 6);
        Assert.Equal("target recompute after a heavy day: 1.25 s (≤ 1 s): NOT met, 25 % over", over.Line());
    }

    [Fact]
    public void A_floor_is_met_at_or_over_its_limit_and_says_by_how_much_it_is_short()
    {
        Assert.Equal("target daily import: 150,000 events/s (≥ 100,000 events/s): met", new Target("daily import", 150_000, 100_000, true, "events/s").Line());
        var shortOf = new Target("plan + JSON", 15_000, 30_000, HigherIsBetter: true, "plans/s");
        Assert.False(shortOf.Met);
        Assert.EndsWith("NOT met, 50 % short", shortOf.Line(), StringComparison.Ordinal);
    }
}
