using System.CommandLine;
using Doorstroom.Catalogue;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary><c>events list</c> and <c>events void</c>: a pupil's stored events with their ids, and the beheerder's correction.</summary>
internal static class EventCommands
{
    internal static Command Create()
    {
        var cmd = new Command("events", "A pupil's stored events with their ids, and voiding a wrong one (a correction, audited).");
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Void());
        return cmd;
    }

    private static Command List()
    {
        var pupil = new Option<string>("--pupil") { Description = "The pupil key", Required = true };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "list",
            "Every stored event of one pupil, corrections and voided events included, each with its id (what 'events void --id' " + "takes)."
        )
        {
            pupil,
            db,
        };
        cmd.SetAction(
            (parse, _) =>
            {
                var database = StoreCommands.OpenStore(parse, db);
                var key = parse.GetValue(pupil)!;
                var (events, skipped) = new EventStore(database).Raw(key);
                if (events.IsEmpty && skipped.Count == 0)
                    throw new BadInputException($"--pupil: no pupil {key} with events in {database.Description}");
                var voided = events.Where(e => e.Event.Voids is not null).Select(e => e.Event.Voids!.Value).ToHashSet();
                foreach (var (_, e) in events)
                {
                    var digest = EventDigest.Of(e);
                    Std.Out.WriteLine(
                        string.Join(
                                "  ",
                                EventNames.Identity(digest),
                                PlanJson.Iso(e.Date),
                                EventNames.Kind(e.Kind),
                                e.Institution ?? "",
                                e.Voids is { } v ? "voids " + EventNames.Identity(v) + ": " + e.Detail : e.Detail ?? "",
                                voided.Contains(digest) ? "(voided)" : ""
                            )
                            .TrimEnd()
                    );
                }
                if (skipped.Note() is { } note)
                    Std.Error.WriteLine("doorstroom: warning: " + note);
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }

    private static Command Void()
    {
        var pupil = new Option<string>("--pupil") { Description = "The pupil key", Required = true };
        var id = new Option<string>("--id") { Description = "The event's id: 16 hex digits, as 'events list' and the API show it", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why the event is wrong (at most 64 characters; goes to the audit log)", Required = true };
        var by = new Option<string>("--by") { Description = "Who voids it, for the audit log (default: the user name)" };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "void",
            "Void a wrong event: append a correction (Vervallen) naming it, with the reason, audited in the same transaction. "
                + "The event stays in the store and in an export, but counts for nothing any more (timeline, applications, signals, monitor)."
        )
        {
            pupil,
            id,
            reason,
            by,
            db,
        };
        cmd.SetAction(
            (parse, _) =>
            {
                var database = StoreCommands.OpenStore(parse, db);
                var today = DateOnly.FromDateTime(DateTime.Now);
                var corrector = new Corrector(parse.GetValue(by) ?? Environment.UserName, "beheerder", null);
                switch (
                    EventCorrections.Void(
                        database,
                        parse.GetValue(pupil)!,
                        parse.GetValue(id)!,
                        parse.GetValue(reason),
                        today,
                        corrector,
                        DateTimeOffset.UtcNow
                    )
                )
                {
                    case Voided v:
                        Std.Out.WriteLine(
                            $"voided {EventNames.Identity(EventDigest.Of(v.Target))} ({EventNames.Kind(v.Target.Kind)} on "
                                + $"{PlanJson.Iso(v.Target.Date)}); audit entry {v.Audit.Seq}"
                        );
                        return Task.FromResult(ExitCodes.Done);
                    case VoidRefused r:
                        throw new BadInputException($"events void: --{r.Field}: {r.Expected}; nothing was stored");
                    default:
                        throw new InvalidOperationException("unknown void outcome");
                }
            }
        );
        return cmd;
    }
}
