using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>Well-formed events for tests: every kind, nulls, non-ASCII and CSV-hostile text, pupil attributes.</summary>
internal static class EventSamples
{
    public const string Awkward = "één; \"quoted\" café – 日本\nsecond line";

    public static TransitionEvent Of(string pupil, EventKind kind, DateOnly date)
    {
        var e = new TransitionEvent(pupil, date, kind, "25PJ00");
        return kind switch
        {
            EventKind.Ingeschreven => e with { Leerweg = Leerweg.Kb, Leerjaar = 3, Route = "vmbo" },
            EventKind.Bevorderd or EventKind.Gedoubleerd => e with { Leerjaar = 4, Leerweg = Leerweg.Tl },
            EventKind.Aangemeld or EventKind.Geplaatst or EventKind.Geswitcht or EventKind.DiplomaBehaald => e with
            {
                Institution = "25LH01",
                Leerweg = Leerweg.Bol,
                Niveau = 2,
                Crebo = 25258,
                Route = "normale-route",
            },
            EventKind.Toegelaten => e with { Institution = "25LH01", Leerweg = Leerweg.Bbl, Niveau = 3 },
            EventKind.Uitgeschreven => e with { Detail = "verhuisd", Leerweg = Leerweg.Gl },
            EventKind.Vervallen => new TransitionEvent(
                pupil,
                date,
                kind,
                Detail: "datum verkeerd; " + Awkward[..12],
                Voids: EventDigest.Of(Of(pupil, EventKind.Bevorderd, date.AddDays(-14)))
            ),
            EventKind.LobActiviteit => e with { Detail = "meeloopdag", Crebo = 25258, Niveau = 2 },
            EventKind.KeuzeVastgelegd => e with { Detail = "twijfel", Crebo = 25258, Niveau = 2, Leerweg = Leerweg.Bol },
            _ when Loopbaan.IsMeeloopdag(kind) => e with { Institution = "25LH01", Crebo = 25258, Detail = "md-" + Awkward[..4] },
            _ => e with { Detail = Awkward },
        };
    }

    /// <summary>One event of every kind for each of <paramref name="pupils"/> pupils, a day apart, with varied attributes.</summary>
    public static List<EventRecord> Streams(int pupils, string prefix = "P")
    {
        var list = new List<EventRecord>();
        for (var p = 0; p < pupils; p++)
        {
            var key = $"{prefix}{p:D5}";
            var synthetic = p % 2 == 0;
            DateOnly? birth = p % 3 == 0 ? null : new DateOnly(2008, 1, 1).AddDays(p);
            var day = new DateOnly(2020, 8, 1);
            foreach (var kind in Enum.GetValues<EventKind>())
            {
                list.Add(new EventRecord(Of(key, kind, day), synthetic, birth));
                day = day.AddDays(1);
            }
        }

        return list;
    }
}
