using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>The transfer-dossier rules of rulebook §10 (P2–P5, purpose binding, expiry), one test per rule.</summary>
public sealed class DossierRulesTests
{
    private const string Mbo = "25AA",
        OtherMbo = "26BB";

    /// <summary>Born 2010-09-01: 16 on 2026-09-01.</summary>
    private static readonly DateOnly Born = new(2010, 9, 1);

    private static TransitionEvent E(int y, int m, int d, EventKind kind, string at, string? detail = null) =>
        new("P-1", new DateOnly(y, m, d), kind, at, Detail: detail);

    private static DossierRequest Request(DateOnly on, DateOnly expires, params DossierCategory[] categories) =>
        new("r-1", "P-1", Mbo, "plaatsing", [.. categories], on, expires);

    private static DossierRequest Request(params DossierCategory[] categories) => Request(new DateOnly(2026, 10, 1), new DateOnly(2028, 7, 31), categories);

    private static ConsentChange Consent(DossierCategory category, bool given, ConsentBy by, int y, int m, int d, string institution = Mbo) =>
        new(category, institution, given, by, new DateOnly(y, m, d));

    private static readonly ImmutableArray<TransitionEvent> VoOnly =
    [
        E(2025, 8, 1, EventKind.Ingeschreven, "01AB00"),
        E(2026, 8, 1, EventKind.Bevorderd, "01AB00"),
    ];

    [Fact]
    public void P2_a_request_before_the_pupil_applied_is_refused()
    {
        var decision = DossierRules.MayRequest(VoOnly, Mbo, new DateOnly(2026, 11, 30));
        Assert.False(decision.Allowed);
        Assert.Equal("P2", decision.Rule);

        // An application dated after the request does not count either.
        var later = DossierRules.MayRequest([.. VoOnly, E(2026, 12, 5, EventKind.Aangemeld, "25AA01")], Mbo, new DateOnly(2026, 11, 30));
        Assert.False(later.Allowed);
    }

    [Fact]
    public void P2_a_request_after_an_application_at_a_location_of_that_brin4_is_allowed()
    {
        var decision = DossierRules.MayRequest([.. VoOnly, E(2026, 10, 5, EventKind.Aangemeld, "25AA01")], Mbo, new DateOnly(2026, 11, 30));
        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal("P2", decision.Rule);
        Assert.True(DossierRules.MayRequest([.. VoOnly, E(2026, 10, 5, EventKind.Aangemeld, "25AA01")], Mbo, new DateOnly(2026, 10, 5)).Allowed);
    }

    [Fact]
    public void P2_an_application_at_another_institution_does_not_allow_a_request()
    {
        var stream = VoOnly.Add(E(2026, 10, 5, EventKind.Aangemeld, "26BB00"));
        Assert.False(DossierRules.MayRequest(stream, Mbo, new DateOnly(2026, 11, 30)).Allowed);
        Assert.True(DossierRules.MayRequest(stream, OtherMbo, new DateOnly(2026, 11, 30)).Allowed);
        // Only an application counts: a placement-free intake or a refusal at the institution is no Aangemeld.
        Assert.False(DossierRules.MayRequest(VoOnly.Add(E(2026, 10, 5, EventKind.IntakeGehouden, "25AA00")), Mbo, new DateOnly(2026, 11, 30)).Allowed);
    }

    public static TheoryData<DossierCategory, DateOnly, bool> OkrByDate =>
        new()
        {
            { DossierCategory.Administratief, new(2020, 7, 31), false },
            { DossierCategory.Administratief, new(2020, 8, 1), true },
            { DossierCategory.Leerresultaten, new(2020, 7, 31), false },
            { DossierCategory.Leerresultaten, new(2020, 8, 1), true },
            { DossierCategory.Begeleiding, new(2020, 8, 1), true },
            { DossierCategory.Verzuim, new(2020, 8, 1), true },
            { DossierCategory.Loopbaan, new(2020, 8, 1), true },
            { DossierCategory.Advies, new(2020, 7, 31), false },
            { DossierCategory.Advies, new(2026, 11, 30), true },
        };

