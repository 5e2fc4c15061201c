using System.CommandLine;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary><c>connections import</c> and <c>connections export</c>: the register of vo–mbo connections as CSV (docs/connections.md).</summary>
internal static class ConnectionCommands
{
    internal static Command Create()
    {
        var cmd = new Command("connections", "The register of vo–mbo connections (issue 16): import and export its CSV (docs/connections.md).");
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Export());
        return cmd;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "The CSV file (UTF-8, ';', the columns of docs/connections.md)" };
        var by = new Option<string>("--by") { Description = "Who imports, for the audit log (default: the user name)" };
        var force = new Option<bool>("--force") { Description = "Import again even when the same bytes were imported before" };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "import",
            "Add or replace connections by id, all or nothing: one bad row refuses the whole file (file:line: column: what was expected) "
                + "and nothing is stored; a re-import changes nothing. Every changed connection is audited."
        )
        {
            file,
            by,
            force,
            db,
        };
        cmd.SetAction(
            (parse, _) =>
            {
                var database = StoreCommands.OpenStore(parse, db);
                var outcome = ConnectionImport.Run(
                    database,
                    parse.GetValue(file)!,
                    parse.GetValue(by) ?? Environment.UserName,
                    "beheerder",
                    null,
                    _ => null,
                    TimeProvider.System,
                    parse.GetValue(force)
                );
                switch (outcome)
                {
                    case Imported i:
                        Std.Out.WriteLine($"connections {i.File}: {i.Records:N0} connections read, {i.Changed:N0} changed");
                        break;
                    case AlreadyImported a:
                        Std.Out.WriteLine($"connections {a.File}: already imported on {a.On}; nothing changed (use --force to import again)");
                        break;
                    case Refused r:
                        throw new BadInputException(
                            $"connections {r.File} refused, nothing stored: {r.Problems[0]}"
                                + string.Concat(r.Problems.Skip(1).Take(19).Select(p => "\n  " + p))
                        );
                }
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }

    private static Command Export()
    {
        var file = new Argument<string?>("file") { Description = "Where to write the CSV (default: stdout)", Arity = ArgumentArity.ZeroOrOne };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "export",
            "Write the entered connections as CSV (what 'connections import' takes back); the derived bestuurlijke ones are left out, "
                + "since the data gives them."
        )
        {
            file,
            db,
        };
        cmd.SetAction(
            (parse, _) =>
            {
                var database = StoreCommands.OpenStore(parse, db);
                var connections = ConnectionRegister.Stored(database);
                var target = parse.GetValue(file);
                if (target is null or "-")
                {
                    ConnectionCsv.Write(Std.Out, connections);
                    return Task.FromResult(ExitCodes.Done);
                }

                using (var text = new StreamWriter(target, false, new System.Text.UTF8Encoding(false)))
                    ConnectionCsv.Write(text, connections);
                Std.Out.WriteLine($"{connections.Length:N0} connections written to {target}");
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }
}
