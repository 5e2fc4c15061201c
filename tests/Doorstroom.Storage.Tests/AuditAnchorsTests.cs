using Dapper;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// The audit log's heads kept in an append-only file outside the store (issue 12, finding 9): a log cut short fails without
/// the operator passing an anchor, a log that grew passes and gets a new head, and an edited anchor line is reported.
/// </summary>
public sealed class AuditAnchorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(int i) => new(Now.AddMinutes(i), "intake", "intake", "25AA", "P-1", "gelezen", "advies", "plaatsing", "gedaan", "P3");

    private static void Append(TestStore store, int from, int to)
    {
        for (var i = from; i <= to; i++)
            AuditLog.Append(store.Database, Entry(i));
    }

    private static string AnchorFile() => Path.Combine(Directory.CreateTempSubdirectory("doorstroom-anchors-").FullName, "audit.anchors");

    [Theory, ClassData(typeof(BothStores))]
    public void Deleting_the_newest_entries_fails_verify_against_the_anchor_file(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var file = AnchorFile();
        Append(store, 1, 5);
        var (first, recorded) = AuditAnchors.Check(store.Database, file, Now);
        Assert.True(first.Intact, first.Problem);
        Assert.True(recorded);

        using (var connection = store.Database.ConnectMigrated())
            connection.Execute("DELETE FROM audit_log WHERE seq >= 4");
        // The chain alone still verifies; the anchor file does not.
        Assert.True(AuditLog.Verify(store.Database).Intact);
        var (check, again) = AuditAnchors.Check(store.Database, file, Now);
        Assert.False(check.Intact);
        Assert.False(again);
        Assert.Equal(5, check.BrokenAt);
        Assert.Contains("entry 5, recorded earlier, is gone: the log ends at entry 3", check.Problem, StringComparison.Ordinal);
        Assert.Contains("line 1", check.Problem, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(file));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_log_that_grew_passes_and_its_new_head_is_recorded_once(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var file = AnchorFile();
        Assert.False(AuditAnchors.Check(store.Database, file, Now).Recorded); // nothing to anchor yet
        Append(store, 1, 3);
        Assert.True(AuditAnchors.Check(store.Database, file, Now).Recorded);
        Append(store, 4, 6);
        var (check, recorded) = AuditAnchors.Check(store.Database, file, Now.AddDays(1));
        Assert.True(check.Intact, check.Problem);
        Assert.True(recorded);
        Assert.False(AuditAnchors.Check(store.Database, file, Now.AddDays(1)).Recorded);
        var (anchors, problems) = AuditAnchors.Read(file);
        Assert.Empty(problems);
        Assert.Equal([3L, 6L], anchors.Select(a => a.Seq));
        Assert.Equal(check.HeadHash, anchors[^1].Hash);
        Assert.Equal(Now.AddDays(1), anchors[^1].At);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_edited_or_garbled_anchor_line_is_reported_with_its_line(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var file = AnchorFile();
        Append(store, 1, 2);
        AuditAnchors.Check(store.Database, file, Now);
        Append(store, 3, 4);
        AuditAnchors.Check(store.Database, file, Now);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [lines[0], lines[1][..^64] + new string('a', 64)]);
        var edited = AuditAnchors.Check(store.Database, file, Now).Check;
        Assert.False(edited.Intact);
        Assert.Equal(4, edited.BrokenAt);
        Assert.Contains("line 2", edited.Problem, StringComparison.Ordinal);

        File.WriteAllLines(file, [lines[0], "2026-11-30T09:00:00Z vier " + new string('b', 64), lines[1]]);
        var garbled = AuditAnchors.Check(store.Database, file, Now).Check;
        Assert.False(garbled.Intact);
        Assert.Contains("line 2: not 'TIME SEQ HASH'", garbled.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_file_is_beside_the_SQLite_store()
    {
        var database = Database.Open(Path.Combine(Path.GetTempPath(), "x", "doorstroom.db"));
        Assert.Equal(Path.Combine(Path.GetTempPath(), "x", "doorstroom.db.anchors"), AuditAnchors.DefaultPath(database));
        Assert.Equal(Path.Combine("/srv/anchors", "doorstroom.db.anchors"), AuditAnchors.DefaultPath(database, "/srv/anchors"));
        var pg = Database.Open("Host=db.example;Port=5432;Database=doorstroom;Username=x");
        Assert.Equal(Path.Combine("/srv/anchors", "audit-PostgreSQL_db.example_5432_doorstroom.anchors"), AuditAnchors.DefaultPath(pg, "/srv/anchors"));
    }
}
