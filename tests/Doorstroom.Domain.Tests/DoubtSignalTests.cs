using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>The doubt signals of issue 16 item 3, one rule per test, on hand-made streams of a kb pupil whose exam year ends in 2027.</summary>
public sealed class DoubtSignalTests
{
    private const string School = "25AB00";
    private const string Mbo = "25PJ00";
    private const int Groen3 = 20330,
        Groen4 = 20430,
        Economie3 = 20320,
        Intersectoraal3 = 20390;

    private static readonly ImmutableDictionary<int, CreboInfo> Crebos = new[]
    {
        new CreboInfo(Groen3, 3, "Voedsel, natuur en leefomgeving", Direction.Groen),
        new CreboInfo(Groen4, 4, "Voedsel, natuur en leefomgeving (EZ)", Direction.Groen),
        new CreboInfo(Economie3, 3, "Handel en ondernemerschap", Direction.Economie),
        new CreboInfo(Intersectoraal3, 3, "niet toebedeeld aan opleidingsdomein", Direction.Intersectoraal),
    }.ToImmutableDictionary(c => c.Crebo);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static List<TransitionEvent> Kb2027() =>
        [
            new("P", D(2025, 8, 1), EventKind.Ingeschreven, School, Leerweg.Kb, Leerjaar: 3),
            new("P", D(2026, 8, 1), EventKind.Bevorderd, School, Leerweg.Kb, Leerjaar: 4),
        ];

    private static TransitionEvent Choice(DateOnly on, string how) => new("P", on, EventKind.KeuzeVastgelegd, School, Detail: how);

    private static TransitionEvent Lob(DateOnly on, string what = "open-dag") => new("P", on, EventKind.LobActiviteit, School, Detail: what);

    private static TransitionEvent Applied(DateOnly on, int crebo, int niveau = 3) =>
        new("P", on, EventKind.Aangemeld, Mbo, Leerweg.Bol, Niveau: niveau, Crebo: crebo);

    private static TransitionEvent Step(DateOnly on, EventKind kind, int crebo, string? detail = null) =>
        new("P", on, kind, Mbo, Leerweg.Bol, Niveau: 3, Crebo: crebo, Detail: detail);

    private static ImmutableArray<DoubtKind> Kinds(List<TransitionEvent> stream, DateOnly day, DoubtSettings? settings = null) =>
        [.. DoubtSignals.On(stream, day, settings ?? DoubtSettings.Default, Crebos).Select(s => s.Kind)];