    [Theory, MemberData(nameof(OkrByDate))]
    public void P3_an_okr_category_passes_without_consent_from_1_August_2020_and_needs_consent_before(DossierCategory category, DateOnly on, bool allowed)
    {
        var request = Request(new DateOnly(2020, 6, 1), new DateOnly(2027, 7, 31), category);
        var decision = DossierRules.MayRead(request, Mbo, category, [], new DateOnly(2004, 1, 1), on);
        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal("P3", decision.Rule);
    }

    [Fact]
    public void P5_zorg_needs_a_consent_choice_on_every_date()
    {
        Assert.True(DossierRules.NeedsChoice(DossierCategory.Zorg, new DateOnly(2020, 7, 31)));
        Assert.True(DossierRules.NeedsChoice(DossierCategory.Zorg, new DateOnly(2020, 8, 1)));
        Assert.True(DossierRules.NeedsChoice(DossierCategory.Zorg, new DateOnly(2026, 12, 3)));
    }

    [Theory]
    [InlineData(DossierCategory.Administratief)]
    [InlineData(DossierCategory.Leerresultaten)]
    [InlineData(DossierCategory.Begeleiding)]
    [InlineData(DossierCategory.Verzuim)]
    [InlineData(DossierCategory.Loopbaan)]
    [InlineData(DossierCategory.Advies)]
    public void P3_an_okr_category_needs_a_consent_choice_only_before_1_August_2020(DossierCategory category)
    {
        Assert.True(DossierRules.NeedsChoice(category, new DateOnly(2019, 9, 1)));
        Assert.True(DossierRules.NeedsChoice(category, new DateOnly(2020, 7, 31)));
        Assert.False(DossierRules.NeedsChoice(category, new DateOnly(2020, 8, 1)));
        Assert.False(DossierRules.NeedsChoice(category, new DateOnly(2026, 12, 3)));
    }

    [Fact]
    public void A_category_without_a_choice_on_a_date_is_one_the_mbo_reads_without_consent_then()
    {
        // The choice offered and the read rule never disagree: no choice means the read passes with no consent at all.
        var request = Request(new DateOnly(2020, 6, 1), new DateOnly(2030, 7, 31), [.. Enum.GetValues<DossierCategory>()]);
        foreach (var category in Enum.GetValues<DossierCategory>())
        {
            foreach (var on in new[] { new DateOnly(2020, 7, 31), new DateOnly(2020, 8, 1), new DateOnly(2026, 12, 3) })
                Assert.Equal(!DossierRules.NeedsChoice(category, on), DossierRules.MayRead(request, Mbo, category, [], new DateOnly(2004, 1, 1), on).Allowed);
        }
    }

    [Fact]
    public void P3_before_1_August_2020_an_okr_category_passes_with_the_right_consent()
    {
        var request = Request(new DateOnly(2020, 6, 1), new DateOnly(2021, 7, 31), DossierCategory.Leerresultaten);
        var decision = DossierRules.MayRead(
            request,
            Mbo,
            DossierCategory.Leerresultaten,
            [Consent(DossierCategory.Leerresultaten, true, ConsentBy.Ouder, 2020, 6, 2)],
            new DateOnly(2005, 1, 1),
            new DateOnly(2020, 7, 1)
        );
        Assert.True(decision.Allowed, decision.Reason);
    }

    [Fact]
    public void P5_zorg_without_consent_cannot_be_read()
    {
        var decision = DossierRules.MayRead(Request(DossierCategory.Zorg), Mbo, DossierCategory.Zorg, [], Born, new DateOnly(2026, 11, 30));
        Assert.False(decision.Allowed);
        Assert.Equal("P5", decision.Rule);
        // Consent for another category or to another institution is not consent for care to this one.
        Assert.False(
            DossierRules
                .MayRead(
                    Request(DossierCategory.Zorg),
                    Mbo,
                    DossierCategory.Zorg,
                    [
                        Consent(DossierCategory.Begeleiding, true, ConsentBy.Leerling, 2026, 10, 2),
                        Consent(DossierCategory.Zorg, true, ConsentBy.Leerling, 2026, 10, 2, OtherMbo),
                    ],
                    Born,
                    new DateOnly(2026, 11, 30)
                )
                .Allowed
        );
    }

    [Fact]
    public void P5_zorg_with_the_pupils_own_consent_at_16_is_read()
    {
        var decision = DossierRules.MayRead(
            Request(DossierCategory.Zorg),
            Mbo,
            DossierCategory.Zorg,
            [Consent(DossierCategory.Zorg, true, ConsentBy.Leerling, 2026, 10, 2)],
            Born,
            new DateOnly(2026, 11, 30)
        );
        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal("P5", decision.Rule);
    }

