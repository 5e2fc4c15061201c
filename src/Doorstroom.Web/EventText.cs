using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>One line of a timeline: when, what happened in Dutch, where, and which programme or leerjaar.</summary>
public sealed record TimelineLine(DateOnly Date, string What, string Where, string Programme)
{
    /// <summary>The route of an enrolment by its name, with how long an mbo programme of that niveau takes: "Normale route · opleiding van 2–3 jaar"; empty
    /// otherwise.</summary>
    public string Route { get; init; } = "";
}

/// <summary>
/// What a timeline shows: the events, the applications with their status and (for the decaan) the signals, with the
/// names of the institutions involved. Used by the decaan's, the intake officer's and the pupil's timeline.
/// </summary>
public sealed record TimelineView(
    ImmutableArray<TimelineLine> Lines,
    ImmutableArray<Application> Applications,
    ImmutableArray<Signal> Signals,
    IReadOnlyDictionary<string, string> Names,
    bool ShowSignals
);

/// <summary>The Dutch words for events and programmes, shared by every timeline.</summary>
public static class EventText
{
    /// <summary>What happened, as a short Dutch sentence.</summary>
    public static string What(TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var detail = string.IsNullOrWhiteSpace(e.Detail) ? "" : ": " + e.Detail;
        return e.Kind switch
        {
            EventKind.Ingeschreven => e.Leerjaar is { } y ? $"Ingeschreven in leerjaar {y}"
            : e.Niveau is not null ? "Ingeschreven in de mbo-opleiding"
            : "Ingeschreven bij de instelling",
            EventKind.Bevorderd => e.Leerjaar is { } j ? $"Bevorderd naar leerjaar {j}" : "Bevorderd",
            EventKind.Gedoubleerd => e.Leerjaar is { } j ? $"Blijft zitten in leerjaar {j}" : "Blijft zitten",
            EventKind.Aangemeld => "Aangemeld bij een mbo-opleiding",
            EventKind.IntakeGehouden => "Intakegesprek gehouden" + (string.IsNullOrWhiteSpace(e.Detail) ? "" : ", uitkomst: " + e.Detail),
            EventKind.Toegelaten => "Toegelaten tot de opleiding",
            EventKind.Afgewezen => "Afgewezen" + (string.IsNullOrWhiteSpace(e.Detail) ? "" : ", reden: " + e.Detail),
            EventKind.Geplaatst => "Geplaatst in de opleiding",
            EventKind.Geswitcht => "Overgestapt naar een andere opleiding",
            EventKind.DiplomaBehaald => "Diploma behaald",
            EventKind.Uitgeschreven => "Uitgeschreven" + (string.IsNullOrWhiteSpace(e.Detail) ? "" : ", reden: " + e.Detail),
            EventKind.DossierGedeeld => "Overdrachtsdossier gedeeld" + detail,
            EventKind.ToestemmingGegeven => Consent(e, "Toestemming gegeven om te delen", detail),
            EventKind.ToestemmingIngetrokken => Consent(e, "Toestemming ingetrokken", detail),
            EventKind.AanmeldingIngetrokken => "Aanmelding ingetrokken" + (string.IsNullOrWhiteSpace(e.Detail) ? "" : ", reden: " + e.Detail),
            EventKind.Vervallen => "Eerdere gebeurtenis vervallen" + (string.IsNullOrWhiteSpace(e.Detail) ? "" : ", reden: " + e.Detail),
            EventKind.LobActiviteit => JsonSpelling.LobSoorten.TryGetValue(e.Detail ?? "", out var soort)
                ? "LOB-activiteit: " + DutchText.Lob(soort).ToLowerInvariant()
                : "LOB-activiteit",
            EventKind.KeuzeVastgelegd => JsonSpelling.Keuzezekerheden.TryGetValue(e.Detail ?? "", out var zeker)
                ? "Keuze vastgelegd (" + DutchText.Keuzezekerheid(zeker).ToLowerInvariant() + ")"
                : "Keuze vastgelegd",
            EventKind.MeeloopdagAangemeld => "Aangemeld voor een meeloopdag",
            EventKind.MeeloopdagWachtlijst => "Op de wachtlijst voor een meeloopdag",
            EventKind.MeeloopdagAfgemeld => "Afgemeld voor een meeloopdag",
            EventKind.MeeloopdagBijgewoond => "Meeloopdag bijgewoond",
            EventKind.MeeloopdagNietVerschenen => "Niet verschenen op de meeloopdag",
            _ => e.Kind.ToString(),
        };
    }

