using Doorstroom.Domain;

namespace Doorstroom.Simulation.Tests;

/// <summary>
/// The simulated LOB participation and doubt (issue 16, decision 0031), measured on the events the way the doubt signals read
/// them: the latest <see cref="EventKind.KeuzeVastgelegd"/> before 1 February of the exam year, and LOB activity in the exam year.
/// </summary>
public sealed class LoopbaanTests
{
    private const int Seed = 20160801;

    /// <summary>The same 50,000 pupils as <see cref="SimulatorTests"/>: cohorts 2016–2020, 10,000 each, default calibration.</summary>
    private static readonly Lazy<List<SimulatedPupil>> Pupils = new(() => Run(Calibration.Default, Seed));

    private static List<SimulatedPupil> Run(Calibration calibration, int seed) => [.. Simulator.Run(Measure.World, calibration, 2016, 5, 10_000, seed)];

    private static readonly EventKind[] LoopbaanKinds =
    [
        EventKind.LobActiviteit,
        EventKind.KeuzeVastgelegd,
        EventKind.MeeloopdagAangemeld,
        EventKind.MeeloopdagBijgewoond,
        EventKind.MeeloopdagNietVerschenen,
    ];

    /// <summary>
    /// Measured at commit 2597b17 (before LOB and doubt) on these 50,000 pupils: D6 first-year switch, mbo diploma within five years
    /// of the D6 population, and D2 new vsv per niveau 1–4, as (count, population).
    /// </summary>
    private static readonly (string What, long Count, long Population)[] Before =
    [
        ("switch", 4_266, 34_546),
        ("diploma within five years", 28_763, 34_546),
        ("vsv niveau 1", 134, 655),
        ("vsv niveau 2", 3_067, 31_920),
        ("vsv niveau 3", 1_667, 43_673),
        ("vsv niveau 4", 1_742, 63_111),
    ];

    [Fact]
    public void Doubt_shifts_risk_between_pupils_and_keeps_the_national_rates_within_tolerance_of_before()
    {
        var after = Aggregates(Pupils.Value);
        foreach (var (what, count, population) in Before)
        {
            var (c, n) = after[what];
            var p = (double)count / population;
            var measured = (double)c / n;
            // Two independent samples of about the same size: the difference has √2 times one sample's standard error.
            var allowed = 4 * Math.Sqrt(2) * Math.Sqrt(p * (1 - p) / Math.Min(population, n));
            Assert.True(Math.Abs(measured - p) <= allowed, $"{what}: before {p:F4}, now {measured:F4}, allowed ±{allowed:F4}");
        }
    }

    [Fact]
    public void Pupils_in_doubt_on_the_peildatum_switch_by_the_configured_relative_risk()
    {
        var calibration = Calibration.Default;
        var (doubt, noLob) = SwitchRelativeRisks(Pupils.Value);
        AssertRelativeRisk(calibration.DoubtSwitchRelativeRisk, doubt, "switch, in doubt on 1 February");
        AssertRelativeRisk(calibration.NoLobSwitchRelativeRisk, noLob, "switch, no LOB in the exam year");
    }

    [Fact]
    public void Without_an_effect_doubt_does_not_raise_the_switch_rate()
    {
        var calibration = Calibration.Default with { DoubtSwitchRelativeRisk = 1, NoLobSwitchRelativeRisk = 2.5 };
        var (doubt, noLob) = SwitchRelativeRisks(Run(calibration, seed: 41));
        AssertRelativeRisk(1, doubt, "switch, in doubt, no effect set");
        AssertRelativeRisk(2.5, noLob, "switch, no LOB, relative risk 2.5");
    }

