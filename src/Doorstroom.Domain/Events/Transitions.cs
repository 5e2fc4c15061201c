using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>The kinds of event in a pupil's stream (design §4). The names are the Dutch ones schools use.</summary>
public enum EventKind
{
    /// <summary>Enrolled at a vo school or mbo institution: institution, leerweg, leerjaar or niveau, crebo, route.</summary>
    Ingeschreven,

    /// <summary>Promoted to the next leerjaar (vo) on the date.</summary>
    Bevorderd,

    /// <summary>Repeats the leerjaar (vo).</summary>
    Gedoubleerd,

    /// <summary>Applied to an mbo programme (institution, crebo, niveau, leerweg).</summary>
    Aangemeld,

    /// <summary>Intake interview held; the outcome in <see cref="TransitionEvent.Detail"/>.</summary>
    IntakeGehouden,

    /// <summary>Admitted to the programme applied for.</summary>
    Toegelaten,

    /// <summary>Refused; the reason in <see cref="TransitionEvent.Detail"/>.</summary>
    Afgewezen,

    /// <summary>Placed in a programme (the first day of study is the Ingeschreven that follows).</summary>
    Geplaatst,

    /// <summary>Changed programme within the institution: the new crebo, niveau, leerweg.</summary>
    Geswitcht,

    /// <summary>Obtained a diploma: vmbo (leerweg), mbo (crebo, niveau), havo.</summary>
    DiplomaBehaald,

    /// <summary>Left the institution; the reason category in <see cref="TransitionEvent.Detail"/>.</summary>
    Uitgeschreven,

    /// <summary>A transfer dossier category was shared with the receiving institution.</summary>
    DossierGedeeld,

    /// <summary>The pupil (or parent) consented to sharing a dossier category.</summary>
    ToestemmingGegeven,

    /// <summary>The pupil (or parent) withdrew consent for a dossier category.</summary>
    ToestemmingIngetrokken,

    /// <summary>The pupil withdrew an application (institution, and the crebo it was for); the reason, if given, in <see
    /// cref="TransitionEvent.Detail"/>.</summary>
    AanmeldingIngetrokken,

    /// <summary>
    /// A correction: an earlier event of the pupil, named by its identity in <see cref="TransitionEvent.Voids"/>, was wrong
    /// and no longer counts (<see cref="Corrections"/>); the reason in <see cref="TransitionEvent.Detail"/>. The stream stays
    /// append-only: the wrong event is kept, voided.
    /// </summary>
    Vervallen,

    /// <summary>
    /// An LOB activity of the loopbaandossier (issue 16): where (the vo school, or the mbo location of an open dag), and which
    /// activity in <see cref="TransitionEvent.Detail"/> (<see cref="LobSoort"/>, spelled as in <see cref="JsonSpelling.LobSoorten"/>); the
    /// crebo it was about, if one. The pupil's reflection is not in the stream but in the dossier category loopbaan.
    /// </summary>
    LobActiviteit,

    /// <summary>
    /// The pupil's choice so far (loopbaandossier): the vo school, how sure in <see cref="TransitionEvent.Detail"/>
    /// (<see cref="Keuzezekerheid"/>), and the programme of the first choice (crebo, niveau, leerweg) when there is one. The
    /// motivation is text in the dossier category loopbaan, not in the stream.
    /// </summary>
    KeuzeVastgelegd,

    /// <summary>Signed up for a meeloopdag: the mbo location, the crebo, and the meeloopdag's id in <see cref="TransitionEvent.Detail"/>.</summary>
    MeeloopdagAangemeld,

    /// <summary>Put on the waiting list of a full meeloopdag (same fields as <see cref="MeeloopdagAangemeld"/>).</summary>
    MeeloopdagWachtlijst,

    /// <summary>The sign-up (or the place on the waiting list) for a meeloopdag was cancelled.</summary>
    MeeloopdagAfgemeld,

