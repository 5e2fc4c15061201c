namespace Doorstroom.Domain.Tests;

/// <summary>The applications folded from a stream and the signals a decaan acts on, one rule per test.</summary>
public sealed class ApplicationsTests
{
    private const string School = "25AB00";
    private const string Mbo = "25PJ00";
    private const string OtherMbo = "26XY01";

    // A pupil in leerjaar 4 of the given leerweg in the school year ending in 2027.
    private static List<TransitionEvent> InLeerjaar4(Leerweg leerweg) =>
        [
            new("P", new DateOnly(2025, 8, 1), EventKind.Ingeschreven, School, leerweg, Leerjaar: 3),
            new("P", new DateOnly(2026, 8, 1), EventKind.Bevorderd, School, leerweg, Leerjaar: 4),
        ];

    private static TransitionEvent Applied(DateOnly on, int niveau, string at = Mbo) =>
        new("P", on, EventKind.Aangemeld, at, Leerweg.Bol, Niveau: niveau, Crebo: 25000 + niveau);

    private static TransitionEvent Step(DateOnly on, EventKind kind, int niveau, string at = Mbo, string? detail = null) =>
        new("P", on, kind, at, Leerweg.Bol, Niveau: niveau, Crebo: 25000 + niveau, Detail: detail);

    private static IEnumerable<SignalKind> Kinds(List<TransitionEvent> stream, DateOnly today, MonthDay? warnFrom = null) =>
        Applications.Signals(stream, today, warnFrom).Select(s => s.Kind);

    [Fact]
    public void The_exam_year_ends_the_school_year_of_leerjaar_4()
    {
        Assert.Equal(2027, Applications.ExamYear(InLeerjaar4(Leerweg.Kb)));
        Assert.Null(Applications.ExamYear([new("P", new DateOnly(2026, 8, 1), EventKind.Ingeschreven, School, Leerweg.Kb, Leerjaar: 3)]));
    }

