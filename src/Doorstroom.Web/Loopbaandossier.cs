using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// A pupil's loopbaandossier in date order: the loopbaan events of the stream (<see cref="Loopbaan.BelongsToLoopbaandossier"/>)
/// joined to the entries of category loopbaan that belong to them (by the event's digest), and the entries that belong to no
/// event (remarks). <see cref="Released"/> is the mbo's view: only released entries, and only the events they belong to.
/// </summary>
public sealed record Loopbaandossier(string Pupil, ImmutableArray<LoopbaanRegel> Regels)
{
    /// <summary>The whole loopbaandossier, as the pupil, a parent and the school read it.</summary>
    public static Loopbaandossier Full(
        string pupil,
        IEnumerable<TransitionEvent> stream,
        IEnumerable<DossierEntry> entries,
        IReadOnlyDictionary<string, string> places,
        IReadOnlyDictionary<int, string> programmes
    ) => Build(pupil, stream, entries, places, programmes, releasedOnly: false);

    /// <summary>What goes with a request: the released entries of category loopbaan, each with the event it belongs to.</summary>
    public static Loopbaandossier Released(
        string pupil,
        IEnumerable<TransitionEvent> stream,
        IEnumerable<DossierEntry> entries,
        IReadOnlyDictionary<string, string> places,
        IReadOnlyDictionary<int, string> programmes
    ) => Build(pupil, stream, entries, places, programmes, releasedOnly: true);

    private static Loopbaandossier Build(
        string pupil,
        IEnumerable<TransitionEvent> stream,
        IEnumerable<DossierEntry> entries,
        IReadOnlyDictionary<string, string> places,
        IReadOnlyDictionary<int, string> programmes,
        bool releasedOnly
    )
    {
        var own = entries.Where(e => e.Category == DossierCategory.Loopbaan && (!releasedOnly || e.Released)).ToList();
        var byEvent = own.Where(e => e.Event is not null).ToLookup(e => e.Event!.Value);
        var used = new HashSet<long>();
        var regels = new List<LoopbaanRegel>();
        foreach (var e in stream.Where(e => Loopbaan.BelongsToLoopbaandossier(e.Kind)))
        {
            var digest = EventDigest.Of(e);
            var texts = byEvent[digest].ToList();
            if (releasedOnly && texts.Count == 0)
                continue;
            used.UnionWith(texts.Select(t => t.Id));
            var text = texts.Count == 0 ? null : string.Join("\n\n", texts.Select(t => t.Body));
            var where = e.Institution is { } at ? places.GetValueOrDefault(at, at) : null;
            var programme = Programme(e.Crebo, programmes);
            var first = texts.FirstOrDefault();
            regels.Add(
                e.Kind switch
                {
                    EventKind.LobActiviteit => new(
                        e.Date,
                        "activiteit",
                        JsonSpelling.LobSoorten.TryGetValue(e.Detail ?? "", out var soort) ? DutchText.Lob(soort) : "LOB-activiteit",
                        where,
                        programme,
                        text,
                        null,
                        [],
                        null,
                        first?.Id,
                        texts.Count > 0 && texts.All(t => t.Released)
                    ),
                    EventKind.KeuzeVastgelegd => Keuze(e, where, programme, texts),
                    _ => new(
                        e.Date,
                        "meeloopdag",
                        EventText.What(e),
                        where,
                        programme,
                        text,
                        null,
                        [],
                        null,
                        first?.Id,
                        texts.Count > 0 && texts.All(t => t.Released)
                    ),
                }
            );
        }
        foreach (var entry in own.Where(e => !used.Contains(e.Id)))
            regels.Add(
                new(
                    entry.On,
                    "opmerking",
                    entry.Kind == DossierStore.Remark ? "Opmerking van mentor of decaan" : "Notitie van de school",
                    null,
                    null,
                    entry.Body,
                    null,
                    [],
                    entry.Author,
                    entry.Id,
                    entry.Released
                )
            );
        return new(pupil, [.. regels.OrderBy(r => r.Datum)]);
    }

    private static LoopbaanRegel Keuze(TransitionEvent e, string? where, string? programme, List<DossierEntry> texts)
    {
        var zeker = JsonSpelling.Keuzezekerheden.TryGetValue(e.Detail ?? "", out var z) ? z : (Keuzezekerheid?)null;
        var latest = texts.LastOrDefault();
        var (opleidingen, motivatie) = latest is null ? ([], null) : KeuzeTekst.Lees(latest.Body);
        return new(
            e.Date,
            "keuze",
            "Keuze vastgelegd",
            where,
            programme,
            motivatie,
            zeker,
            opleidingen,
            null,
            latest?.Id,
            texts.Count > 0 && texts.All(t => t.Released)
        );
    }

    private static string? Programme(int? crebo, IReadOnlyDictionary<int, string> programmes) =>
        crebo is { } c ? c.ToString(CultureInfo.InvariantCulture) + (programmes.TryGetValue(c, out var name) ? " " + name : "") : null;
}
