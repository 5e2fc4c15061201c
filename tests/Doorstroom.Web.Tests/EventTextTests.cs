using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Web.Tests;

/// <summary>The Dutch words every timeline uses.</summary>
public sealed class EventTextTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [Fact]
    public void A_refusal_says_its_reason_and_an_intake_its_outcome()
    {
        Assert.Equal("Afgewezen, reden: opleiding vol", EventText.What(new("P", Day, EventKind.Afgewezen, "25PJ00", Detail: "opleiding vol")));
        Assert.Equal("Intakegesprek gehouden, uitkomst: twijfel", EventText.What(new("P", Day, EventKind.IntakeGehouden, "25PJ00", Detail: "twijfel")));
        Assert.Equal("Bevorderd naar leerjaar 4", EventText.What(new("P", Day, EventKind.Bevorderd, "25PJ00", Leerjaar: 4)));
    }

    [Fact]
    public void A_consent_change_names_the_category_and_who_gave_it_not_its_stored_code()
    {
        Assert.Equal(
            "Toestemming gegeven om te delen: zorg en ondersteuning, door de leerling",
            EventText.What(new("P", Day, EventKind.ToestemmingGegeven, "25PJ00", Detail: "zorg/leerling"))
        );
        Assert.Equal(
            "Toestemming ingetrokken: zorg en ondersteuning, door een ouder",
            EventText.What(new("P", Day, EventKind.ToestemmingIngetrokken, "25PJ00", Detail: "zorg/ouder/2"))
        );
    }

    [Fact]
    public void Every_event_kind_has_a_description_of_its_own()
    {
        var kinds = Enum.GetValues<EventKind>();
        var texts = kinds.Select(kind => EventText.What(new("P", Day, kind, "25PJ00"))).ToList();
        Assert.Equal(kinds.Length, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("IntakeGehouden", texts);
        Assert.DoesNotContain("AanmeldingIngetrokken", texts);
    }

    [Fact]
    public void The_programme_names_only_what_the_event_carries()
    {
        Assert.Equal("niveau 4 · crebo 25180 · bol", EventText.Programme(4, 25180, Leerweg.Bol));
        Assert.Equal("leerjaar 3 · kb", EventText.Programme(null, null, Leerweg.Kb, 3));
        Assert.Equal("", EventText.Programme(null, null, null));
    }

    [Fact]
    public void An_unknown_location_shows_its_code()
    {
        var names = ImmutableDictionary<string, string>.Empty.Add("25PJ00", "ROC Voorbeeld");
        Assert.Equal("ROC Voorbeeld", EventText.Where("25PJ00", names));
        Assert.Equal("99ZZ00", EventText.Where("99ZZ00", names));
    }

    [Fact]
    public void The_timeline_leaves_out_events_after_today_in_date_order()
    {
        var stream = new TransitionEvent[]
        {
            new("P", Day.AddDays(5), EventKind.Toegelaten, "25PJ00"),
            new("P", Day, EventKind.Aangemeld, "25PJ00", Leerweg.Bol, Niveau: 4, Crebo: 25180),
            new("P", Day.AddDays(-5), EventKind.Bevorderd, "25AB01", Leerweg.Tl, Leerjaar: 4),
        };
        var view = EventText.View(stream, Day, ImmutableDictionary<string, string>.Empty, []);
        Assert.Equal(["Bevorderd naar leerjaar 4", "Aangemeld bij een mbo-opleiding"], view.Lines.Select(l => l.What));
        Assert.False(view.ShowSignals);
    }
}