    [Fact]
    public void Pupils_in_doubt_more_often_have_no_mbo_diploma_within_five_years()
    {
        var calibration = Calibration.Default;
        var (_, _, members) = Measure.FirstYearSwitch(Pupils.Value, Measure.World);
        long[] without = [0, 0],
            total = [0, 0];
        foreach (var m in members)
        {
            if (ExamYear(m.Pupil) is not { } exam)
                continue;
            var g = InDoubt(m.Pupil, exam) ? 1 : 0;
            total[g]++;
            var deadline = new DateOnly(m.Pupil.Events[m.Entry].Date.Year + 5, 7, 31);
            if (!m.Pupil.Events.Skip(m.Entry).Any(e => e.Kind == EventKind.DiplomaBehaald && e.Date <= deadline))
                without[g]++;
        }
        var ratio = (double)without[1] / total[1] / ((double)without[0] / total[0]);
        // Both the vsv and the delay chance rise by about 1.4 / 1.11 for pupils in doubt (and switchers, more of them in doubt,
        // get a diploma less often): well above 1, below the product of the two relative risks.
        Assert.InRange(ratio, 1.15, calibration.DoubtVsvRelativeRisk * calibration.DoubtDelayRelativeRisk);
    }

    [Fact]
    public void Shares_without_a_choice_unsure_or_without_LOB_are_near_their_settings()
    {
        var calibration = Calibration.Default;
        int stayed = 0,
            noChoice = 0,
            unsure = 0,
            noLob = 0,
            neverChose = 0,
            becameSure = 0,
            noLobAtAll = 0;
        foreach (var pupil in Pupils.Value)
        {
            var exam = ExamYearOf(pupil);
            if (LeftVo(pupil) < new DateOnly(exam, 6, 1))
                continue;
            stayed++;
            var onPeil = LatestChoice(pupil, Peildatum(exam));
            if (onPeil is null)
                noChoice++;
            if (onPeil is "twijfel" or "geen-idee")
            {
                unsure++;
                if (pupil.Events.Any(e => e.Kind == EventKind.KeuzeVastgelegd && e.Date > Peildatum(exam) && e.Detail is "zeker" or "redelijk-zeker"))
                    becameSure++;
            }
            if (!pupil.Events.Any(e => e.Kind == EventKind.KeuzeVastgelegd))
                neverChose++;
            if (!HasLob(pupil, exam))
                noLob++;
            if (!pupil.Events.Any(e => e.IsLobActivity()))
                noLobAtAll++;
        }
        var keuze = calibration.KeuzeOnPeildatum;
        Assert.True(stayed > 40_000, $"only {stayed} pupils stayed through the exam year");
        Measure.Near(keuze.Geen, (double)noChoice / stayed, stayed, "no choice on 1 February");
        Measure.Near(keuze.GeenIdee + keuze.Twijfel, (double)unsure / stayed, stayed, "unsure on 1 February");
        Measure.Near(keuze.Geen * (1 - calibration.LaterChoiceShare), (double)neverChose / stayed, stayed, "no choice at all");
        Measure.Near(calibration.UnsureBecomeSureShare, (double)becameSure / unsure, unsure, "unsure, later sure");
        Measure.Near(calibration.NoLobShare, (double)noLob / stayed, stayed, "no LOB activity in the exam year");
        Assert.InRange(noLobAtAll, 100, noLob);
    }