    [Fact]
    public void No_application_before_1_April_is_a_signal_from_1_April_on()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        Assert.DoesNotContain(SignalKind.GeenAanmelding, Kinds(stream, new DateOnly(2027, 3, 31)));
        var signal = Assert.Single(Applications.Signals(stream, new DateOnly(2027, 4, 1)));
        Assert.Equal(SignalKind.GeenAanmelding, signal.Kind);
        Assert.Equal("A10", signal.Rule);
    }

    [Fact]
    public void No_application_yet_is_signalled_from_1_February_until_1_April()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        Assert.Empty(Kinds(stream, new DateOnly(2027, 1, 31)));
        var signal = Assert.Single(Applications.Signals(stream, new DateOnly(2027, 2, 1)));
        Assert.Equal(SignalKind.NogNietAangemeld, signal.Kind);
        Assert.Equal("A10", signal.Rule);
        Assert.Contains("vóór 1 april 2027", signal.Text, StringComparison.Ordinal);
        Assert.Equal([SignalKind.NogNietAangemeld], Kinds(stream, new DateOnly(2027, 3, 31)));
        Assert.Equal([SignalKind.GeenAanmelding], Kinds(stream, new DateOnly(2027, 4, 1)));
    }

    [Fact]
    public void The_warning_day_is_a_setting_and_a_day_in_autumn_falls_in_the_year_the_school_year_starts()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        var january = MonthDay.Parse("01-10").Day!.Value;
        Assert.Empty(Kinds(stream, new DateOnly(2027, 1, 9), january));
        Assert.Equal([SignalKind.NogNietAangemeld], Kinds(stream, new DateOnly(2027, 1, 10), january));
        var november = MonthDay.Parse("11-15").Day!.Value;
        Assert.Equal(new DateOnly(2026, 11, 15), november.In(2027));
        Assert.Equal([SignalKind.NogNietAangemeld], Kinds(stream, new DateOnly(2026, 11, 30), november));
        Assert.Empty(Kinds(stream, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Any_application_lifts_the_early_warning_even_a_refused_one()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2027, 1, 20), 3));
        stream.Add(Step(new DateOnly(2027, 2, 10), EventKind.Afgewezen, 3));
        Assert.Equal([SignalKind.Afgewezen], Kinds(stream, new DateOnly(2027, 2, 15)));
    }

    [Theory]
    [InlineData("4-15", "before 1 April")]
    [InlineData("07-31", "before 1 April")]
    [InlineData("02-29", "not in every year")]
    [InlineData("13-01", "no day of the year")]
    [InlineData("1 februari", "MM-dd")]
    [InlineData("", "MM-dd")]
    public void A_warning_day_that_is_no_day_before_April_is_refused_with_a_reason(string text, string reason)
    {
        var (day, problem) = MonthDay.Parse(text);
        Assert.Null(day);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem!);
    }

    [Fact]
    public void An_application_after_1_April_does_not_lift_the_missing_application_signal()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2027, 4, 10), 3));
        Assert.Contains(SignalKind.GeenAanmelding, Kinds(stream, new DateOnly(2027, 4, 20)));
        stream.Insert(2, Applied(new DateOnly(2027, 3, 10), 3));
        Assert.DoesNotContain(SignalKind.GeenAanmelding, Kinds(stream, new DateOnly(2027, 4, 20)));
    }

    [Fact]
    public void Going_on_to_havo_is_no_missing_application()
    {
        var stream = InLeerjaar4(Leerweg.Tl);
        stream.Add(new("P", new DateOnly(2027, 1, 15), EventKind.Ingeschreven, School, Leerjaar: 4));
        Assert.DoesNotContain(SignalKind.GeenAanmelding, Kinds(stream, new DateOnly(2027, 4, 2)));
    }

    [Fact]
    public void A_refusal_is_a_signal()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 3));
        stream.Add(Step(new DateOnly(2026, 11, 1), EventKind.Afgewezen, 3, detail: "opleiding vol"));
        Assert.Contains(SignalKind.Afgewezen, Kinds(stream, new DateOnly(2026, 11, 30)));
        Assert.Equal(ApplicationStatus.Afgewezen, Assert.Single(Applications.Of(stream)).Status);
        Assert.Equal("opleiding vol", Applications.Of(stream)[0].Detail);
    }

    [Fact]
    public void A_refusal_is_no_signal_once_another_programme_admits()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 3));
        stream.Add(Step(new DateOnly(2026, 11, 1), EventKind.Afgewezen, 3, detail: "opleiding vol"));
        stream.Add(Applied(new DateOnly(2026, 11, 5), 3, OtherMbo));
        Assert.Contains(SignalKind.Afgewezen, Kinds(stream, new DateOnly(2026, 11, 30)));
        stream.Add(Step(new DateOnly(2026, 11, 20), EventKind.Toegelaten, 3, OtherMbo));
        Assert.DoesNotContain(SignalKind.Afgewezen, Kinds(stream, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_withdrawal_with_no_other_open_application_is_a_signal()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 3));
        stream.Add(Step(new DateOnly(2026, 11, 1), EventKind.AanmeldingIngetrokken, 3));
        Assert.Contains(SignalKind.Ingetrokken, Kinds(stream, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_withdrawal_with_another_open_application_is_no_signal()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 3));
        stream.Add(Applied(new DateOnly(2026, 10, 5), 3, OtherMbo));
        stream.Add(Step(new DateOnly(2026, 11, 1), EventKind.AanmeldingIngetrokken, 3));
        Assert.DoesNotContain(SignalKind.Ingetrokken, Kinds(stream, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Kb_applying_to_niveau_2_is_below_the_usual_level()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 2));
        var signal = Assert.Single(Applications.Signals(stream, new DateOnly(2026, 11, 30)));
        Assert.Equal(SignalKind.LagerNiveau, signal.Kind);
        Assert.Equal("A1", signal.Rule);
        Assert.Contains("niveau 2", signal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bb_applying_to_niveau_2_is_the_usual_level()
    {
        var stream = InLeerjaar4(Leerweg.Bb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 2));
        Assert.Empty(Applications.Signals(stream, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_refused_lower_application_is_no_lower_niveau_signal()
    {
        var stream = InLeerjaar4(Leerweg.Tl);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 2));
        stream.Add(Step(new DateOnly(2026, 10, 20), EventKind.Afgewezen, 2, detail: "te hoog niveau"));
        Assert.DoesNotContain(SignalKind.LagerNiveau, Kinds(stream, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Each_step_updates_the_latest_application_at_that_location_and_crebo()
    {
        var stream = InLeerjaar4(Leerweg.Tl);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 4));
        stream.Add(Applied(new DateOnly(2026, 10, 2), 3));
        stream.Add(Step(new DateOnly(2026, 10, 20), EventKind.IntakeGehouden, 4, detail: "positief"));
        stream.Add(Step(new DateOnly(2026, 11, 2), EventKind.Toegelaten, 4));
        var applications = Applications.Of(stream);
        Assert.Equal([ApplicationStatus.Toegelaten, ApplicationStatus.Aangemeld], applications.Select(a => a.Status));
        Assert.Equal(new DateOnly(2026, 11, 2), applications[0].StatusOn);
        Assert.Equal("positief", applications[0].Detail);
        Assert.True(applications[0].Active);
    }
}