    /// <summary>The mbo recorded that the pupil came to the meeloopdag: an LOB activity (<see cref="Loopbaan.IsLobActivity"/>).</summary>
    MeeloopdagBijgewoond,

    /// <summary>The mbo recorded that the pupil, signed up, did not come.</summary>
    MeeloopdagNietVerschenen,
}

/// <summary>
/// Why a pupil left an institution, in categories like BRON's uitschrijfredenen.
/// <see cref="Overstap"/> means the pupil goes on in other education; the rest leave education
/// unless a later Ingeschreven says otherwise.
/// </summary>
public enum Uitschrijfreden
{
    Diploma,
    Overstap,
    Werk,
    Verhuisd,
    Buitenland,
    Zorg,
    Onbekend,
}

/// <summary>
/// One dated fact in a pupil's stream. Which fields an event carries depends on its kind; see
/// <see cref="EventShapes"/>, which says it as data, and <see cref="EventShapes.Check"/>.
/// </summary>
/// <param name="Pupil">The pseudonymous pupil key; never a name or BSN.</param>
/// <param name="Date">The day the fact took effect.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Institution">The BRIN6 of the vo vestiging or mbo location (BRIN4 + 2).</param>
/// <param name="Detail">Kind-specific: the uitschrijfreden, the intake outcome, the refusal reason, the dossier category, the reason of a correction.</param>
/// <param name="Voids">Only on <see cref="EventKind.Vervallen"/>: the identity of the event of the same pupil it declares void (its digest,
/// docs/events.md).</param>
public sealed record TransitionEvent(
    string Pupil,
    DateOnly Date,
    EventKind Kind,
    string? Institution = null,
    Leerweg? Leerweg = null,
    int? Leerjaar = null,
    int? Niveau = null,
    int? Crebo = null,
    string? Route = null,
    string? Detail = null,
    long? Voids = null
);

/// <summary>The fields an event can carry.</summary>
public enum EventField
{
    Institution,
    Leerweg,
    Leerjaar,
    Niveau,
    Crebo,
    Route,
    Detail,
    Voids,
}

/// <summary>Which fields an event kind needs and which it may carry.</summary>
public sealed record EventShape(EventKind Kind, ImmutableArray<EventField> Required, ImmutableArray<EventField> Optional)
{
    /// <summary>True when the kind may carry the field at all.</summary>
    public bool Allows(EventField field) => Required.Contains(field) || Optional.Contains(field);
}

/// <summary>The shape of every event kind, and the one check every importer and the store apply.</summary>
public static class EventShapes
{
    /// <summary>The greatest key length (pupil keys, institution codes, route ids, details).</summary>
    public const int MaxTextLength = 64;

    /// <summary>
    /// The greatest detail length: a refusal reason is written for the pupil and may take a few sentences, so
    /// details get more room than keys (issue 14).
    /// </summary>
    public const int MaxDetailLength = 1000;

    /// <summary>Every kind's shape.</summary>
    public static ImmutableDictionary<EventKind, EventShape> All { get; } = Build();