    [Fact]
    public void Loopbaan_events_fall_in_the_exam_year_or_the_year_before_while_the_pupil_is_at_the_vo_school()
    {
        var mbo = Measure.World.MboLocations.Select(l => l.Brin6).ToHashSet();
        var kinds = new Dictionary<EventKind, int>();
        var pupilsWithout = 0;
        foreach (var pupil in Pupils.Value)
        {
            var vo = pupil.Events[0].Institution!;
            var exam = ExamYearOf(pupil);
            var from = new DateOnly(exam - 2, 8, 1);
            var left = LeftVo(pupil);
            var any = false;
            var signedUp = new Dictionary<string, DateOnly>();
            foreach (var e in pupil.Events.Where(e => LoopbaanKinds.Contains(e.Kind)))
            {
                any = true;
                kinds[e.Kind] = kinds.GetValueOrDefault(e.Kind) + 1;
                Assert.True(e.Date >= from && e.Date < left, $"{pupil.Key}: {e} outside {from}–{left}");
                switch (e.Kind)
                {
                    case EventKind.KeuzeVastgelegd:
                        Assert.Equal(vo, e.Institution);
                        break;
                    case EventKind.LobActiviteit:
                        Assert.True(e.Detail == "open-dag" ? mbo.Contains(e.Institution!) : e.Institution == vo, $"{pupil.Key}: {e}");
                        break;
                    case EventKind.MeeloopdagAangemeld:
                        Assert.Contains(e.Institution!, mbo);
                        Assert.StartsWith("synthetisch-", e.Detail, StringComparison.Ordinal);
                        signedUp[e.Detail!] = e.Date;
                        break;
                    default:
                        Assert.True(signedUp.TryGetValue(e.Detail!, out var on) && on < e.Date, $"{pupil.Key}: {e} without an earlier sign-up");
                        break;
                }
            }
            if (!any)
                pupilsWithout++;
        }
        foreach (var kind in LoopbaanKinds)
            Assert.True(kinds.GetValueOrDefault(kind) > 500, $"only {kinds.GetValueOrDefault(kind)} {kind} events");
        Assert.InRange(pupilsWithout, 1, Pupils.Value.Count / 20);
    }