    public static TheoryData<string, ConsentBy, DateOnly, bool> WhoConsents =>
        new()
        {
            // 16 on 2026-09-01: from then on only the pupil's own consent counts.
            { "a parent, pupil 15", ConsentBy.Ouder, new(2026, 8, 31), true },
            { "the pupil, aged 15", ConsentBy.Leerling, new(2026, 8, 31), false },
            { "a parent, pupil 16 today", ConsentBy.Ouder, new(2026, 9, 1), false },
            { "the pupil, 16 today", ConsentBy.Leerling, new(2026, 9, 1), true },
            { "a parent, pupil 16", ConsentBy.Ouder, new(2026, 11, 30), false },
        };

    [Theory, MemberData(nameof(WhoConsents))]
    public void P4_from_16_only_the_pupils_own_consent_counts_and_under_16_only_a_parents(string who, ConsentBy by, DateOnly on, bool allowed)
    {
        var request = Request(new DateOnly(2026, 8, 1), new DateOnly(2028, 7, 31), DossierCategory.Zorg);
        var decision = DossierRules.MayRead(request, Mbo, DossierCategory.Zorg, [Consent(DossierCategory.Zorg, true, by, 2026, 8, 1)], Born, on);
        Assert.True(allowed == decision.Allowed, $"{who}: {decision.Reason}");
        if (!allowed)
            Assert.Equal("P4", decision.Rule);
    }

    [Fact]
    public void P4_an_unknown_birth_date_needs_a_parent()
    {
        Assert.Equal(ConsentBy.Ouder, DossierRules.ConsentFrom(null, new DateOnly(2026, 11, 30)));
        Assert.Equal(ConsentBy.Leerling, DossierRules.ConsentFrom(Born, new DateOnly(2026, 9, 1)));
        Assert.Equal(ConsentBy.Ouder, DossierRules.ConsentFrom(Born, new DateOnly(2026, 8, 31)));
    }

    [Fact]
    public void After_a_withdrawal_the_next_read_is_refused()
    {
        ConsentChange[] consents =
        [
            Consent(DossierCategory.Zorg, true, ConsentBy.Leerling, 2026, 11, 1),
            Consent(DossierCategory.Zorg, false, ConsentBy.Leerling, 2026, 11, 5),
        ];
        var request = Request(DossierCategory.Zorg);
        Assert.True(DossierRules.MayRead(request, Mbo, DossierCategory.Zorg, consents, Born, new DateOnly(2026, 11, 4)).Allowed);
        var day5 = DossierRules.MayRead(request, Mbo, DossierCategory.Zorg, consents, Born, new DateOnly(2026, 11, 5));
        Assert.False(day5.Allowed);
        Assert.Equal("P5", day5.Rule);
        Assert.Contains("ingetrokken", day5.Reason, StringComparison.Ordinal);
        // The order the changes arrive in does not matter: the latest by date counts.
        Assert.False(DossierRules.MayRead(request, Mbo, DossierCategory.Zorg, [.. consents.Reverse()], Born, new DateOnly(2026, 11, 6)).Allowed);
    }

    [Fact]
    public void An_expired_share_is_refused_and_its_last_day_is_allowed()
    {
        var request = Request(new DateOnly(2026, 10, 1), new DateOnly(2028, 7, 31), DossierCategory.Leerresultaten);
        Assert.True(DossierRules.MayRead(request, Mbo, DossierCategory.Leerresultaten, [], Born, new DateOnly(2028, 7, 31)).Allowed);
        var after = DossierRules.MayRead(request, Mbo, DossierCategory.Leerresultaten, [], Born, new DateOnly(2028, 8, 1));
        Assert.False(after.Allowed);
        Assert.Equal("P1", after.Rule);
    }

    [Fact]
    public void A_share_cannot_be_read_before_it_was_requested()
    {
        var request = Request(new DateOnly(2026, 10, 1), new DateOnly(2028, 7, 31), DossierCategory.Leerresultaten);
        Assert.False(DossierRules.MayRead(request, Mbo, DossierCategory.Leerresultaten, [], Born, new DateOnly(2026, 9, 30)).Allowed);
    }