    private static ImmutableDictionary<EventKind, EventShape> Build()
    {
        const EventField I = EventField.Institution,
            L = EventField.Leerweg,
            J = EventField.Leerjaar,
            N = EventField.Niveau,
            C = EventField.Crebo,
            R = EventField.Route,
            D = EventField.Detail,
            V = EventField.Voids;
        EventShape S(EventKind k, EventField[] req, EventField[] opt) => new(k, [.. req], [.. opt]);
        return new[]
        {
            S(EventKind.Ingeschreven, [I], [L, J, N, C, R]),
            S(EventKind.Bevorderd, [I, J], [L, R]),
            S(EventKind.Gedoubleerd, [I, J], [L, R]),
            S(EventKind.Aangemeld, [I], [L, N, C, R]),
            S(EventKind.IntakeGehouden, [I], [L, N, C, D]),
            S(EventKind.Toegelaten, [I], [L, N, C]),
            S(EventKind.Afgewezen, [I, D], [L, N, C]),
            S(EventKind.Geplaatst, [I], [L, N, C, R]),
            S(EventKind.Geswitcht, [I], [L, N, C, R]),
            S(EventKind.DiplomaBehaald, [I], [L, N, C, R]),
            S(EventKind.Uitgeschreven, [I, D], [L, J, N, C]),
            S(EventKind.DossierGedeeld, [I, D], []),
            S(EventKind.ToestemmingGegeven, [I, D], []),
            S(EventKind.ToestemmingIngetrokken, [I, D], []),
            S(EventKind.AanmeldingIngetrokken, [I], [L, N, C, D]),
            S(EventKind.Vervallen, [V, D], []),
            S(EventKind.LobActiviteit, [I, D], [N, C]),
            S(EventKind.KeuzeVastgelegd, [I, D], [L, N, C]),
            S(EventKind.MeeloopdagAangemeld, [I, C, D], [L, N]),
            S(EventKind.MeeloopdagWachtlijst, [I, C, D], [L, N]),
            S(EventKind.MeeloopdagAfgemeld, [I, C, D], [L, N]),
            S(EventKind.MeeloopdagBijgewoond, [I, C, D], [L, N]),
            S(EventKind.MeeloopdagNietVerschenen, [I, C, D], [L, N]),
        }.ToImmutableDictionary(s => s.Kind);
    }

    /// <summary>
    /// The problems with an event, as (field, what was expected) pairs; empty when it is well formed.
    /// An importer turns each into a file:line: column: message error.
    /// </summary>
    public static ImmutableArray<(string Field, string Message)> Check(TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problems = ImmutableArray.CreateBuilder<(string, string)>();
        if (string.IsNullOrWhiteSpace(e.Pupil))
            problems.Add(("pupil", "a pseudonymous pupil key"));
        else if (e.Pupil.Length > MaxTextLength)
            problems.Add(("pupil", $"a key of at most {MaxTextLength} characters"));

        if (!ContractDates.Contains(e.Date))
            problems.Add(
                ("date", $"a date from {ContractDates.Range} (found " + $"{e.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})")
            );

        if (!All.TryGetValue(e.Kind, out var shape))
        {
            problems.Add(("type", "one of " + string.Join(", ", All.Keys.Order())));
            return problems.ToImmutable();
        }

        Present(EventField.Institution, e.Institution is not null);
        Present(EventField.Leerweg, e.Leerweg is not null);
        Present(EventField.Leerjaar, e.Leerjaar is not null);
        Present(EventField.Niveau, e.Niveau is not null);
        Present(EventField.Crebo, e.Crebo is not null);
        Present(EventField.Route, e.Route is not null);
        Present(EventField.Detail, e.Detail is not null);
        Present(EventField.Voids, e.Voids is not null);

        if (e.Institution is { } brin && !IsBrin6(brin))
            problems.Add(("institution", "a BRIN6 code: four characters (two digits, two letters or digits) and a two-digit vestiging number, e.g. 25PJ00"));
        if (e.Leerjaar is { } lj && (lj < 1 || lj > 6))
            problems.Add(("leerjaar", "a leerjaar from 1 to 6"));
        if (e.Niveau is { } nv && (nv < 1 || nv > 5))
            problems.Add(("niveau", "an mbo niveau from 1 to 4 (5 = specialist)"));
        if (e.Crebo is { } cr && (cr < 10000 || cr > 99999))
            problems.Add(("crebo", "a five-digit crebo code"));
        if (e.Route is { Length: > MaxTextLength })
            problems.Add(("route", $"a route id of at most {MaxTextLength} characters"));
        if (e.Detail is { Length: > MaxDetailLength })
            problems.Add(("detail", $"a detail of at most {MaxDetailLength} characters"));
        if (e.Kind == EventKind.Uitgeschreven && e.Detail is { } reason && !Enum.TryParse<Uitschrijfreden>(reason, ignoreCase: true, out _))
            problems.Add(("detail", "an uitschrijfreden: " + string.Join(", ", Enum.GetNames<Uitschrijfreden>().Select(n => n.ToLowerInvariant()))));
        if (e.Kind == EventKind.LobActiviteit && e.Detail is { } soort && !JsonSpelling.LobSoorten.ContainsKey(soort))
            problems.Add(("detail", "an LOB activity: " + JsonSpelling.Expected(JsonSpelling.LobSoorten)));
        if (e.Kind == EventKind.KeuzeVastgelegd && e.Detail is { } zeker && !JsonSpelling.Keuzezekerheden.ContainsKey(zeker))
            problems.Add(("detail", "how sure the choice is: " + JsonSpelling.Expected(JsonSpelling.Keuzezekerheden)));
        if (Loopbaan.IsMeeloopdag(e.Kind) && e.Detail is { Length: > MaxTextLength })
            problems.Add(("detail", $"a meeloopdag id of at most {MaxTextLength} characters"));
        if (e.Leerweg is { } lw && e.Leerjaar is not null && lw is Leerweg.Bol or Leerweg.Bbl)
            problems.Add(("leerjaar", "no leerjaar with an mbo leerweg (bol/bbl); mbo uses niveau"));
        return problems.ToImmutable();

        void Present(EventField field, bool present)
        {
            // The name is made only for a problem: this check runs once per imported event.
            if (shape.Required.Contains(field) && !present)
                problems.Add((Name(field), $"a {Name(field)} (required for {e.Kind})"));
            else if (present && !shape.Allows(field))
                problems.Add((Name(field), $"no {Name(field)} on {e.Kind}"));
        }

        static string Name(EventField field) => field.ToString().ToLowerInvariant();
    }

