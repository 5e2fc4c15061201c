using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// A dossier write (entry, release, request, consent event) and its audit entry are one transaction on both stores: a
/// failure between the write and the audit append, or in the append itself, leaves neither (issue 12, finding 7).
/// </summary>
public sealed class AuditedWriteTests
{
    private const string Pupil = "P-AUDIT";

    private static readonly DossierEntry Note = new(
        0,
        Pupil,
        DossierCategory.Leerresultaten,
        DossierStore.Note,
        new DateOnly(2026, 10, 1),
        "decaan",
        "01AB00",
        "Wiskunde 7,2",
        false,
        false
    );

    private static AuditEntry Line(string action, string? pupil = Pupil) =>
        new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), "decaan", "decaan", "01AB", pupil, action, "leerresultaten", null, "gedaan", null);

    private static TestStore Seeded(StoreKind kind)
    {
        var store = TestStore.Create(kind);
        new EventStore(store.Database).Append([
            new EventRecord(new TransitionEvent(Pupil, new DateOnly(2026, 8, 1), EventKind.Bevorderd, "01AB00", Leerjaar: 4)),
        ]);
        AuditLog.Append(store.Database, Line("eerder"));
        return store;
    }

    private static long Count(TestStore store, string table)
    {
        using var connection = store.Database.ConnectMigrated();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Makes every insert into the audit log fail, as a full disk or a lost connection at that moment would.</summary>
    internal static void BreakAuditAppends(TestStore store)
    {
        using var connection = store.Database.ConnectMigrated();
        connection.Execute(
            store.Database.Dialect == Dialect.Postgres
                ? """
                CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected audit failure'; END $$;
                CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                """
                : "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;"
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_failure_between_the_entry_and_its_audit_line_stores_neither(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.Throws<InvalidOperationException>(() =>
            AuditLog.Write(
                store.Database,
                (connection, transaction) => DossierStore.AddEntry(connection, transaction, Note),
                IEnumerable<AuditEntry> (_) => throw new InvalidOperationException("injected failure between the write and the audit append")
            )
        );
        Assert.Equal(0, Count(store, "dossier_entry"));
        Assert.Equal(1, Count(store, "audit_log"));
        Assert.True(AuditLog.Verify(store.Database).Intact);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_failing_audit_append_takes_the_entry_release_request_and_consent_event_with_it(StoreKind kind)
    {
        using var store = Seeded(kind);
        var id = DossierStore.AddEntry(store.Database, Note)!.Value;
        var events = new EventStore(store.Database).Count();
        BreakAuditAppends(store);

        Assert.ThrowsAny<Exception>(() =>
            AuditLog.Write(store.Database, (connection, transaction) => DossierStore.AddEntry(connection, transaction, Note), _ => [Line("geschreven")])
        );
        Assert.ThrowsAny<Exception>(() =>
            AuditLog.Write(
                store.Database,
                (connection, transaction) => DossierStore.Release(connection, transaction, Pupil, id, true),
                _ => [Line("vrijgegeven")]
            )
        );
        var request = new DossierRequest("r1", Pupil, "25AA", "plaatsing", [DossierCategory.Advies], new DateOnly(2026, 11, 30), new DateOnly(2028, 7, 31));
        Assert.ThrowsAny<Exception>(() =>
            AuditLog.Write(
                store.Database,
                (connection, transaction) => DossierStore.AddRequest(connection, transaction, request, "intake"),
                _ => [Line("verzoek")]
            )
        );
        var consent = new EventRecord(new TransitionEvent(Pupil, new DateOnly(2026, 11, 30), EventKind.ToestemmingGegeven, "25AA00", Detail: "zorg/ouder"));
        Assert.ThrowsAny<Exception>(() =>
            AuditLog.Write(
                store.Database,
                (connection, transaction) => new EventStore(store.Database).Append(connection, transaction, [consent]),
                _ => [Line("toestemming gegeven")]
            )
        );

        Assert.Equal(1, Count(store, "dossier_entry"));
        Assert.False(DossierStore.Entries(store.Database, Pupil)[0].Released);
        Assert.Equal(0, Count(store, "dossier_request"));
        Assert.Equal(events, new EventStore(store.Database).Count());
        Assert.Equal(1, Count(store, "audit_log"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_write_and_its_audit_line_commit_together(StoreKind kind)
    {
        using var store = Seeded(kind);
        var id = AuditLog.Write(store.Database, (connection, transaction) => DossierStore.AddEntry(connection, transaction, Note), _ => [Line("geschreven")]);
        Assert.NotNull(id);
        Assert.Equal(1, Count(store, "dossier_entry"));
        Assert.Equal(["eerder", "geschreven"], AuditLog.ForPupil(store.Database, Pupil).Select(e => e.Action));
        // A write that stores nothing (unknown pupil) records no audit line when the caller says so.
        Assert.Null(
            AuditLog.Write(
                store.Database,
                (connection, transaction) => DossierStore.AddEntry(connection, transaction, Note with { Pupil = "P-NONE" }),
                stored => stored is null ? [] : [Line("geschreven")]
            )
        );
        Assert.Equal(2, Count(store, "audit_log"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_batch_of_entries_appends_in_order_and_chains(StoreKind kind)
    {
        using var store = Seeded(kind);
        var batch = Enumerable
            .Range(1, 250)
            .Select(i => Line("bekeken", $"P-{i:000}") with { Category = null, Purpose = i % 2 == 0 ? null : "leerlingenlijst" })
            .ToList();
        var appended = AuditLog.Append(store.Database, batch);
        Assert.Equal(Enumerable.Range(2, 250).Select(i => (long)i), appended.Select(e => e.Seq));
        var check = AuditLog.Verify(store.Database);
        Assert.True(check.Intact, check.Problem);
        Assert.Equal(251, check.Entries);
        Assert.Equal([appended[41]], AuditLog.ForPupil(store.Database, "P-042"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_list_read_is_one_entry_each_pupil_finds_and_verify_catches_a_removed_or_added_pupil(StoreKind kind)
    {
        using var store = Seeded(kind);
        var keys = Enumerable.Range(1, 300).Select(i => $"P-{i:000}").Reverse().ToList();
        var list = AuditLog.AppendList(store.Database, Line("bekeken", null) with { Category = null, Purpose = "leerlingenlijst" }, keys);
        Assert.Null(list.Pupil);
        Assert.StartsWith("leerlingenlijst" + AuditLog.ListMark + "300 leerlingen" + AuditLog.ListMark, list.Purpose, StringComparison.Ordinal);
        // Each pupil finds the read under their own key and the view, never the others' count or digest.
        var seen = Assert.Single(AuditLog.ForPupil(store.Database, "P-042"));
        Assert.Equal((list.Seq, "P-042", "leerlingenlijst"), (seen.Seq, seen.Pupil, seen.Purpose));
        Assert.Empty(AuditLog.ForPupil(store.Database, "P-301"));
        Assert.True(AuditLog.Verify(store.Database).Intact);

        using (var connection = store.Database.ConnectMigrated())
            connection.Execute("DELETE FROM audit_read WHERE pupil = 'P-042'");
        var removed = AuditLog.Verify(store.Database);
        Assert.Equal(list.Seq, removed.BrokenAt);
        Assert.Contains("audit_read", removed.Problem, StringComparison.Ordinal);

        using (var connection = store.Database.ConnectMigrated())
            connection.Execute("INSERT INTO audit_read (pupil, seq) VALUES ('P-042', @seq), ('P-999', @seq)", new { seq = list.Seq });
        Assert.Equal(list.Seq, AuditLog.Verify(store.Database).BrokenAt);
    }
}