    [Fact]
    public void Another_institution_cannot_read_the_request()
    {
        var request = Request(DossierCategory.Leerresultaten, DossierCategory.Zorg);
        ConsentChange[] consents = [Consent(DossierCategory.Zorg, true, ConsentBy.Leerling, 2026, 10, 2, OtherMbo)];
        foreach (var category in new[] { DossierCategory.Leerresultaten, DossierCategory.Zorg })
        {
            var decision = DossierRules.MayRead(request, OtherMbo, category, consents, Born, new DateOnly(2026, 11, 30));
            Assert.False(decision.Allowed);
            Assert.Equal("P2", decision.Rule);
        }
        Assert.True(DossierRules.MayRead(request, "25aa", DossierCategory.Leerresultaten, [], Born, new DateOnly(2026, 11, 30)).Allowed);
    }

    [Fact]
    public void A_category_outside_the_requests_purpose_is_refused()
    {
        var request = Request(DossierCategory.Leerresultaten);
        var decision = DossierRules.MayRead(request, Mbo, DossierCategory.Verzuim, [], Born, new DateOnly(2026, 11, 30));
        Assert.False(decision.Allowed);
        Assert.Equal("P1", decision.Rule);
        // Consent does not widen the purpose.
        Assert.False(
            DossierRules
                .MayRead(
                    request,
                    Mbo,
                    DossierCategory.Zorg,
                    [Consent(DossierCategory.Zorg, true, ConsentBy.Leerling, 2026, 10, 2)],
                    Born,
                    new DateOnly(2026, 11, 30)
                )
                .Allowed
        );
    }

    public static TheoryData<DateOnly, DateOnly> Expiries =>
        new()
        {
            // Requested in the exam year (2026/27): the first mbo year is 2027/28.
            { new(2026, 8, 1), new(2028, 7, 31) },
            { new(2026, 11, 30), new(2028, 7, 31) },
            { new(2027, 7, 31), new(2028, 7, 31) },
            // Requested in the summer after the exam year, for a start on 1 August: 2028/29.
            { new(2027, 8, 1), new(2029, 7, 31) },
        };

    [Theory, MemberData(nameof(Expiries))]
    public void The_default_expiry_is_31_July_of_the_first_mbo_year(DateOnly requested, DateOnly expires) =>
        Assert.Equal(expires, DossierRules.DefaultExpiry(requested));