    [Fact]
    public void Every_loopbaan_setting_names_its_source_and_the_decision_record_shows_each()
    {
        var settings = typeof(Calibration)
            .GetProperties()
            .Select(p => p.Name)
            .Where(n => new[] { "Lob", "Keuze", "Doubt", "Meeloopdag", "Choice", "Unsure" }.Any(w => n.Contains(w, StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(14, settings.Count);
        Assert.Equal(settings.Order(), Calibration.Sources.Select(s => s.Setting).Order());
        Assert.All(Calibration.Sources, s => Assert.StartsWith(s.Assumption ? "Aanname" : "", s.Source, StringComparison.Ordinal));
        var record = Path.Combine(Root(), "docs", "decisions", "0031-simulated-lob-and-doubt.md");
        var text = File.ReadAllText(record);
        foreach (var source in Calibration.Sources)
        {
            var line = text.Split('\n').FirstOrDefault(l => l.Contains($"`{source.Setting}`", StringComparison.Ordinal));
            Assert.True(line is not null, $"{record} does not show {source.Setting}");
            if (source.Assumption)
                Assert.Contains("AANNAME", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bad_loopbaan_settings_are_refused_at_the_call()
    {
        var bad = new[]
        {
            Calibration.Default with
            {
                KeuzeOnPeildatum = new(0.5, 0.5, 0.5, 0, 0),
            },
            Calibration.Default with
            {
                NoLobShare = 1.5,
            },
            Calibration.Default with
            {
                DoubtSwitchRelativeRisk = 0,
            },
            Calibration.Default with
            {
                NoLobVsvRelativeRisk = double.NaN,
            },
            Calibration.Default with
            {
                LobActivitiesExamYear = -1,
            },
        };
        foreach (var calibration in bad)
            Assert.Throws<ArgumentException>(() => Simulator.Run(Measure.World, calibration, 2020, 1, 10, 1));
    }

    // ---- measuring, the way the doubt signals read a stream ----

    private static DateOnly Peildatum(int exam) => new(exam, 2, 1);

    /// <summary>The exam year: the cohort in the key, a year later after a repeat.</summary>
    private static int ExamYearOf(SimulatedPupil pupil)
    {
        var cohort = int.Parse(pupil.Key.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture);
        return pupil.Events.Any(e => e.Kind == EventKind.Gedoubleerd) ? cohort + 1 : cohort;
    }

    /// <summary>The year of the vmbo diploma, or null without one.</summary>
    private static int? ExamYear(SimulatedPupil pupil) =>
        pupil.Events.FirstOrDefault(e => e.Kind == EventKind.DiplomaBehaald && e.Leerweg is { } lw && lw.IsVmboLeerweg())?.Date.Year;

    /// <summary>The day the pupil left the first vo school.</summary>
    private static DateOnly LeftVo(SimulatedPupil pupil) =>
        pupil.Events.First(e => e.Kind == EventKind.Uitgeschreven && e.Institution == pupil.Events[0].Institution).Date;

    private static string? LatestChoice(SimulatedPupil pupil, DateOnly before) =>
        pupil.Events.LastOrDefault(e => e.Kind == EventKind.KeuzeVastgelegd && e.Date < before)?.Detail;

    private static bool InDoubt(SimulatedPupil pupil, int exam) => LatestChoice(pupil, Peildatum(exam)) is null or "twijfel" or "geen-idee";

    private static bool HasLob(SimulatedPupil pupil, int exam) =>
        pupil.Events.Any(e => e.IsLobActivity() && e.Date >= new DateOnly(exam - 1, 8, 1) && e.Date <= new DateOnly(exam, 7, 31));

    /// <summary>First-year switch (D6) with and without each signal: (switchers, population) for [without, with].</summary>
    private static ((long[] Switched, long[] Total) Doubt, (long[] Switched, long[] Total) NoLob) SwitchRelativeRisks(List<SimulatedPupil> pupils)
    {
        var (_, _, members) = Measure.FirstYearSwitch(pupils, Measure.World);
        (long[] Switched, long[] Total) doubt = ([0, 0], [0, 0]),
            noLob = ([0, 0], [0, 0]);
        foreach (var m in members)
        {
            if (ExamYear(m.Pupil) is not { } exam)
                continue;
            var d = InDoubt(m.Pupil, exam) ? 1 : 0;
            var l = HasLob(m.Pupil, exam) ? 0 : 1;
            doubt.Total[d]++;
            noLob.Total[l]++;
            if (m.Switched)
            {
                doubt.Switched[d]++;
                noLob.Switched[l]++;
            }
        }
        return (doubt, noLob);
    }

    /// <summary>The measured relative risk is within four standard errors (on the log scale) of the setting.</summary>
    private static void AssertRelativeRisk(double setting, (long[] Switched, long[] Total) counts, string what)
    {
        var (switched, total) = counts;
        Assert.True(switched[0] > 100 && switched[1] > 100, $"{what}: too few switchers ({switched[0]}, {switched[1]})");
        var p1 = (double)switched[1] / total[1];
        var p0 = (double)switched[0] / total[0];
        var se = Math.Sqrt((1 - p1) / switched[1] + (1 - p0) / switched[0]);
        var measured = p1 / p0;
        Assert.True(
            Math.Abs(Math.Log(measured) - Math.Log(setting)) <= 4 * se,
            $"{what}: relative risk {measured:F3} ({p1:F4} over {total[1]} against {p0:F4} over {total[0]}), "
                + $"setting {setting:F3}, allowed ×/÷ {Math.Exp(4 * se):F3}"
        );
    }

    private static Dictionary<string, (long Count, long Population)> Aggregates(List<SimulatedPupil> pupils)
    {
        var (population, switchers, members) = Measure.FirstYearSwitch(pupils, Measure.World);
        var diploma = members.Count(m =>
        {
            var deadline = new DateOnly(m.Pupil.Events[m.Entry].Date.Year + 5, 7, 31);
            return m.Pupil.Events.Skip(m.Entry).Any(e => e.Kind == EventKind.DiplomaBehaald && e.Date <= deadline);
        });
        var (vsvPopulation, vsv) = Measure.NewVsv(pupils);
        var result = new Dictionary<string, (long, long)> { ["switch"] = (switchers, population), ["diploma within five years"] = (diploma, population) };
        for (var n = 1; n <= 4; n++)
            result[$"vsv niveau {n}"] = (vsv[n], vsvPopulation[n]);
        return result;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Doorstroom.slnx")))
                return dir.FullName;
        }
        Assert.Skip("repository root (Doorstroom.slnx) not found from the test folder");
        return "";
    }
}
