using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>
/// How the monitor observes one pupil: the same shape as the Domain's <c>Indicators.Observe</c>, so that method plugs in
/// as a method group.
/// </summary>
/// <param name="stream">One pupil's events in date order.</param>
/// <param name="birthDate">The pupil's birth date, when known.</param>
/// <param name="context">The crebo map and the date the data is complete through.</param>
/// <param name="sink">Where the pupil's observations go.</param>
public delegate void ObservePupil(ReadOnlySpan<TransitionEvent> stream, DateOnly? birthDate, MonitorContext context, IObservationSink sink);

/// <summary>
/// The bench's stand-in for <c>Indicators.Observe</c>: four indicators computed by exactly the definitions the bench's SQL
/// uses (see <see cref="MonitorBench"/> and docs), so the two engines can be held to the same numbers. It is a reference
/// for the bench, not the monitor: the rulebook's definitions are simplified where the notes of <see cref="MonitorBench"/> say.
/// <para>Shared definitions. A pupil's enrolment state changes at Ingeschreven, Geswitcht (new crebo/niveau) and
/// Uitgeschreven (effective the day after: the leave date is the last day enrolled); on a peildatum the pupil is enrolled
/// where the last change on or before it says (on the same day Uitgeschreven orders before Ingeschreven before Geswitcht).
/// mbo = the enrolment carries a niveau. Pupil-level dimensions: route = the route of the first Ingeschreven that has one,
/// else "onbekend"; vo vestiging = the institution of the last vo Uitgeschreven; leerweg = the last vmbo leerweg seen.
/// A startkwalificatie is an mbo diploma at niveau ≥ 2 or a diploma without niveau or leerweg (havo/vwo).</para>
/// </summary>
public static class ReferenceIndicators
{
    /// <summary>The indicators this stand-in (and the bench's SQL) compute.</summary>
    public static ImmutableArray<Indicator> Covered { get; } =
        [Indicator.NieuweVsv, Indicator.Switch, Indicator.DoorstroomVoMbo, Indicator.DoorstroomVoMboNaEenJaar];

    /// <summary>The route value when a pupil has none.</summary>
    public const string NoRoute = "onbekend";