    public static TheoryData<EventKind, string?, string, bool> ConsentEvents =>
        new()
        {
            { EventKind.ToestemmingGegeven, "zorg/leerling", "25AA01", true },
            { EventKind.ToestemmingIngetrokken, "zorg/ouder", "25AA01", true },
            { EventKind.ToestemmingGegeven, "leerresultaten/ouder", "25AA", true },
            { EventKind.ToestemmingGegeven, "Zorg/leerling", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/Leerling", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/leerling/extra", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/leerling/2", "25AA01", true },
            { EventKind.ToestemmingIngetrokken, "zorg/ouder/12", "25AA01", true },
            { EventKind.ToestemmingGegeven, "zorg/leerling/1", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/leerling/02", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/leerling/", "25AA01", false },
            { EventKind.ToestemmingGegeven, "gezondheid/leerling", "25AA01", false },
            { EventKind.ToestemmingGegeven, "6/leerling", "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/mentor", "25AA01", false },
            { EventKind.ToestemmingGegeven, "", "25AA01", false },
            { EventKind.ToestemmingGegeven, null, "25AA01", false },
            { EventKind.ToestemmingGegeven, "zorg/leerling", "25A", false },
            { EventKind.DossierGedeeld, "zorg/leerling", "25AA01", false },
        };

    [Theory, MemberData(nameof(ConsentEvents))]
    public void Consents_reads_only_consent_events_with_a_well_formed_detail(EventKind kind, string? detail, string at, bool read)
    {
        var consents = DossierRules.Consents([E(2026, 11, 2, kind, at, detail)]);
        if (!read)
        {
            Assert.Empty(consents);
            return;
        }
        var change = Assert.Single(consents);
        Assert.Equal(Mbo, change.Institution);
        Assert.Equal(kind == EventKind.ToestemmingGegeven, change.Given);
        Assert.Equal(detail!.Split('/')[..2], DossierRules.Detail(change.Category, change.By).Split('/'));
        Assert.Equal(new DateOnly(2026, 11, 2), change.On);
    }

    [Fact]
    public void Consent_given_again_on_the_day_it_was_withdrawn_counts_from_the_next_read()
    {
        var request = new DossierRequest("r", "P", Mbo, "plaatsing", [DossierCategory.Zorg], new DateOnly(2026, 11, 1), new DateOnly(2028, 7, 31));
        var day = new DateOnly(2026, 11, 30);
        var stream = new[]
        {
            E(2026, 11, 30, EventKind.ToestemmingGegeven, "25AA01", DossierRules.Detail(DossierCategory.Zorg, ConsentBy.Leerling)),
            E(2026, 11, 30, EventKind.ToestemmingIngetrokken, "25AA01", DossierRules.Detail(DossierCategory.Zorg, ConsentBy.Leerling, 2)),
            E(2026, 11, 30, EventKind.ToestemmingGegeven, "25AA01", DossierRules.Detail(DossierCategory.Zorg, ConsentBy.Leerling, 3)),
        };
        Assert.Equal([true, false, true], DossierRules.Consents(stream).Select(c => c.Given));
        Assert.True(DossierRules.MayRead(request, Mbo, DossierCategory.Zorg, DossierRules.Consents(stream), new DateOnly(2010, 1, 1), day).Allowed);
        Assert.False(DossierRules.MayRead(request, Mbo, DossierCategory.Zorg, DossierRules.Consents(stream[..2]), new DateOnly(2010, 1, 1), day).Allowed);
    }

    private static ParentAccessChange Access(bool given, int y, int m, int d) => new(given, new DateOnly(y, m, d));

    [Fact]
    public void P4_a_parent_sees_the_dossier_until_the_pupil_turns_16_and_not_from_then_without_a_grant()
    {
        var before = DossierRules.ParentMayRead(Born, [], new DateOnly(2026, 8, 31));
        Assert.True(before.Allowed);
        Assert.Equal("P4", before.Rule);
        var birthday = DossierRules.ParentMayRead(Born, [], new DateOnly(2026, 9, 1));
        Assert.False(birthday.Allowed);
        Assert.Equal("P4", birthday.Rule);
        Assert.Contains("beslist de leerling zelf", birthday.Reason, StringComparison.Ordinal);
        // An unknown birth date counts as under 16, as for consent.
        Assert.True(DossierRules.ParentMayRead(null, [], new DateOnly(2026, 11, 30)).Allowed);
    }

    [Fact]
    public void P4_from_16_a_parent_sees_the_dossier_while_the_pupils_latest_grant_stands()
    {
        ParentAccessChange[] changes = [Access(true, 2026, 10, 1), Access(false, 2026, 11, 1), Access(true, 2026, 11, 1)];
        Assert.False(DossierRules.ParentMayRead(Born, changes, new DateOnly(2026, 9, 30)).Allowed);
        Assert.True(DossierRules.ParentMayRead(Born, changes, new DateOnly(2026, 10, 1)).Allowed);
        // Withdrawn and given again on one day: the later change counts.
        Assert.True(DossierRules.ParentMayRead(Born, changes, new DateOnly(2026, 11, 1)).Allowed);
        var withdrawn = DossierRules.ParentMayRead(Born, [.. changes, Access(false, 2026, 11, 30)], new DateOnly(2026, 11, 30));
        Assert.False(withdrawn.Allowed);
        Assert.Contains("trok de inzage van een ouder in op 2026-11-30", withdrawn.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void P4_a_grant_dated_before_the_16th_birthday_does_not_count()
    {
        Assert.False(DossierRules.ParentMayRead(Born, [Access(true, 2026, 8, 31)], new DateOnly(2026, 9, 1)).Allowed);
    }

    [Fact]
    public void P4_only_a_pupil_of_16_changes_a_parents_access()
    {
        Assert.False(DossierRules.MayChangeParentAccess(Born, new DateOnly(2026, 8, 31)).Allowed);
        Assert.False(DossierRules.MayChangeParentAccess(null, new DateOnly(2026, 11, 30)).Allowed);
        var sixteen = DossierRules.MayChangeParentAccess(Born, new DateOnly(2026, 9, 1));
        Assert.True(sixteen.Allowed);
        Assert.Equal("P4", sixteen.Rule);
    }
}
