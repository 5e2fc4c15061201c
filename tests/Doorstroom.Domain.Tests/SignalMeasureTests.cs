using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// Doubt signals measured: the relative risk with its Katz interval, the difference in mean years with its Welch interval,
/// suppression, and the pupils a signal splits; every number computed by hand in the comments.
/// </summary>
public sealed class SignalMeasureTests
{
    private const string School = "25AB00";
    private const string Mbo = "25PJ00";
    private const int Groen3 = 20330,
        Economie3 = 20320;

    private static readonly ImmutableDictionary<int, CreboInfo> Crebos = new[]
    {
        new CreboInfo(Groen3, 3, "Voedsel, natuur en leefomgeving", Direction.Groen),
        new CreboInfo(Economie3, 3, "Handel en ondernemerschap", Direction.Economie),
    }.ToImmutableDictionary(c => c.Crebo);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Relative_risk_and_its_Katz_interval_by_hand()
    {
        // With the signal 10 of 20 switch (0,5), without it 8 of 40 (0,2): RR = 0,5 / 0,2 = 2,5.
        // SE(ln RR) = √(1/10 − 1/20 + 1/8 − 1/40) = √(0,1 − 0,05 + 0,125 − 0,025) = √0,15 = 0,387298.
        // ln 2,5 = 0,916291; ± 1,959964 · 0,387298 = ± 0,759090: exp(0,157201) = 1,170230 and exp(1,675381) = 5,340832.
        var rr = SignalMeasures.Risk(10, 20, 8, 40);
        Assert.NotNull(rr);
        Assert.Equal(2.5, rr.Ratio, 6);
        Assert.Equal(1.170230, rr.Low, 5);
        Assert.Equal(5.340832, rr.High, 5);
    }

    [Fact]
    public void Relative_risk_is_suppressed_on_fewer_than_10_pupils_on_hits_of_1_to_4_and_undefined_on_no_hits()
    {
        Assert.Null(SignalMeasures.Risk(5, 9, 8, 40)); // 9 pupils with the signal: no rate, so no ratio
        Assert.Null(SignalMeasures.Risk(4, 20, 8, 40)); // 4 hits are shown as <5: the rate would give them back
        Assert.Null(SignalMeasures.Risk(10, 20, 3, 40));
        Assert.Null(SignalMeasures.Risk(10, 20, 0, 40)); // 0 without the signal: the ratio has no finite log
        Assert.NotNull(SignalMeasures.Risk(5, 10, 5, 10)); // the smallest shown: 5 of 10 both ways, RR = 1
        Assert.Equal(1.0, SignalMeasures.Risk(5, 10, 5, 10)!.Ratio, 9);
    }

    [Fact]
    public void Difference_in_mean_years_and_its_Welch_interval_by_hand()
    {
        // With the signal 10 reach a startkwalificatie after 2,2,3,3,3,4,4,4,5,5 years: mean 3,5; squared deviations
        // 2·2,25 + 3·0,25 + 3·0,25 + 2·2,25 = 10,5, variance 10,5/9 = 1,166667.
        // Without it 20 reach one, 10 after 2 and 10 after 3 years: mean 2,5; variance 20·0,25/19 = 0,263158.
        // d = 1,0; SE = √(1,166667/10 + 0,263158/20) = √(0,116667 + 0,013158) = √0,129825 = 0,360312;
        // ± 1,959964 · 0,360312 = ± 0,706198: from 0,293802 to 1,706198.
        var with = Tally([2, 2, 3, 3, 3, 4, 4, 4, 5, 5]);
        var without = Tally([.. Enumerable.Repeat(2.0, 10), .. Enumerable.Repeat(3.0, 10)]);
        var years = SignalMeasures.Years(with, without);
        Assert.NotNull(years);
        Assert.Equal(3.5, years.MeanWith, 9);
        Assert.Equal(2.5, years.MeanWithout, 9);
        Assert.Equal(1.0, years.Difference, 9);
        Assert.Equal(0.293802, years.Low, 5);
        Assert.Equal(1.706198, years.High, 5);
    }

    [Fact]
    public void Difference_in_mean_years_is_suppressed_on_fewer_than_10_who_reached_it()
    {
        var with = Tally([2, 2, 3, 3, 3, 4, 4, 4, 5]); // 9 reached
        var without = Tally([.. Enumerable.Repeat(2.0, 20)]);
        Assert.Null(SignalMeasures.Years(with, without));
    }