    [Fact]
    public void S1_no_choice_and_no_application_holds_from_the_choice_day_not_the_day_before()
    {
        var stream = Kb2027();
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds(stream, D(2027, 1, 31)));
        var signal = DoubtSignals.On(stream, D(2027, 2, 1), DoubtSettings.Default, Crebos).Single(s => s.Kind == DoubtKind.GeenKeuze);
        Assert.Equal("S1", signal.Rule);
        Assert.Equal(DoubtSignals.Rule(DoubtKind.GeenKeuze).NextStep, signal.NextStep);
    }

    [Fact]
    public void S1_the_choice_day_is_a_setting()
    {
        var stream = Kb2027();
        var march = new DoubtSettings(MonthDay.Parse("03-01").Day!.Value, DoubtSettings.Default.LobUiterlijk);
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds(stream, D(2027, 2, 28), march));
        Assert.Contains(DoubtKind.GeenKeuze, Kinds(stream, D(2027, 3, 1), march));
    }

    [Fact]
    public void S1_a_latest_choice_of_twijfel_or_geen_idee_is_doubt_a_sure_one_is_not()
    {
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds([.. Kb2027(), Choice(D(2026, 11, 1), "zeker")], D(2027, 2, 1)));
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds([.. Kb2027(), Choice(D(2026, 11, 1), "redelijk-zeker")], D(2027, 2, 1)));
        Assert.Contains(DoubtKind.GeenKeuze, Kinds([.. Kb2027(), Choice(D(2026, 11, 1), "twijfel")], D(2027, 2, 1)));
        Assert.Contains(DoubtKind.GeenKeuze, Kinds([.. Kb2027(), Choice(D(2026, 9, 1), "zeker"), Choice(D(2026, 12, 1), "geen-idee")], D(2027, 2, 1)));
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds([.. Kb2027(), Choice(D(2026, 9, 1), "twijfel"), Choice(D(2026, 12, 1), "zeker")], D(2027, 2, 1)));
    }

    [Fact]
    public void S1_an_application_is_a_choice()
    {
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds([.. Kb2027(), Applied(D(2027, 1, 15), Groen3)], D(2027, 2, 1)));
    }

    [Fact]
    public void S1_counts_only_the_events_up_to_the_day()
    {
        // Sure only from 2 February: on the choice day the pupil had no choice; the decaan's list a day later has none.
        List<TransitionEvent> stream = [.. Kb2027(), Choice(D(2027, 2, 2), "zeker")];
        Assert.Contains(DoubtKind.GeenKeuze, Kinds(stream, D(2027, 2, 1)));
        Assert.DoesNotContain(DoubtKind.GeenKeuze, Kinds(stream, D(2027, 2, 2)));
    }

    [Fact]
    public void S2_applications_in_two_unrelated_directions_are_doubt()
    {
        var signal = DoubtSignals
            .On([.. Kb2027(), Applied(D(2027, 1, 10), Groen3), Applied(D(2027, 1, 20), Economie3)], D(2027, 1, 25), DoubtSettings.Default, Crebos)
            .Single(s => s.Kind == DoubtKind.OnverwanteDomeinen);
        Assert.Equal("S2", signal.Rule);
        Assert.Contains("groen", signal.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("economie", signal.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void S2_two_domains_of_one_direction_intersectoraal_or_a_withdrawn_application_are_not()
    {
        var day = D(2027, 3, 1);
        Assert.DoesNotContain(DoubtKind.OnverwanteDomeinen, Kinds([.. Kb2027(), Applied(D(2027, 1, 10), Groen3), Applied(D(2027, 1, 20), Groen4, 4)], day));
        Assert.DoesNotContain(
            DoubtKind.OnverwanteDomeinen,
            Kinds([.. Kb2027(), Applied(D(2027, 1, 10), Groen3), Applied(D(2027, 1, 20), Intersectoraal3)], day)
        );
        List<TransitionEvent> withdrawn =
        [
            .. Kb2027(),
            Applied(D(2027, 1, 10), Groen3),
            Applied(D(2027, 1, 20), Economie3),
            Step(D(2027, 2, 1), EventKind.AanmeldingIngetrokken, Economie3),
        ];
        Assert.Contains(DoubtKind.OnverwanteDomeinen, Kinds(withdrawn, D(2027, 1, 31)));
        Assert.DoesNotContain(DoubtKind.OnverwanteDomeinen, Kinds(withdrawn, D(2027, 2, 1)));
    }

    [Fact]
    public void S3_no_LOB_activity_in_the_exam_year_holds_from_the_LOB_day_not_the_day_before()
    {
        // An open dag in leerjaar 3 is not in the exam year.
        List<TransitionEvent> stream = [.. Kb2027(), Lob(D(2026, 3, 1))];
        Assert.DoesNotContain(DoubtKind.GeenLob, Kinds(stream, D(2027, 1, 31)));
        var signal = DoubtSignals.On(stream, D(2027, 2, 1), DoubtSettings.Default, Crebos).Single(s => s.Kind == DoubtKind.GeenLob);
        Assert.Equal("S3", signal.Rule);
        var april = new DoubtSettings(DoubtSettings.Default.KeuzeUiterlijk, MonthDay.Parse("03-15").Day!.Value);
        Assert.DoesNotContain(DoubtKind.GeenLob, Kinds(stream, D(2027, 3, 14), april));
        Assert.Contains(DoubtKind.GeenLob, Kinds(stream, D(2027, 3, 15), april));
    }

    [Fact]
    public void S3_an_LOB_activity_or_an_attended_meeloopdag_in_the_exam_year_clears_it_a_sign_up_does_not()
    {
        Assert.DoesNotContain(DoubtKind.GeenLob, Kinds([.. Kb2027(), Lob(D(2026, 8, 1), "gesprek-decaan")], D(2027, 2, 1)));
        Assert.DoesNotContain(
            DoubtKind.GeenLob,
            Kinds([.. Kb2027(), new("P", D(2026, 11, 5), EventKind.MeeloopdagBijgewoond, Mbo, Crebo: Groen3, Detail: "md-1")], D(2027, 2, 1))
        );
        Assert.Contains(
            DoubtKind.GeenLob,
            Kinds([.. Kb2027(), new("P", D(2026, 11, 5), EventKind.MeeloopdagAangemeld, Mbo, Crebo: Groen3, Detail: "md-1")], D(2027, 2, 1))
        );
    }

    [Fact]
    public void S4_a_new_application_only_after_a_refusal_is_doubt()
    {
        List<TransitionEvent> stream =
        [
            .. Kb2027(),
            Applied(D(2027, 2, 1), Groen3),
            Step(D(2027, 3, 15), EventKind.Afgewezen, Groen3, "capaciteit"),
            Applied(D(2027, 4, 10), Economie3),
        ];
        Assert.DoesNotContain(DoubtKind.AanmeldingNaAfwijzing, Kinds(stream, D(2027, 4, 9)));
        var signal = DoubtSignals.On(stream, D(2027, 4, 10), DoubtSettings.Default, Crebos).Single(s => s.Kind == DoubtKind.AanmeldingNaAfwijzing);
        Assert.Equal("S4", signal.Rule);
        Assert.Contains("15 maart 2027", signal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void S4_is_not_a_second_application_made_while_another_was_open()
    {
        // Applied twice before the refusal: the second application was a choice running alongside, not one after the refusal.
        List<TransitionEvent> parallel =
        [
            .. Kb2027(),
            Applied(D(2027, 2, 1), Groen3),
            Applied(D(2027, 2, 5), Economie3),
            Step(D(2027, 3, 15), EventKind.Afgewezen, Groen3, "capaciteit"),
        ];
        Assert.DoesNotContain(DoubtKind.AanmeldingNaAfwijzing, Kinds(parallel, D(2027, 5, 1)));
        // A new application after the refusal while the other one is still open.
        List<TransitionEvent> stillOpen = [.. parallel, Applied(D(2027, 4, 1), Groen4, 4)];
        Assert.DoesNotContain(DoubtKind.AanmeldingNaAfwijzing, Kinds(stillOpen, D(2027, 5, 1)));
    }

    [Fact]
    public void A1_lower_niveau_is_the_existing_signal_taken_over_with_a_next_step()
    {
        List<TransitionEvent> stream = [.. Kb2027(), Applied(D(2027, 1, 10), Groen3 - 1000, 2)];
        var existing = Applications.Signals(stream, D(2027, 1, 20)).Single(s => s.Kind == SignalKind.LagerNiveau);
        var doubt = DoubtSignals.On(stream, D(2027, 1, 20), DoubtSettings.Default, Crebos).Single(s => s.Kind == DoubtKind.LagerNiveau);
        Assert.Equal(existing.Rule, doubt.Rule);
        Assert.Equal(existing.Text, doubt.Text);
        Assert.False(string.IsNullOrWhiteSpace(doubt.NextStep));
    }

    [Fact]
    public void A_pupil_without_a_vmbo_exam_year_has_no_doubt_signal()
    {
        List<TransitionEvent> leerjaar3 = [new("P", D(2026, 8, 1), EventKind.Ingeschreven, School, Leerweg.Kb, Leerjaar: 3)];
        Assert.Empty(DoubtSignals.On(leerjaar3, D(2027, 6, 1), DoubtSettings.Default, Crebos));
    }

    [Fact]
    public void Every_doubt_signal_has_one_rule_of_the_catalogue_a_label_and_a_next_step()
    {
        Assert.Equal(Enum.GetValues<DoubtKind>().Order(), DoubtSignals.Rules.Select(r => r.Kind).Order());
        foreach (var rule in DoubtSignals.Rules)
        {
            Assert.True(TestCatalogue.Catalogue.Rules.ContainsKey(rule.Rule), $"{rule.Kind}: rule {rule.Rule} is not in rules.json");
            Assert.False(string.IsNullOrWhiteSpace(rule.Label));
            Assert.False(string.IsNullOrWhiteSpace(rule.NextStep));
        }
    }

    [Fact]
    public void The_reference_dates_are_the_settings_days_and_31_July_of_the_exam_year()
    {
        var settings = new DoubtSettings(MonthDay.Parse("01-15").Day!.Value, MonthDay.Parse("12-01").Day!.Value);
        Assert.Equal(D(2027, 1, 15), DoubtSignals.ReferenceDate(DoubtKind.GeenKeuze, 2027, settings));
        Assert.Equal(D(2026, 12, 1), DoubtSignals.ReferenceDate(DoubtKind.GeenLob, 2027, settings));
        Assert.Equal(D(2027, 7, 31), DoubtSignals.ReferenceDate(DoubtKind.OnverwanteDomeinen, 2027, settings));
        Assert.Equal(D(2027, 7, 31), DoubtSignals.ReferenceDate(DoubtKind.AanmeldingNaAfwijzing, 2027, settings));
    }
}
