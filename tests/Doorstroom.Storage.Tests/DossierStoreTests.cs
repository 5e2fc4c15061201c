using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>The transfer dossier tables round-trip on both stores, and retention removes exactly what has expired.</summary>
public sealed class DossierStoreTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static EventRecord E(string pupil, int y, int m, int d, EventKind kind, string at, int? leerjaar = null, string? detail = null) =>
        new(new TransitionEvent(pupil, new DateOnly(y, m, d), kind, at, Leerjaar: leerjaar, Detail: detail));

    /// <summary>
    /// P-LEFT left vo on 2024-07-31 (more than two years before <see cref="Today"/>); P-RECENT left on 2025-07-31; P-STAYS is
    /// in vo; P-MOVED left one vo school in 2023 and enrolled at another the same day; P-MBO left an mbo in 2023 (no leerjaar: not vo).
    /// </summary>
    private static void Seed(TestStore store) =>
        new EventStore(store.Database).Append([
            E("P-LEFT", 2023, 8, 1, EventKind.Bevorderd, "01AB00", leerjaar: 4),
            E("P-LEFT", 2024, 7, 31, EventKind.Uitgeschreven, "01AB00", leerjaar: 4, detail: "diploma"),
            E("P-RECENT", 2024, 8, 1, EventKind.Bevorderd, "01AB00", leerjaar: 4),
            E("P-RECENT", 2025, 7, 31, EventKind.Uitgeschreven, "01AB00", leerjaar: 4, detail: "diploma"),
            E("P-STAYS", 2026, 8, 1, EventKind.Bevorderd, "01AB00", leerjaar: 4),
            E("P-MOVED", 2022, 8, 1, EventKind.Ingeschreven, "01AB00", leerjaar: 1),
            E("P-MOVED", 2023, 1, 31, EventKind.Uitgeschreven, "01AB00", leerjaar: 1, detail: "verhuisd"),
            E("P-MOVED", 2023, 1, 31, EventKind.Ingeschreven, "02CD00", leerjaar: 1),
            E("P-MOVED", 2026, 8, 1, EventKind.Bevorderd, "02CD00", leerjaar: 4),
            E("P-MBO", 2022, 8, 1, EventKind.Ingeschreven, "25AA00"),
            E("P-MBO", 2023, 7, 31, EventKind.Uitgeschreven, "25AA00", detail: "werk"),
        ]);

    private static DossierEntry Entry(string pupil, DossierCategory category, string body, bool sealedBody = false, string kind = DossierStore.Note) =>
        new(0, pupil, category, kind, new DateOnly(2026, 10, 1), "decaan", "01AB00", body, sealedBody, Released: false);

    private static DossierRequest Request(string id, string pupil, DateOnly expires, params DossierCategory[] categories) =>
        new(id, pupil, "25AA", "plaatsing", [.. categories], new DateOnly(2024, 10, 1), expires);

    [Theory, ClassData(typeof(BothStores))]
    public void Entries_round_trip_with_category_kind_sealing_and_release(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var note = Entry("P-STAYS", DossierCategory.Leerresultaten, "Wiskunde 7,2");
        var care = Entry("P-STAYS", DossierCategory.Zorg, "CfDJ8-ciphertext", sealedBody: true, kind: DossierStore.WarmHandOver) with { Released = true };
        var first = DossierStore.AddEntry(store.Database, note);
        var second = DossierStore.AddEntry(store.Database, care);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(DossierStore.AddEntry(store.Database, note with { Pupil = "P-UNKNOWN" }));

        Assert.Equal([note with { Id = first.Value }, care with { Id = second.Value }], DossierStore.Entries(store.Database, "P-STAYS"));
        Assert.Empty(DossierStore.Entries(store.Database, "P-LEFT"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Release_flips_an_entry_of_that_pupil_only(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var id = DossierStore.AddEntry(store.Database, Entry("P-STAYS", DossierCategory.Advies, "Advies: niveau 3"))!.Value;
        Assert.False(DossierStore.Release(store.Database, "P-LEFT", id, true));
        Assert.False(DossierStore.Entries(store.Database, "P-STAYS")[0].Released);

        Assert.True(DossierStore.Release(store.Database, "P-STAYS", id, true));
        Assert.True(DossierStore.Entries(store.Database, "P-STAYS")[0].Released);
        Assert.True(DossierStore.Release(store.Database, "P-STAYS", id, false));
        Assert.False(DossierStore.Entries(store.Database, "P-STAYS")[0].Released);
        Assert.False(DossierStore.Release(store.Database, "P-STAYS", id + 100, true));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Statuses_count_entries_released_entries_and_only_open_requests_of_the_pupils_asked_for(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var released = DossierStore.AddEntry(store.Database, Entry("P-STAYS", DossierCategory.Advies, "Advies: niveau 3"))!.Value;
        DossierStore.AddEntry(store.Database, Entry("P-STAYS", DossierCategory.Zorg, "CfDJ8-ciphertext", sealedBody: true));
        Assert.True(DossierStore.Release(store.Database, "P-STAYS", released, true));
        DossierStore.AddEntry(store.Database, Entry("P-MOVED", DossierCategory.Verzuim, "niet gevraagd"));
        Assert.True(DossierStore.AddRequest(store.Database, Request("open", "P-STAYS", new DateOnly(2027, 7, 31), DossierCategory.Advies), "intake"));
        Assert.True(
            DossierStore.AddRequest(
                store.Database,
                Request("expired", "P-STAYS", new DateOnly(2026, 11, 29), DossierCategory.Advies) with
                {
                    Institution = "26BB",
                },
                "intake"
            )
        );
        Assert.True(DossierStore.AddRequest(store.Database, Request("only-request", "P-RECENT", Today, DossierCategory.Zorg), "intake"));
        Assert.True(
            DossierStore.AddRequest(
                store.Database,
                Request("later", "P-LEFT", new DateOnly(2027, 7, 31), DossierCategory.Zorg) with
                {
                    On = Today.AddDays(1),
                },
                "intake"
            )
        );

        var statuses = DossierStore.Statuses(store.Database, ["P-STAYS", "P-RECENT", "P-LEFT", "P-MBO", "P-UNKNOWN"], Today);

        Assert.Equal(2, statuses["P-STAYS"].Entries);
        Assert.Equal(1, statuses["P-STAYS"].Released);
        Assert.Equal(["25AA"], statuses["P-STAYS"].OpenRequests);
        Assert.Equal(0, statuses["P-RECENT"].Entries);
        Assert.Equal(["25AA"], statuses["P-RECENT"].OpenRequests); // the last day still counts
        Assert.False(statuses.ContainsKey("P-LEFT")); // a request dated after today is not open yet
        Assert.False(statuses.ContainsKey("P-MBO")); // nothing in the dossier
        Assert.False(statuses.ContainsKey("P-MOVED")); // not asked for
        Assert.Empty(DossierStore.Statuses(store.Database, [], Today));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Requests_round_trip_with_their_categories(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var request = Request("r-1", "P-STAYS", new DateOnly(2028, 7, 31), DossierCategory.Leerresultaten, DossierCategory.Zorg, DossierCategory.Advies);
        var other = new DossierRequest("r-2", "P-STAYS", "26BB", "zorg", [DossierCategory.Zorg], new DateOnly(2026, 11, 2), new DateOnly(2028, 7, 31));
        Assert.True(DossierStore.AddRequest(store.Database, request, "intake"));
        Assert.True(DossierStore.AddRequest(store.Database, other, "intake2"));
        Assert.False(DossierStore.AddRequest(store.Database, request, "intake"));
        Assert.False(DossierStore.AddRequest(store.Database, request with { Id = "r-3", Pupil = "P-UNKNOWN" }, "intake"));

        var read = DossierStore.Request(store.Database, "r-1");
        Assert.NotNull(read);
        Assert.Equal(request.Categories, read.Categories);
        Assert.Equal(request with { Categories = read.Categories }, read);
        Assert.Null(DossierStore.Request(store.Database, "r-9"));
        Assert.Equal(["r-1", "r-2"], DossierStore.RequestsFor(store.Database, "P-STAYS").Select(r => r.Id));
        Assert.Equal(["r-2"], DossierStore.RequestsBy(store.Database, "26BB").Select(r => r.Id));
        Assert.Empty(DossierStore.RequestsFor(store.Database, "P-LEFT"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Retention_removes_expired_requests_and_the_entries_of_pupils_who_left_vo_over_two_years_ago_and_keeps_the_audit_log(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        string[] pupils = ["P-LEFT", "P-RECENT", "P-STAYS", "P-MOVED", "P-MBO"];
        foreach (var pupil in pupils)
        {
            DossierStore.AddEntry(store.Database, Entry(pupil, DossierCategory.Begeleiding, "Begeleiding in klas 4"));
            AuditLog.Append(
                store.Database,
                new AuditEntry(
                    new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero),
                    "decaan",
                    "decaan",
                    "01AB00",
                    pupil,
                    "geschreven",
                    "begeleiding",
                    null,
                    "gedaan",
                    null
                )
            );
        }
        DossierStore.AddRequest(store.Database, Request("expired", "P-RECENT", Today.AddDays(-1), DossierCategory.Leerresultaten), "intake");
        DossierStore.AddRequest(store.Database, Request("last-day", "P-RECENT", Today, DossierCategory.Leerresultaten), "intake");
        DossierStore.AddRequest(store.Database, Request("open", "P-STAYS", new DateOnly(2028, 7, 31), DossierCategory.Leerresultaten), "intake");
        var auditBefore = pupils.SelectMany(p => AuditLog.ForPupil(store.Database, p)).ToList();

        Assert.Equal((Requests: 1, Entries: 1), DossierStore.RemoveExpired(store.Database, Today));

        Assert.Empty(DossierStore.Entries(store.Database, "P-LEFT"));
        foreach (var kept in pupils.Skip(1))
            Assert.True(DossierStore.Entries(store.Database, kept).Length == 1, $"the entry of {kept} was removed");
        Assert.Equal(["last-day"], DossierStore.RequestsFor(store.Database, "P-RECENT").Select(r => r.Id));
        Assert.Equal(["open"], DossierStore.RequestsFor(store.Database, "P-STAYS").Select(r => r.Id));
        Assert.Equal(auditBefore, pupils.SelectMany(p => AuditLog.ForPupil(store.Database, p)));
        var check = AuditLog.Verify(store.Database);
        Assert.True(check.Intact, check.Problem);
        Assert.Equal(pupils.Length, check.Entries);

        // Nothing further to remove on the same day; a shorter keep removes P-RECENT's entry too.
        Assert.Equal((0, 0), DossierStore.RemoveExpired(store.Database, Today));
        Assert.Equal((0, 1), DossierStore.RemoveExpired(store.Database, Today, keepYears: 1));
        Assert.Empty(DossierStore.Entries(store.Database, "P-RECENT"));
    }
}