    private static OutcomeTally Tally(double[] years) => years.Aggregate(default(OutcomeTally), (t, y) => t.With(true, y));

    // A kb pupil of exam year 2027 who goes to groen mbo-3 on 1 August 2027; switching to economie in January 2028 if asked.
    private static TransitionEvent[] Pupil(bool lob, bool switches)
    {
        var stream = new List<TransitionEvent>
        {
            new("P", D(2025, 8, 1), EventKind.Ingeschreven, School, Leerweg.Kb, Leerjaar: 3),
            new("P", D(2026, 8, 1), EventKind.Bevorderd, School, Leerweg.Kb, Leerjaar: 4),
        };
        if (lob)
            stream.Add(new("P", D(2026, 10, 1), EventKind.LobActiviteit, School, Detail: "open-dag"));
        stream.Add(new("P", D(2027, 1, 15), EventKind.Aangemeld, Mbo, Leerweg.Bol, Niveau: 3, Crebo: Groen3));
        stream.Add(new("P", D(2027, 6, 15), EventKind.DiplomaBehaald, School, Leerweg.Kb));
        stream.Add(new("P", D(2027, 7, 31), EventKind.Uitgeschreven, School, Detail: "diploma"));
        stream.Add(new("P", D(2027, 8, 1), EventKind.Ingeschreven, Mbo, Leerweg.Bol, Niveau: 3, Crebo: Groen3));
        if (switches)
            stream.Add(new("P", D(2028, 1, 15), EventKind.Geswitcht, Mbo, Leerweg.Bol, Niveau: 3, Crebo: Economie3));
        return [.. stream];
    }

    [Fact]
    public void Observe_splits_the_pupils_by_the_signal_on_its_reference_date_and_counts_the_monitors_outcomes()
    {
        var cube = new SignalMeasureCube();
        var context = new MonitorContext(Crebos, D(2029, 12, 31));
        SignalMeasures.Observe(Pupil(lob: false, switches: true), null, synthetic: true, context, DoubtSettings.Default, cube);
        SignalMeasures.Observe(Pupil(lob: true, switches: false), null, synthetic: false, context, DoubtSettings.Default, cube);

        Assert.Equal(2, cube.Pupils);
        Assert.Equal(1, cube.SyntheticPupils);
        // S3: the pupil without LOB switched (D6: groen → economie in the first year), the other did not.
        Assert.Equal(new OutcomeTally(1, 1, 0, 0), cube.Tally(DoubtKind.GeenLob, true, Indicator.Switch));
        Assert.Equal(new OutcomeTally(1, 0, 0, 0), cube.Tally(DoubtKind.GeenLob, false, Indicator.Switch));
        // S1: both applied before 1 February, so neither is without a choice.
        Assert.Equal(new OutcomeTally(2, 1, 0, 0), cube.Tally(DoubtKind.GeenKeuze, false, Indicator.Switch));
        Assert.Equal(default, cube.Tally(DoubtKind.GeenKeuze, true, Indicator.Switch));
        // New vsv: both stay enrolled on every 1 October from 2026 (cohort exam year − 1) on.
        Assert.Equal(new OutcomeTally(1, 0, 0, 0), cube.Tally(DoubtKind.GeenLob, true, Indicator.NieuweVsv));
        // No startkwalificatie by the end of 2029 (no mbo diploma).
        Assert.Equal(new OutcomeTally(1, 0, 0, 0), cube.Tally(DoubtKind.GeenLob, true, Indicator.TijdTotStartkwalificatie));
    }

    [Fact]
    public void A_signal_whose_reference_date_lies_after_the_data_is_not_evaluated()
    {
        // The data ends on 31 January 2027: the choice and LOB days (1 February) and 31 July are all after it.
        var cube = new SignalMeasureCube();
        SignalMeasures.Observe(Pupil(lob: false, switches: false), null, false, new MonitorContext(Crebos, D(2027, 1, 31)), DoubtSettings.Default, cube);
        Assert.Equal(0, cube.Pupils);
        Assert.All(cube.Comparisons(), c => Assert.Equal(0, c.With.Population + c.Without.Population));
    }
}
