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
        Assert.StartsWith("doorstroom: events poison.csv refused, nothing stored: poison.csv:3: date: a date from 1990-01-01 … 2100-07-31 (found 9998-09-01)",
            refused.StderrLines[^1], StringComparison.Ordinal);
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
        Assert.Contains(after.StdoutLines, l => l.Contains("Vervallen", StringComparison.Ordinal) && l.Contains("voids " + id + ": was bevorderd", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(cli.WorkDir, "out.jsonl")), File.ReadAllBytes(Path.Combine(cli.WorkDir, "copy.jsonl")));
    }
}
