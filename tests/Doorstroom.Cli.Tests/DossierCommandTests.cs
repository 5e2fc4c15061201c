using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Cli.Tests;

/// <summary>audit verify and retention end to end, on a SQLite file the test fills through the store.</summary>
public sealed class DossierCommandTests
{
    private static Database Seed(Doorstroom cli, int auditEntries)
    {
        var database = Database.Open(Path.Combine(cli.WorkDir, "d.db"));
        new EventStore(database).Append([
            new(new TransitionEvent("P-LEFT", new DateOnly(2024, 7, 31), EventKind.Uitgeschreven, "01AB00", Leerjaar: 4, Detail: "diploma")),
            new(new TransitionEvent("P-STAYS", new DateOnly(2026, 8, 1), EventKind.Bevorderd, "01AB00", Leerjaar: 4)),
        ]);
        foreach (var pupil in new[] { "P-LEFT", "P-STAYS" })
            DossierStore.AddEntry(
                database,
                new(0, pupil, DossierCategory.Begeleiding, DossierStore.Note, new DateOnly(2024, 6, 1), "decaan", "01AB00", "Begeleiding", false, true)
            );
        DossierStore.AddRequest(
            database,
            new("expired", "P-STAYS", "25AA", "plaatsing", [DossierCategory.Advies], new DateOnly(2024, 10, 1), new DateOnly(2025, 7, 31)),
            "intake"
        );
        DossierStore.AddRequest(
            database,
            new("open", "P-STAYS", "25AA", "plaatsing", [DossierCategory.Advies], new DateOnly(2026, 10, 1), new DateOnly(2028, 7, 31)),
            "intake"
        );
        for (var i = 1; i <= auditEntries; i++)
            AuditLog.Append(
                database,
                new AuditEntry(
                    new DateTimeOffset(2026, 11, 30, 9, i, 0, TimeSpan.Zero),
                    "intake",
                    "intake",
                    "25AA",
                    "P-STAYS",
                    "gelezen",
                    "advies",
                    "plaatsing",
                    "gedaan",
                    "P3"
                )
            );
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return database;
    }

    [Fact]
    public async Task Audit_verify_passes_on_an_intact_log()
    {
        using var cli = new Doorstroom();
        Seed(cli, 5);
        var r = await cli.Run("audit", "verify", "--db", "d.db");
        Expect.Done(r);
        Assert.Equal("audit log intact: 5 entries", r.StdoutLines[0]);
        Assert.StartsWith("head: 5:", r.StdoutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_fails_after_the_last_entry_was_cut_off_against_the_head_it_recorded_or_one_given()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli, 4);
        var first = await cli.Run("audit", "verify", "--db", "d.db");
        var head = first.StdoutLines[1].Split(' ')[1];
        using (var connection = database.ConnectMigrated())
            connection.Execute("DELETE FROM audit_log WHERE seq = 4");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // The first verify recorded the head beside the store (d.db.anchors): no --anchor is needed to catch the cut.
        var plain = await cli.Run("audit", "verify", "--db", "d.db");
        Assert.True(plain.ExitCode == 1, $"expected exit 1 (broken)\n{plain}");
        Assert.StartsWith("audit log BROKEN at entry 4: entry 4, recorded earlier, is gone", plain.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains("d.db.anchors line 1", plain.StdoutLines[0], StringComparison.Ordinal);
        File.Delete(Path.Combine(cli.WorkDir, "d.db.anchors"));
        Expect.Done(await cli.Run("audit", "verify", "--db", "d.db", "--anchor-file", "other.anchors"));
        var anchored = await cli.Run("audit", "verify", "--db", "d.db", "--anchor", head);
        Assert.True(anchored.ExitCode == 1, $"expected exit 1 (broken)\n{anchored}");
        Assert.StartsWith("audit log BROKEN at entry 4: entry 4, recorded earlier, is gone", anchored.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(2, (await cli.Run("audit", "verify", "--db", "d.db", "--anchor", "4:not-a-hash")).ExitCode);
    }

    [Fact]
    public async Task Audit_verify_fails_with_exit_1_naming_the_entry_after_a_row_was_altered_with_sql()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli, 5);
        using (var connection = database.ConnectMigrated())
            connection.Execute("UPDATE audit_log SET outcome = 'geweigerd' WHERE seq = 3");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // A process: exit 1 as the shell sees it.
        var r = await cli.RunProcess("audit", "verify", "--db", "d.db");
        Assert.True(r.ExitCode == 1, $"expected exit 1 (broken)\n{r}");
        var line = Assert.Single(r.StdoutLines);
        Assert.StartsWith("audit log BROKEN at entry 3: entry 3 was altered", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_removes_what_expired_and_says_so()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli, 2);
        var r = await cli.Run("retention", "--db", "d.db", "--today", "2026-11-30");
        Expect.Done(r);
        Assert.Contains("removed 1 expired requests and 1 dossier entries of pupils who left vo before 2024-11-30", r.Stdout, StringComparison.Ordinal);
        Assert.Empty(DossierStore.Entries(database, "P-LEFT"));
        Assert.Single(DossierStore.Entries(database, "P-STAYS"));
        Assert.Equal(["open"], DossierStore.RequestsFor(database, "P-STAYS").Select(q => q.Id));
        Assert.Equal(2, AuditLog.Verify(database).Entries);
    }

    [Fact]
    public async Task Retention_with_a_bad_date_or_negative_years_is_bad_input()
    {
        using var cli = new Doorstroom();
        Expect.BadInput(await cli.Run("retention", "--db", "d.db", "--today", "30-11-2026"), "--today", "YYYY-MM-DD");
        Expect.BadInput(await cli.Run("retention", "--db", "d.db", "--keep-years", "-1"), "--keep-years");
    }
}
