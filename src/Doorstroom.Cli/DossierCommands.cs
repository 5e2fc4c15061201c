using System.CommandLine;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary>The transfer dossier's housekeeping: verify the audit chain, and remove what retention says has expired.</summary>
internal static class DossierCommands
{
    /// <summary>Exit code of <c>audit verify</c> when the chain is broken.</summary>
    private const int Broken = 1;

    /// <summary>The folder of the anchor file for a PostgreSQL store, when <c>--anchor-file</c> is not given.</summary>
    internal const string AnchorFolderVariable = "DOORSTROOM_AUDIT_ANCHORS";

    internal static void AddTo(IList<Command> commands)
    {
        commands.Add(Audit());
        commands.Add(Retention());
    }

    private static Command Audit()
    {
        var db = StoreCommands.DbOption();
        var anchor = new Option<string?>("--anchor")
        {
            Description = "SEQ:HASH of a head printed by an earlier verify and kept outside the store: fails when " + "the log was rewritten up to it",
        };
        var anchorFile = new Option<string?>("--anchor-file")
        {
            Description =
                "The append-only file of heads recorded outside the store (default: beside the SQLite file, <db>.anchors; for PostgreSQL "
                + "in $"
                + AnchorFolderVariable
                + " or the current directory). Every head in it is checked, and the new head is added when the log is intact.",
        };
        var verify = new Command(
            "verify",
            "Walk the hash chain of the dossier audit log and check it against the recorded heads: exit 0 when it is intact "
                + "(the head is then recorded), "
                + "1 with the first broken entry when a row was altered, removed or inserted, or the log is shorter than a recorded head."
        )
        {
            db,
            anchor,
            anchorFile,
        };
        verify.SetAction(parse =>
        {
            var database = StoreCommands.OpenStore(parse, db);
            var file = parse.GetValue(anchorFile) is { Length: > 0 } given
                ? Path.GetFullPath(given)
                : AuditAnchors.DefaultPath(database, Environment.GetEnvironmentVariable(AnchorFolderVariable));
            var extra = Anchor(parse.GetValue(anchor)) is { } a ? new AuditAnchor(a.Item1, a.Item2, null, "--anchor") : null;
            var (check, recorded) = AuditAnchors.Check(database, file, TimeProvider.System.GetUtcNow(), extra);
            if (check.Intact)
            {
                Std.Out.WriteLine($"audit log intact: {check.Entries:N0} entries");
                if (check.HeadHash is { } head)
                    Std.Out.WriteLine($"head: {check.Entries}:{head}  ({(recorded ? "recorded in" : "already in")} {file}; keep a copy elsewhere too)");
                return ExitCodes.Done;
            }
            Std.Out.WriteLine(check.BrokenAt is { } at ? $"audit log BROKEN at entry {at}: {check.Problem}" : $"audit log anchors BROKEN: {check.Problem}");
            return Broken;
        });
        return new Command("audit", "The transfer dossier's audit log (who read, wrote, shared or refused what).") { verify };
    }

    private static Command Retention()
    {
        var db = StoreCommands.DbOption();
        var today = new Option<string?>("--today") { Description = "The date to apply retention on (YYYY-MM-DD); default today" };
        var keepYears = new Option<int>("--keep-years")
        {
            Description = "Keep a pupil's dossier entries this many years after the pupil left " + "vo",
            DefaultValueFactory = _ => 2,
        };
        var cmd = new Command(
            "retention",
            "Remove the dossier requests that have expired and the dossier entries of pupils who left vo more than " + "--keep-years ago; the audit log stays."
        )
        {
            db,
            today,
            keepYears,
        };
        cmd.SetAction(parse =>
        {
            var on = Date(parse.GetValue(today), "--today") ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
            var years = parse.GetValue(keepYears);
            if (years < 0)
                throw new BadInputException($"--keep-years: '{years}' is negative; expected 0 or more years");
            var (requests, entries) = DossierStore.RemoveExpired(StoreCommands.OpenStore(parse, db), on, years);
            Std.Out.WriteLine(
                $"retention on {on:yyyy-MM-dd}: removed {requests:N0} expired requests and {entries:N0} dossier entries of pupils who left vo "
                    + $"before {on.AddYears(-years):yyyy-MM-dd}; the audit log is kept"
            );
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static (long, string)? Anchor(string? text)
    {
        if (text is null)
            return null;
        var parts = text.Split(':', 2);
        if (
            parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            && seq > 0
            && parts[1].Length == 64
            && parts[1].All(char.IsAsciiHexDigit)
        )
            return (seq, parts[1]);
        throw new BadInputException(
            $"--anchor: '{text}' is not SEQ:HASH; expected an entry number and its 64-character hex hash, as 'audit verify' prints " + $"them"
        );
    }

    private static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : PlanJson.TryIso(text, out var d) ? d
        : throw new BadInputException($"{option}: '{text}' is not a date; expected YYYY-MM-DD (e.g. 2026-11-30)");
}
