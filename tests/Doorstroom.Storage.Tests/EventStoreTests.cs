using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

public sealed class EventStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothStores))]
    public void Appending_the_same_events_twice_stores_them_once(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var sample = EventSamples.Streams(3);

        var first = events.Append(sample, cancellationToken: Ct);
        var second = events.Append(sample, cancellationToken: Ct);

        Assert.Equal(new Appended(sample.Count, sample.Count, 3), first);
        Assert.Equal(new Appended(sample.Count, 0, 0), second);
        Assert.Equal(sample.Count, events.Count());
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_event_repeated_within_one_append_is_stored_once(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var sample = EventSamples.Streams(2);

        var appended = events.Append(sample.Concat(sample), cancellationToken: Ct);

        Assert.Equal(sample.Count, appended.Inserted);
        Assert.Equal(sample.Count, events.Count());
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Events_for_known_pupils_join_their_streams_and_known_events_are_skipped(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var sample = EventSamples.Streams(4);
        // The whole stream of the first pupil and the start of the second's are known before; the last two pupils are new.
        var known = Enum.GetValues<EventKind>().Length + 4;
        events.Append(sample.Take(known), cancellationToken: Ct);

        var appended = events.Append(sample.Skip(known / 2), cancellationToken: Ct);

        Assert.Equal(sample.Count - known, appended.Inserted);
        Assert.Equal(2, appended.NewPupils);
        Assert.Equal(sample.Count, events.Count());
        Assert.Equal(sample.Where(r => r.Event.Pupil == "P00001").Select(r => r.Event), events.Raw("P00001").Events.Select(e => e.Event));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_pupils_stream_reads_in_date_order_then_arrival(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var later = EventSamples.Of("P1", EventKind.Bevorderd, new DateOnly(2021, 7, 15));
        var sameDayFirst = EventSamples.Of("P1", EventKind.Aangemeld, new DateOnly(2021, 3, 1));
        var sameDaySecond = EventSamples.Of("P1", EventKind.IntakeGehouden, new DateOnly(2021, 3, 1));
        var earliest = EventSamples.Of("P1", EventKind.Ingeschreven, new DateOnly(2018, 8, 1));

        events.Append([new(later), new(sameDayFirst), new(sameDaySecond), new(earliest)], cancellationToken: Ct);

        Assert.Equal([earliest, sameDayFirst, sameDaySecond, later], events.Stream("P1"));
        Assert.Empty(events.Stream("nobody"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Many_events_go_through_the_bulk_path_and_read_back_in_full(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var sample = EventSamples.Streams(800); // 11,200 events: several SQLite batches, multi-row statements and a tail

        var appended = events.Append(sample, cancellationToken: Ct);

        Assert.Equal(sample.Count, appended.Inserted);
        Assert.Equal(sample, events.ReadAll(Ct));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_malformed_event_stores_nothing(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var sample = EventSamples.Streams(2);
        sample.Add(new EventRecord(new TransitionEvent("P9", new DateOnly(2020, 1, 1), EventKind.Afgewezen, "25PJ00")));

        var error = Assert.Throws<ArgumentException>(() => events.Append(sample, cancellationToken: Ct));

        Assert.Contains("detail", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, events.Count());
        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_pupil_whose_attributes_contradict_the_store_is_refused(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);
        var e = EventSamples.Of("P1", EventKind.Ingeschreven, new DateOnly(2020, 8, 1));
        events.Append([new(e, Synthetic: true, BirthDate: new DateOnly(2008, 5, 1))], cancellationToken: Ct);

        var error = Assert.Throws<ArgumentException>(() =>
            events.Append([new(e with { Date = new DateOnly(2021, 8, 1) }, Synthetic: true, BirthDate: new DateOnly(2008, 5, 2))], cancellationToken: Ct)
        );

        Assert.Contains("birth_date: 2008-05-01", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, events.Count());
    }

    [Fact]
    public void The_digest_depends_on_every_field_but_not_on_the_pupil()
    {
        var e = new TransitionEvent("P1", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, "25PJ00", Leerweg.Bol, null, 2, 25258, "normale-route", null);
        var digest = EventDigest.Of(e);
        Assert.Equal(digest, EventDigest.Of(e with { Pupil = "P2" }));
        TransitionEvent[] variants =
        [
            e with
            {
                Date = e.Date.AddDays(1),
            },
            e with
            {
                Kind = EventKind.Geplaatst,
            },
            e with
            {
                Institution = "25PJ01",
            },
            e with
            {
                Leerweg = Leerweg.Bbl,
            },
            e with
            {
                Leerweg = null,
            },
            e with
            {
                Leerjaar = 2,
                Niveau = null,
            },
            e with
            {
                Niveau = 3,
            },
            e with
            {
                Crebo = 25259,
            },
            e with
            {
                Route = null,
            },
            e with
            {
                Route = "",
            },
            e with
            {
                Detail = "x",
            },
            e with
            {
                Route = null,
                Detail = "normale-route",
            },
        ];
        Assert.Equal(variants.Length, variants.Select(EventDigest.Of).Append(digest).Distinct().Count() - 1);
    }
}
