using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// Meeloopdagen on both stores: places, the waiting list in order of arrival, promotion when a place frees up, attendance,
/// the events in the pupils' streams with their audit entries, and exactly one winner when pupils race for the last place.
/// </summary>
public sealed class MeeloopdagStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly MeeloopActor Pupil = new("leerling", "leerling", null);
    private static readonly MeeloopActor Intake = new("intake", "intake", "25LH");
    private static readonly string[] Here = ["25LH01"];

    private static Meeloopdag Day(int places, string id = "md-1") => new(id, "25LH01", 25258, new(2026, 3, 12), places, "9.00-13.00", "Zorg en welzijn");

    private static void Pupils(Database database, params string[] keys) =>
        new EventStore(database).Append(
            keys.Select(k => new EventRecord(new TransitionEvent(k, new(2023, 8, 1), EventKind.Ingeschreven, "25PJ00", Leerweg.Kb, 3, Route: "vmbo"))),
            cancellationToken: Ct
        );

    private static TestStore Store(StoreKind kind, int places, params string[] pupils)
    {
        var store = TestStore.Create(kind);
        Pupils(store.Database, pupils);
        Assert.True(MeeloopdagStore.Publish(store.Database, Day(places), Intake, At).Done);
        return store;
    }

    private static IEnumerable<EventKind> Meeloop(Database database, string pupil) =>
        new EventStore(database).Stream(pupil).Where(e => Loopbaan.IsMeeloopdag(e.Kind)).Select(e => e.Kind);

    [Theory, ClassData(typeof(BothStores))]
    public void A_full_day_puts_later_pupils_on_the_waiting_list_in_order_of_arrival(StoreKind kind)
    {
        using var store = Store(kind, 1, "p1", "p2", "p3");

        var first = MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At);
        var second = MeeloopdagStore.SignUp(store.Database, "md-1", "p2", Pupil, Today, At);
        var third = MeeloopdagStore.SignUp(store.Database, "md-1", "p3", Pupil, Today, At);

        Assert.Equal((MeeloopStatus.Aangemeld, (int?)null), (first.Status!.Value, first.WaitingPlace));
        Assert.Equal((MeeloopStatus.Wachtlijst, (int?)1), (second.Status!.Value, second.WaitingPlace));
        Assert.Equal((MeeloopStatus.Wachtlijst, (int?)2), (third.Status!.Value, third.WaitingPlace));
        Assert.Equal(new MeeloopdagView(Day(1), 1, 2), MeeloopdagStore.Day(store.Database, "md-1"));
        Assert.Equal([EventKind.MeeloopdagWachtlijst], Meeloop(store.Database, "p3"));
        Assert.Equal(["p1", "p2", "p3"], MeeloopdagStore.SignUps(store.Database, "md-1").Select(s => s.Pupil));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_cancelled_place_goes_to_the_first_on_the_waiting_list(StoreKind kind)
    {
        using var store = Store(kind, 1, "p1", "p2", "p3");
        foreach (var p in new[] { "p1", "p2", "p3" })
            MeeloopdagStore.SignUp(store.Database, "md-1", p, Pupil, Today.AddDays(-1), At);

        var cancelled = MeeloopdagStore.SignOff(store.Database, "md-1", "p1", Pupil, Today, At);

        Assert.Equal("p2", cancelled.Promoted);
        Assert.Equal([EventKind.MeeloopdagAangemeld, EventKind.MeeloopdagAfgemeld], Meeloop(store.Database, "p1"));
        Assert.Equal([EventKind.MeeloopdagWachtlijst, EventKind.MeeloopdagAangemeld], Meeloop(store.Database, "p2"));
        var p3 = Assert.Single(MeeloopdagStore.OfPupil(store.Database, "p3"));
        Assert.Equal((MeeloopStatus.Wachtlijst, (int?)1), (p3.SignUp.Status, p3.SignUp.WaitingPlace));
        Assert.Contains(AuditLog.ForPupil(store.Database, "p2"), a => a.Action == MeeloopdagStore.Promoted);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Leaving_the_waiting_list_frees_no_place_and_moves_the_others_up(StoreKind kind)
    {
        using var store = Store(kind, 1, "p1", "p2", "p3");
        foreach (var p in new[] { "p1", "p2", "p3" })
            MeeloopdagStore.SignUp(store.Database, "md-1", p, Pupil, Today, At);

        var left = MeeloopdagStore.SignOff(store.Database, "md-1", "p2", Pupil, Today, At);

        Assert.Null(left.Promoted);
        Assert.Equal(1, MeeloopdagStore.OfPupil(store.Database, "p3").Single().SignUp.WaitingPlace);
        Assert.Equal(MeeloopStatus.Aangemeld, MeeloopdagStore.OfPupil(store.Database, "p1").Single().SignUp.Status);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_second_sign_up_and_a_sign_up_on_the_day_of_a_cancellation_are_refused(StoreKind kind)
    {
        using var store = Store(kind, 2, "p1");
        MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At);

        Assert.Equal(MeeloopRefusal.AlreadySignedUp, MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At).Refusal);
        MeeloopdagStore.SignOff(store.Database, "md-1", "p1", Pupil, Today, At);
        Assert.Equal(MeeloopRefusal.CancelledToday, MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At).Refusal);
        Assert.Equal(MeeloopStatus.Aangemeld, MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today.AddDays(1), At).Status);
        Assert.Equal([EventKind.MeeloopdagAangemeld, EventKind.MeeloopdagAfgemeld, EventKind.MeeloopdagAangemeld], Meeloop(store.Database, "p1"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_past_or_cancelled_day_takes_no_sign_ups_and_a_cancelled_day_signs_everyone_off(StoreKind kind)
    {
        using var store = Store(kind, 1, "p1", "p2");
        MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At);
        MeeloopdagStore.SignUp(store.Database, "md-1", "p2", Pupil, Today, At);

        Assert.Equal(MeeloopRefusal.NoSuchDay, MeeloopdagStore.CancelDay(store.Database, "md-1", ["26XX01"], Intake, Today, At).Refusal);
        Assert.True(MeeloopdagStore.CancelDay(store.Database, "md-1", Here, Intake, Today, At).Done);

        Assert.Equal([EventKind.MeeloopdagWachtlijst, EventKind.MeeloopdagAfgemeld], Meeloop(store.Database, "p2"));
        Assert.Equal(MeeloopRefusal.DayClosed, MeeloopdagStore.SignUp(store.Database, "md-1", "p2", Pupil, Today.AddDays(1), At).Refusal);
        Assert.Empty(MeeloopdagStore.Days(store.Database, new MeeloopFilter(From: Today)));
        MeeloopdagStore.Publish(store.Database, Day(3, "md-2"), Intake, At);
        Assert.Equal(MeeloopRefusal.DayClosed, MeeloopdagStore.SignUp(store.Database, "md-2", "p1", Pupil, new(2026, 3, 13), At).Refusal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Attendance_is_recorded_once_on_or_after_the_day_by_the_days_own_mbo(StoreKind kind)
    {
        using var store = Store(kind, 1, "p1", "p2");
        MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At);
        MeeloopdagStore.SignUp(store.Database, "md-1", "p2", Pupil, Today, At);
        var day = new DateOnly(2026, 3, 12);

        Assert.Equal(MeeloopRefusal.NotYet, MeeloopdagStore.RecordAttendance(store.Database, "md-1", Here, "p1", true, Intake, Today, At).Refusal);
        Assert.Equal(MeeloopRefusal.NoSuchDay, MeeloopdagStore.RecordAttendance(store.Database, "md-1", ["26XX01"], "p1", true, Intake, day, At).Refusal);
        Assert.Equal(MeeloopRefusal.NotSignedUp, MeeloopdagStore.RecordAttendance(store.Database, "md-1", Here, "p2", true, Intake, day, At).Refusal);
        Assert.Equal(MeeloopStatus.Bijgewoond, MeeloopdagStore.RecordAttendance(store.Database, "md-1", Here, "p1", true, Intake, day, At).Status);
        Assert.Equal(MeeloopRefusal.AlreadyRecorded, MeeloopdagStore.RecordAttendance(store.Database, "md-1", Here, "p1", false, Intake, day, At).Refusal);

        var came = new EventStore(store.Database).Stream("p1").Last();
        Assert.Equal(new TransitionEvent("p1", day, EventKind.MeeloopdagBijgewoond, "25LH01", Crebo: 25258, Detail: "md-1"), came);
        Assert.True(Loopbaan.IsLobActivity(came));
        Assert.Equal(1, MeeloopdagStore.Day(store.Database, "md-1")!.Taken);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Pupils_racing_for_the_last_place_get_it_exactly_once(StoreKind kind)
    {
        const int racers = 6;
        var keys = Enumerable.Range(1, racers).Select(i => $"r{i}").ToArray();
        using var store = Store(kind, 2, ["early", .. keys]);
        MeeloopdagStore.SignUp(store.Database, "md-1", "early", Pupil, Today, At);
        using var start = new Barrier(racers);

        var outcomes = keys.AsParallel()
            .WithDegreeOfParallelism(racers)
            .Select(key =>
            {
                start.SignalAndWait(Ct);
                return (Key: key, Change: MeeloopdagStore.SignUp(store.Database, "md-1", key, Pupil, Today, At));
            })
            .ToList();

        Assert.Single(outcomes, o => o.Change.Status == MeeloopStatus.Aangemeld);
        Assert.Equal(
            Enumerable.Range(1, racers - 1).Select(i => (int?)i),
            outcomes.Where(o => o.Change.Status == MeeloopStatus.Wachtlijst).Select(o => o.Change.WaitingPlace).Order()
        );
        Assert.Equal(new MeeloopdagView(Day(2), 2, racers - 1), MeeloopdagStore.Day(store.Database, "md-1"));
        var winner = outcomes.Single(o => o.Change.Status == MeeloopStatus.Aangemeld).Key;
        Assert.Equal([EventKind.MeeloopdagAangemeld], Meeloop(store.Database, winner));
        var audit = AuditLog.Verify(store.Database);
        Assert.True(audit.Intact);
        Assert.Equal(2 + racers, audit.Entries);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_stream_with_meeloopdag_events_exports_and_reimports_losslessly(StoreKind kind)
    {
        using var store = Store(kind, 1, "p1", "p2");
        MeeloopdagStore.SignUp(store.Database, "md-1", "p1", Pupil, Today, At);
        MeeloopdagStore.SignUp(store.Database, "md-1", "p2", Pupil, Today, At);
        MeeloopdagStore.SignOff(store.Database, "md-1", "p1", Pupil, Today.AddDays(1), At);
        MeeloopdagStore.RecordAttendance(store.Database, "md-1", Here, "p2", true, Intake, new(2026, 3, 12), At);
        using var output = new MemoryStream();
        EventExport.WriteJsonLines(store.Database, output, Ct);
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "events.jsonl");
        File.WriteAllBytes(path, output.ToArray());
        using var target = TestStore.Create(kind);

        Assert.IsType<Imported>(new EventImporter().Run(target.Database, path, TimeProvider.System, cancellationToken: Ct));

        Assert.Equal(new EventStore(store.Database).ReadAll(Ct), new EventStore(target.Database).ReadAll(Ct));
        Assert.Equal([EventKind.MeeloopdagWachtlijst, EventKind.MeeloopdagAangemeld, EventKind.MeeloopdagBijgewoond], Meeloop(target.Database, "p2"));
    }
}