    /// <summary>Observes one pupil into <paramref name="sink"/>.</summary>
    public static void Observe(ReadOnlySpan<TransitionEvent> stream, DateOnly? birthDate, MonitorContext context, IObservationSink sink)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sink);
        string? route = null, vo = null;
        Leerweg? leerweg = null;
        int entry = -1, vmboLeave = -1;
        var startkwalificatie = DateOnly.MaxValue;
        var firstChange = DateOnly.MaxValue;
        Span<(int Key, int Index)> states = stream.Length <= 64 ? stackalloc (int, int)[stream.Length] : new (int, int)[stream.Length];
        var count = 0;
        for (var i = 0; i < stream.Length; i++)
        {
            var e = stream[i];
            if (e.Leerweg is { } lw && IsVmbo(lw)) leerweg = lw;
            if (e.Kind is EventKind.Ingeschreven or EventKind.Geswitcht or EventKind.Uitgeschreven && e.Date < firstChange) firstChange = e.Date;
            switch (e.Kind)
            {
                case EventKind.Ingeschreven:
                    route ??= e.Route;
                    if (e.Niveau is not null && entry < 0) entry = i;
                    states[count++] = (Key(e.Date, 1), i);
                    break;
                case EventKind.Geswitcht:
                    states[count++] = (Key(e.Date, 2), i);
                    break;
                case EventKind.Uitgeschreven:
                    states[count++] = (Key(e.Date.AddDays(1), 0), i);
                    if (IsVoLeave(e)) vo = e.Institution;
                    if (e.Leerweg is { } l && IsVmbo(l)) vmboLeave = i;
                    break;
                case EventKind.DiplomaBehaald when (e.Niveau >= 2 || (e.Niveau is null && e.Leerweg is null)) && e.Date < startkwalificatie:
                    startkwalificatie = e.Date;
                    break;
            }
        }
        states = states[..count];
        states.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Index.CompareTo(b.Index));
        route ??= NoRoute;
        var through = context.Through;

        // D2: every 1 October t the pupil is enrolled, with 1 October t+1 inside the data.
        if (count > 0)
        {
            for (var t = firstChange.Year; t < through.Year; t++)
            {
                var october = new DateOnly(t, 10, 1);
                var next = october.AddYears(1);
                if (next > through) break;
                var now = At(stream, states, october);
                if (now is null) continue;
                if (birthDate is { } b && b.AddYears(22) <= october) continue;
                var then = AtAny(stream, states, next);
                var enrolledThen = then is { Kind: not EventKind.Uitgeschreven };
                if (!enrolledThen && then is { Detail: { } reason } && reason.Equals("buitenland", StringComparison.OrdinalIgnoreCase)) continue;
                var hit = !enrolledThen && startkwalificatie > next;
                sink.Add(new Observation(Indicator.NieuweVsv, Mbo(now, context, new Cell(route, t, vo, null, leerweg, null, null)), hit));
            }
        }

        // D6: first mbo entry, bol, niveau ≥ 2, directly from vo; a domain change within a year.
        if (entry >= 0 && stream[entry] is { Leerweg: Leerweg.Bol, Niveau: >= 2 } start && start.Date.AddYears(1) <= through)
        {
            var direct = false;
            for (var i = 0; i < stream.Length && !direct; i++)
                direct = IsVoLeave(stream[i]) && stream[i].Date >= start.Date.AddDays(-62) && stream[i].Date < start.Date;
            if (direct)
            {
                var domain = DomainOf(start.Crebo, context);
                var end = start.Date.AddYears(1);
                var switched = false;
                for (var i = 0; i < stream.Length && !switched; i++)
                {
                    var e = stream[i];
                    switched = e.Kind == EventKind.Geswitcht && e.Date >= start.Date && e.Date < end
                        && domain is not null && DomainOf(e.Crebo, context) is { } other && other != domain;
                }
                var cohort = start.Date.Month >= 8 ? start.Date.Year : start.Date.Year - 1;
                sink.Add(new Observation(Indicator.Switch, Mbo(start, context, new Cell(route, cohort, vo, null, leerweg, null, null)), switched));
            }
        }

        // Doorstroom vo→mbo: the last vmbo leave; in mbo on 1 October of the leaving school year, and a year later.
        if (vmboLeave >= 0)
        {
            var left = stream[vmboLeave].Date;
            var t = left.Month >= 10 ? left.Year + 1 : left.Year;
            Doorstroom(Indicator.DoorstroomVoMbo, new DateOnly(t, 10, 1), t, stream, states);
            Doorstroom(Indicator.DoorstroomVoMboNaEenJaar, new DateOnly(t + 1, 10, 1), t, stream, states);
        }

        void Doorstroom(Indicator indicator, DateOnly peildatum, int cohort, ReadOnlySpan<TransitionEvent> events, ReadOnlySpan<(int Key, int Index)> changes)
        {
            if (peildatum > through) return;
            var cell = new Cell(route, cohort, vo, null, leerweg, null, null);
            var at = At(events, changes, peildatum);
            var hit = at is { Niveau: not null };
            sink.Add(new Observation(indicator, hit ? Mbo(at!, context, cell) : cell, hit));
        }
    }

    /// <summary>The cell with the mbo dimensions of an enrolment (none for a vo enrolment).</summary>
    private static Cell Mbo(TransitionEvent enrolment, MonitorContext context, Cell cell) =>
        enrolment.Niveau is null || enrolment.Institution is null
            ? cell
            : cell with
            {
                MboInstelling = enrolment.Institution[..4],
                Sector = enrolment.Crebo is { } c && context.Crebos.TryGetValue(c, out var info) ? info.Direction : null,
                Niveau = enrolment.Niveau,
            };

    private static string? DomainOf(int? crebo, MonitorContext context) =>
        crebo is { } c && context.Crebos.TryGetValue(c, out var info) ? info.Domain : null;

    /// <summary>The enrolment on a day, or null when not enrolled.</summary>
    private static TransitionEvent? At(ReadOnlySpan<TransitionEvent> stream, ReadOnlySpan<(int Key, int Index)> states, DateOnly day) =>
        AtAny(stream, states, day) is { Kind: not EventKind.Uitgeschreven } e ? e : null;

    /// <summary>The last state change on or before a day (an Uitgeschreven when the pupil had left), or null.</summary>
    private static TransitionEvent? AtAny(ReadOnlySpan<TransitionEvent> stream, ReadOnlySpan<(int Key, int Index)> states, DateOnly day)
    {
        var probe = Key(day, 3);
        TransitionEvent? last = null;
        foreach (var (key, index) in states)
        {
            if (key > probe) break;
            last = stream[index];
        }
        return last;
    }

    private static int Key(DateOnly date, int rank) => date.DayNumber * 4 + rank;

    private static bool IsVmbo(Leerweg leerweg) => leerweg is Leerweg.Bb or Leerweg.Kb or Leerweg.Gl or Leerweg.Tl;

    /// <summary>A vo leave: Uitgeschreven without niveau and without an mbo leerweg.</summary>
    private static bool IsVoLeave(TransitionEvent e) =>
        e.Kind == EventKind.Uitgeschreven && e.Niveau is null && e.Leerweg is not (Leerweg.Bol or Leerweg.Bbl);
}
