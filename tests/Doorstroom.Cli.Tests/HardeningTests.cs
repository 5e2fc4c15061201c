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
}