    /// <summary>True for a BRIN6 code such as 25PJ00 or 00AB01: 2 digits, 2 letters or digits, 2 digits.</summary>
    public static bool IsBrin6(string code) =>
        code.Length == 6
        && char.IsAsciiDigit(code[0])
        && char.IsAsciiDigit(code[1])
        && char.IsAsciiLetterOrDigit(code[2])
        && char.IsAsciiLetterOrDigit(code[3])
        && char.IsAsciiDigit(code[4])
        && char.IsAsciiDigit(code[5]);
}

/// <summary>
/// Corrections in a pupil's stream: a <see cref="EventKind.Vervallen"/> names an earlier event of the pupil by its identity,
/// and from then on that event counts for nothing — not on the timeline, not in the applications or signals, not in the
/// monitor. The correction itself counts for nothing either; both stay in the stream (and in an export), which is
/// append-only.
/// </summary>
public static class Corrections
{
    /// <summary>True when the stream holds a correction (the common case, none, costs one pass and no allocation).</summary>
    public static bool Any(ReadOnlySpan<TransitionEvent> stream)
    {
        foreach (var e in stream)
        {
            if (e.Kind == EventKind.Vervallen)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The stream as it counts: without the events a correction names (by <paramref name="identity"/>, the store's digest)
    /// and without the corrections.
    /// </summary>
    public static ImmutableArray<TransitionEvent> Apply(ReadOnlySpan<TransitionEvent> stream, Func<TransitionEvent, long> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var voided = new HashSet<long>();
        foreach (var e in stream)
        {
            if (e.Kind == EventKind.Vervallen && e.Voids is { } v)
                voided.Add(v);
        }
        var counted = ImmutableArray.CreateBuilder<TransitionEvent>(stream.Length);
        foreach (var e in stream)
        {
            if (e.Kind != EventKind.Vervallen && (voided.Count == 0 || !voided.Contains(identity(e))))
                counted.Add(e);
        }
        return counted.ToImmutable();
    }
}
