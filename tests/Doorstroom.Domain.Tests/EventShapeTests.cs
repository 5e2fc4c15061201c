namespace Doorstroom.Domain.Tests;

public sealed class EventShapeTests
{
    private static readonly DateOnly Day = new(2024, 8, 1);

    private static IEnumerable<string> Fields(TransitionEvent e) => EventShapes.Check(e).Select(p => p.Field);

    [Fact]
    public void An_mbo_enrolment_with_institution_leerweg_niveau_and_crebo_is_well_formed()
    {
        var e = new TransitionEvent("P-1", Day, EventKind.Ingeschreven, "25GV01", Leerweg.Bol, Niveau: 2, Crebo: 25258, Route: "normale-route");
        Assert.Empty(EventShapes.Check(e));
    }

    [Fact]
    public void Every_kind_but_a_correction_needs_an_institution()
    {
        foreach (var kind in Enum.GetValues<EventKind>().Where(k => k != EventKind.Vervallen))
        {
            var problems = EventShapes.Check(new TransitionEvent("P-1", Day, kind, Detail: "x"));
            Assert.Contains(problems, p => p.Field == "institution" && p.Message.Contains("required", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Uitgeschreven_needs_a_known_uitschrijfreden()
    {
        Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, EventKind.Uitgeschreven, "00AH00")));
        Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, EventKind.Uitgeschreven, "00AH00", Detail: "verveeld")));
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.Uitgeschreven, "00AH00", Detail: "werk")));
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.Uitgeschreven, "00AH00", Detail: "Overstap")));
    }

    [Fact]
    public void Bevorderd_is_about_a_vo_leerjaar_and_needs_one()
    {
        Assert.Contains("leerjaar", Fields(new TransitionEvent("P-1", Day, EventKind.Bevorderd, "00AH00")));
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.Bevorderd, "00AH00", Leerweg.Kb, Leerjaar: 4)));
        Assert.Contains("leerjaar", Fields(new TransitionEvent("P-1", Day, EventKind.Bevorderd, "00AH00", Leerweg.Kb, Leerjaar: 7)));
    }

    [Fact]
    public void A_consent_event_carries_only_institution_and_category()
    {
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.ToestemmingGegeven, "25GV01", Detail: "zorg")));
        Assert.Contains("crebo", Fields(new TransitionEvent("P-1", Day, EventKind.ToestemmingGegeven, "25GV01", Crebo: 25258, Detail: "zorg")));
    }

    [Fact]
    public void An_mbo_leerweg_takes_a_niveau_not_a_leerjaar()
    {
        Assert.Contains("leerjaar", Fields(new TransitionEvent("P-1", Day, EventKind.Ingeschreven, "25GV01", Leerweg.Bbl, Leerjaar: 1)));
    }

    [Theory]
    [InlineData("25PJ00", true)]
    [InlineData("00AH07", true)]
    [InlineData("25PJ0", false)]
    [InlineData("25PJX0", false)]
    [InlineData("AB1200", false)]
    public void A_BRIN6_is_two_digits_two_letters_or_digits_and_a_two_digit_vestiging(string code, bool valid)
    {
        Assert.Equal(valid, EventShapes.IsBrin6(code));
    }

    [Fact]
    public void Keys_and_codes_are_bounded()
    {
        Assert.Contains("pupil", Fields(new TransitionEvent("", Day, EventKind.Geplaatst, "25GV01")));
        Assert.Contains("pupil", Fields(new TransitionEvent(new string('x', 65), Day, EventKind.Geplaatst, "25GV01")));
        Assert.Contains("crebo", Fields(new TransitionEvent("P-1", Day, EventKind.Geplaatst, "25GV01", Crebo: 999)));
        Assert.Contains("niveau", Fields(new TransitionEvent("P-1", Day, EventKind.Geplaatst, "25GV01", Niveau: 6)));
    }

    [Fact]
    public void A_detail_holds_a_refusal_reason_of_a_few_sentences_but_is_bounded()
    {
        TransitionEvent Refused(int length) => new("P-1", Day, EventKind.Afgewezen, "25GV01", Detail: new string('r', length));
        Assert.DoesNotContain("detail", Fields(Refused(500)));
        Assert.DoesNotContain("detail", Fields(Refused(EventShapes.MaxDetailLength)));
        Assert.Contains("detail", Fields(Refused(EventShapes.MaxDetailLength + 1)));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1996, 7, 31)]
    [InlineData(2100, 8, 1)]
    [InlineData(9998, 9, 1)]
    public void A_date_outside_the_contract_is_refused(int year, int month, int day)
    {
        var e = new TransitionEvent("P-1", new DateOnly(year, month, day), EventKind.Ingeschreven, "00AH00");
        var problem = Assert.Single(EventShapes.Check(e));
        Assert.Equal("date", problem.Field);
        Assert.Contains(ContractDates.Range, problem.Message, StringComparison.Ordinal);
        Assert.Empty(EventShapes.Check(e with { Date = ContractDates.Earliest }));
        Assert.Empty(EventShapes.Check(e with { Date = ContractDates.Latest }));
    }

    [Fact]
    public void A_correction_names_the_event_it_voids_and_a_reason_and_nothing_else()
    {
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.Vervallen, Detail: "verkeerde datum", Voids: 42)));
        Assert.Contains("voids", Fields(new TransitionEvent("P-1", Day, EventKind.Vervallen, Detail: "verkeerde datum")));
        Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, EventKind.Vervallen, Voids: 42)));
        Assert.Contains("institution", Fields(new TransitionEvent("P-1", Day, EventKind.Vervallen, "00AH00", Detail: "x", Voids: 42)));
        Assert.Contains("voids", Fields(new TransitionEvent("P-1", Day, EventKind.Ingeschreven, "00AH00", Voids: 42)));
    }

    [Fact]
    public void A_voided_event_and_its_correction_no_longer_count()
    {
        var enrolled = new TransitionEvent("P-1", Day, EventKind.Ingeschreven, "00AH00", Leerweg.Kb, Leerjaar: 4);
        var wrong = new TransitionEvent("P-1", Day.AddDays(30), EventKind.Uitgeschreven, "00AH00", Detail: "werk");
        var correction = new TransitionEvent("P-1", Day.AddDays(40), EventKind.Vervallen, Detail: "stond er nog", Voids: 2);
        long Identity(TransitionEvent e) =>
            e == enrolled ? 1
            : e == wrong ? 2
            : 3;

        Assert.False(Corrections.Any([enrolled, wrong]));
        Assert.True(Corrections.Any([enrolled, wrong, correction]));
        Assert.Equal([enrolled], Corrections.Apply([enrolled, wrong, correction], Identity));
        Assert.Equal([enrolled, wrong], Corrections.Apply([enrolled, wrong, correction with { Voids = 99 }], Identity));
    }

    [Fact]
    public void An_lob_activity_names_a_known_activity_and_where_it_was()
    {
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.LobActiviteit, "00AH00", Detail: "open-dag")));
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.LobActiviteit, "25LH01", Niveau: 3, Crebo: 25258, Detail: "meeloopdag")));
        Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, EventKind.LobActiviteit, "00AH00", Detail: "schoolreisje")));
        Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, EventKind.LobActiviteit, "00AH00")));
        Assert.Contains("leerjaar", Fields(new TransitionEvent("P-1", Day, EventKind.LobActiviteit, "00AH00", Leerjaar: 3, Detail: "stage")));
    }

    [Fact]
    public void A_choice_says_how_sure_with_or_without_a_programme()
    {
        Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.KeuzeVastgelegd, "00AH00", Detail: "geen-idee")));
        Assert.Empty(
            EventShapes.Check(new TransitionEvent("P-1", Day, EventKind.KeuzeVastgelegd, "00AH00", Leerweg.Bol, Niveau: 2, Crebo: 25258, Detail: "zeker"))
        );
        Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, EventKind.KeuzeVastgelegd, "00AH00", Detail: "misschien")));
    }

    [Fact]
    public void A_meeloopdag_step_names_the_location_the_crebo_and_the_day()
    {
        foreach (var kind in Enum.GetValues<EventKind>().Where(Loopbaan.IsMeeloopdag))
        {
            Assert.Empty(EventShapes.Check(new TransitionEvent("P-1", Day, kind, "25LH01", Crebo: 25258, Detail: "md-2026-001")));
            Assert.Contains("crebo", Fields(new TransitionEvent("P-1", Day, kind, "25LH01", Detail: "md-2026-001")));
            Assert.Contains("detail", Fields(new TransitionEvent("P-1", Day, kind, "25LH01", Crebo: 25258, Detail: new string('x', 65))));
        }
    }

    [Fact]
    public void Only_a_recorded_activity_or_an_attended_meeloopdag_counts_as_lob()
    {
        var counted = Enum.GetValues<EventKind>().Where(k => new TransitionEvent("P-1", Day, k).IsLobActivity());
        Assert.Equal([EventKind.LobActiviteit, EventKind.MeeloopdagBijgewoond], counted);
    }
}