    /// <summary>A consent change in words ("…: zorg en ondersteuning, door de leerling"), not its stored detail (<c>zorg/leerling/2</c>).</summary>
    private static string Consent(TransitionEvent e, string what, string detail) =>
        DossierRules.Consents([e]) is [var change]
            ? $"{what}: {Pages.Dossier.DossierText.Category(change.Category).ToLowerInvariant()}, door "
                + $"{(change.By == ConsentBy.Leerling ? "de leerling" : "een ouder")}"
            : what + detail;

    /// <summary>The programme or year: "niveau 4 · crebo 25180 · bol", "leerjaar 3 · kb"; empty when the event names none.</summary>
    public static string Programme(int? niveau, int? crebo, Leerweg? leerweg, int? leerjaar = null)
    {
        var parts = new List<string>(4);
        if (leerjaar is { } j)
            parts.Add("leerjaar " + j.ToString(CultureInfo.InvariantCulture));
        if (niveau is { } n)
            parts.Add("niveau " + n.ToString(CultureInfo.InvariantCulture));
        if (crebo is { } c)
            parts.Add("crebo " + c.ToString(CultureInfo.InvariantCulture));
        if (leerweg is not null)
            parts.Add(DutchText.Leerweg(leerweg));
        return string.Join(" · ", parts);
    }

    /// <summary>The programme an application is for.</summary>
    public static string Programme(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return Programme(application.Niveau, application.Crebo, application.Leerweg);
    }

    /// <summary>The name of a location, or its code when the store does not know it.</summary>
    public static string Where(string? institution, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return institution is null ? "–" : names.GetValueOrDefault(institution, institution);
    }

    /// <summary>A signal with its rule code, so that its meaning never rests on colour: "A10: Afgewezen en …".</summary>
    public static string Signal(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return $"{signal.Rule}: {signal.Text}";
    }

    /// <summary>The lines of a timeline, in date order; with the catalogue, each enrolment names its route and duration (<see cref="Route"/>).</summary>
    public static ImmutableArray<TimelineLine> Lines(
        IEnumerable<TransitionEvent> stream,
        IReadOnlyDictionary<string, string> names,
        RouteCatalogue? catalogue = null
    )
    {
        ArgumentNullException.ThrowIfNull(stream);
        return
        [
            .. stream
                .OrderBy(e => e.Date)
                .Select(e => new TimelineLine(e.Date, What(e), Where(e.Institution, names), Programme(e.Niveau, e.Crebo, e.Leerweg, e.Leerjaar))
                {
                    Route = catalogue is null ? "" : Route(e, catalogue),
                }),
        ];
    }

    /// <summary>
    /// The route and duration of an enrolment, placement or switch, in words: the route by its catalogue name (never its id;
    /// an id the catalogue does not know is left out), and for an mbo niveau the duration of such a programme on that date
    /// (M4/M5): "Normale route · opleiding van 3–4 jaar". Empty for other events.
    /// </summary>
    public static string Route(TransitionEvent e, RouteCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (e.Kind is not (EventKind.Ingeschreven or EventKind.Bevorderd or EventKind.Gedoubleerd or EventKind.Geplaatst or EventKind.Geswitcht))
            return "";
        var parts = new List<string>(2);
        if (RouteNames.Find(catalogue, e.Route) is { } route)
            parts.Add(route.Name);
        if (
            e.Niveau is >= 1 and <= 4 and var n
            && e.Kind is not (EventKind.Bevorderd or EventKind.Gedoubleerd)
            && catalogue.Durations.FirstOrDefault(d => d.Window.Contains(e.Date)) is { } era
            && era.Levels.TryGetValue((MboLevel)n, out var years)
        )
            parts.Add("opleiding van " + DutchText.Years(years));
        return string.Join(" · ", parts);
    }

    /// <summary>
    /// A whole timeline: the events up to <paramref name="today"/>, the applications and, when given (the decaan's view),
    /// the signals.
    /// </summary>
    public static TimelineView View(
        IEnumerable<TransitionEvent> stream,
        DateOnly today,
        IReadOnlyDictionary<string, string> names,
        ImmutableArray<Application> applications,
        ImmutableArray<Signal>? signals = null,
        RouteCatalogue? catalogue = null
    )
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(Lines(stream.Where(e => e.Date <= today), names, catalogue), applications, signals ?? [], names, signals is not null);
    }
}
