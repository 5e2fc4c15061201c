namespace Doorstroom.Domain.Tests;

/// <summary>When a cohort of an indicator can be read: not before every member's measurement window has closed (issue 14).</summary>
public sealed class AfleesbaarheidTests
{
    [Fact]
    public void Time_to_startkwalificatie_of_last_summers_leavers_is_not_yet_readable()
    {
        // Leavers of summer 2026, looked at in December 2026: nobody can have an mbo-2 diploma yet.
        var open = Afleesbaarheid.Op(Indicator.TijdTotStartkwalificatie, 2026, new DateOnly(2026, 12, 3));
        Assert.False(open.Afleesbaar);
        Assert.Equal(new DateOnly(2031, 10, 1), open.Vanaf);
        Assert.Contains("5 jaar", open.Reden, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_to_startkwalificatie_is_readable_five_years_after_the_cohorts_peildatum()
    {
        Assert.False(Afleesbaarheid.Kan(Indicator.TijdTotStartkwalificatie, 2021, new DateOnly(2026, 9, 30)));
        Assert.True(Afleesbaarheid.Kan(Indicator.TijdTotStartkwalificatie, 2021, new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void New_vsv_of_cohort_t_is_readable_from_1_October_t_plus_1_not_a_day_earlier()
    {
        Assert.False(Afleesbaarheid.Kan(Indicator.NieuweVsv, 2025, new DateOnly(2026, 9, 30)));
        Assert.True(Afleesbaarheid.Kan(Indicator.NieuweVsv, 2025, new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void Doorstroom_vo_mbo_of_cohort_t_is_readable_on_its_own_peildatum()
    {
        Assert.True(Afleesbaarheid.Kan(Indicator.DoorstroomVoMbo, 2026, new DateOnly(2026, 10, 1)));
        Assert.False(Afleesbaarheid.Kan(Indicator.DoorstroomVoMbo, 2026, new DateOnly(2026, 9, 30)));
        Assert.False(Afleesbaarheid.Kan(Indicator.DoorstroomVoMboNaEenJaar, 2026, new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void Diploma_within_nominal_time_waits_for_the_four_years_of_niveau_4()
    {
        Assert.Equal(new DateOnly(2026, 10, 1), Afleesbaarheid.Op(Indicator.DiplomaNominaal, 2022, DateOnly.MinValue).Vanaf);
        Assert.False(Afleesbaarheid.Kan(Indicator.DiplomaNominaal, 2023, new DateOnly(2026, 12, 3)));
    }

    [Fact]
    public void Switch_waits_until_the_last_entrant_of_the_school_year_has_had_a_year()
    {
        Assert.Equal(new DateOnly(2026, 8, 1), Afleesbaarheid.Op(Indicator.Switch, 2024, DateOnly.MinValue).Vanaf);
    }

    [Fact]
    public void Every_indicator_has_a_window_and_a_reason()
    {
        foreach (var indicator in Enum.GetValues<Indicator>())
        {
            var a = Afleesbaarheid.Op(indicator, 2020, new DateOnly(2020, 1, 1));
            Assert.False(a.Afleesbaar, $"{indicator}: cohort 2020 cannot be read before its peildatum in 2020 or later");
            Assert.True(a.Vanaf.Year >= 2020, indicator.ToString());
            Assert.False(string.IsNullOrWhiteSpace(a.Reden));
            Assert.True(Afleesbaarheid.Kan(indicator, 2020, a.Vanaf));
        }
    }
}
