using Microsoft.Data.Sqlite;

namespace Doorstroom.Cli.Tests;

/// <summary>Issue 12 (finding 5 and the store's part of finding 10), end to end through the command.</summary>
public sealed class HardeningTests
{
    private const string Header = "pupil;date;type;institution;leerweg;leerjaar\n";

    [Fact]
    public async Task An_event_dated_outside_the_contract_is_refused_by_import_and_the_monitor_still_runs()
    {
        using var cli = new Doorstroom();
        var good = cli.Write("good.csv", Header + "P1;2024-08-01;Ingeschreven;01AB00;kb;3\n");
        var poison = cli.Write("poison.csv", Header + "P1;2025-08-01;Bevorderd;01AB00;kb;4\nP1;9998-09-01;Bevorderd;01AB00;kb;4\n");
        Expect.Done(await cli.Run("import", "events", good, "--db", "p.db"));

        var refused = await cli.Run("import", "events", poison, "--db", "p.db");
        var monitor = await cli.Run("monitor", "switch", "--db", "p.db");

        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith(
            "doorstroom: events poison.csv refused, nothing stored: poison.csv:3: date: a date from 1996-08-01 to 2100-07-31 (found 9998-09-01)",
            refused.StderrLines[^1],
            StringComparison.Ordinal
        );
        Expect.Done(monitor);
    }

    [Fact]
    public async Task A_beheerder_voids_an_event_from_the_command_line_and_the_export_keeps_it_for_a_lossless_reimport()
    {
        using var cli = new Doorstroom();
        var file = cli.Write("e.csv", Header + "P1;2024-08-01;Ingeschreven;01AB00;kb;3\nP1;2025-08-01;Gedoubleerd;01AB00;kb;3\n");
        Expect.Done(await cli.Run("import", "events", file, "--db", "v.db"));
        var listed = await cli.Run("events", "list", "--pupil", "P1", "--db", "v.db");
        var id = listed.StdoutLines.Single(l => l.Contains("Gedoubleerd", StringComparison.Ordinal))[..16];

        var noReason = await cli.Run("events", "void", "--pupil", "P1", "--id", id, "--reason", " ", "--db", "v.db");
        var voided = await cli.Run("events", "void", "--pupil", "P1", "--id", id, "--reason", "was bevorderd", "--by", "beheer", "--db", "v.db");
        var after = await cli.Run("events", "list", "--pupil", "P1", "--db", "v.db");
        Expect.Done(await cli.Run("export", "out.jsonl", "--db", "v.db"));
        Expect.Done(await cli.Run("import", "events", Path.Combine(cli.WorkDir, "out.jsonl"), "--db", "copy.db"));
        Expect.Done(await cli.Run("export", "copy.jsonl", "--db", "copy.db"));

        Expect.BadInput(noReason, "--reason");
        Expect.Done(voided);
        Assert.Contains("audit entry 1", voided.Stdout, StringComparison.Ordinal);
        Assert.Contains(after.StdoutLines, l => l.StartsWith(id, StringComparison.Ordinal) && l.EndsWith("(voided)", StringComparison.Ordinal));
        Assert.Contains(after.StdoutLines, l =>
            l.Contains("Vervallen", StringComparison.Ordinal) && l.Contains("voids " + id + ": was bevorderd", StringComparison.Ordinal)
        );
        Assert.Equal(File.ReadAllBytes(Path.Combine(cli.WorkDir, "out.jsonl")), File.ReadAllBytes(Path.Combine(cli.WorkDir, "copy.jsonl")));
    }

    /// <summary>One line on stderr starting "doorstroom: ", no stack trace, the given exit code, mentioning each fragment.</summary>
    private static void OneLine(Result r, int exit, params string[] mentions)
    {
        Assert.True(r.ExitCode == exit, $"expected exit {exit}\n{r}");
        var line = Assert.Single(r.StderrLines, l => l.StartsWith("doorstroom: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
        foreach (var m in mentions)
            Assert.Contains(m, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_store_gives_one_line_after_its_busy_timeout()
    {
        using var cli = new Doorstroom();
        var file = cli.Write("e.csv", Header + "P1;2024-08-01;Ingeschreven;01AB00;kb;3\n");
        Expect.Done(await cli.Run("stats", "--db", "locked.db"));
        using var holder = new SqliteConnection($"Data Source={Path.Combine(cli.WorkDir, "locked.db")};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        // A process: exit 3 as the shell sees it, the lock held by another process.
        var r = await cli.RunProcess("import", "events", file, "--db", "locked.db");

        OneLine(r, 3, "locked.db", "is locked by another process");
    }

    [Fact]
    public async Task A_dropped_table_gives_one_line_naming_the_store()
    {
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("stats", "--db", "dropped.db"));
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(cli.WorkDir, "dropped.db")};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE event";
            drop.ExecuteNonQuery();
        }

        OneLine(await cli.Run("export", "out.jsonl", "--db", "dropped.db"), 3, "dropped.db", "lacks a table", "event");
    }

    [Fact]
    public async Task A_folder_given_as_the_store_or_as_the_file_gives_one_line()
    {
        using var cli = new Doorstroom();
        Directory.CreateDirectory(Path.Combine(cli.WorkDir, "folder.db"));
        Directory.CreateDirectory(Path.Combine(cli.WorkDir, "folder.csv"));

        OneLine(await cli.Run("stats", "--db", "folder.db"), 3, "folder.db", "cannot be opened");
        OneLine(await cli.Run("import", "events", "folder.csv", "--db", "s.db"), 2, "folder.csv", "is a folder");
    }

    [Fact]
    public async Task An_unreadable_file_gives_one_line_naming_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows() || Environment.UserName == "root", "Unix file modes; root reads a file of mode 000 anyway");
        if (OperatingSystem.IsWindows())
            return;
        using var cli = new Doorstroom();
        var file = cli.Write("secret.csv", Header + "P1;2024-08-01;Ingeschreven;01AB00;kb;3\n");
        File.SetUnixFileMode(file, UnixFileMode.None);

        OneLine(await cli.RunProcess("import", "events", file, "--db", "s.db"), 2, "secret.csv");
    }

    [Fact]
    public async Task The_store_and_its_wal_are_readable_by_their_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        if (OperatingSystem.IsWindows())
            return;
        using var cli = new Doorstroom();
        var file = cli.Write("e.csv", Header + "P1;2024-08-01;Ingeschreven;01AB00;kb;3\n");
        using var holder = new SqliteConnection($"Data Source={Path.Combine(cli.WorkDir, "private.db")};Pooling=False");

        Expect.Done(await cli.Run("import", "events", file, "--db", "private.db"));
        // Keep a reader open so that the -wal and -shm files are there to look at.
        holder.Open();
        using (var read = holder.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM event";
            read.ExecuteScalar();
        }

        foreach (var name in new[] { "private.db", "private.db-wal", "private.db-shm" })
        {
            var path = Path.Combine(cli.WorkDir, name);
            Assert.True(File.Exists(path), name + " is missing");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
