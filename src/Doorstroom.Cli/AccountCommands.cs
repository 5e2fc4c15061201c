using System.CommandLine;
using System.Globalization;
using System.Text;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary>
/// The operator's first step: accounts (people who sign in to the web) and API clients (programs that get tokens), made,
/// listed, disabled and reset from the command line. Every change is checked first (a refusal stores nothing, exit 2 with
/// one line naming the option) and recorded in the audit log; passwords come from stdin, never from the command line.
/// </summary>
internal static class AccountCommands
{
    // The list columns (composite formats keep the alignment out of the code formatter's way).
    private static readonly CompositeFormat AccountRow = CompositeFormat.Parse("{0,-24} {1,-16} {2,-20} {3,-9} {4}");
    private static readonly CompositeFormat ClientRow = CompositeFormat.Parse("{0,-24} {1,-16} {2,-20} {3,-8} {4}");

    private static readonly string RoleList = string.Join(", ", AccountRoles.All);

    internal static void AddTo(IList<Command> commands)
    {
        commands.Add(AccountsCommand());
        commands.Add(ClientsCommand());
    }

    /// <summary>Who the audit log says made the change: the command line and the operating-system user running it.</summary>
    private static string Actor => $"cli ({Environment.UserName})";

    private static Command AccountsCommand()
    {
        var cmd = new Command("accounts", $"Accounts of people who sign in to the web application. Password rule: {Passwords.Rule}.");
        var name = NameOption("The account's user name");
        var role = RoleOption();
        var institution = InstitutionOption();
        var pupil = PupilOption();
        var display = DisplayOption();
        var stdin = PasswordStdinOption();
        var db = StoreCommands.DbOption();
        var add = new Command("add", $"Add an account; the password is read from stdin (one line) and must have {Passwords.Rule}.")
        {
            name,
            role,
            institution,
            pupil,
            display,
            stdin,
            db,
        };
        add.SetAction(parse =>
        {
            var password = ReadPassword(parse, stdin);
            var database = StoreCommands.OpenStore(parse, db);
            var username = parse.GetValue(name)!;
            Check(
                AccountAdmin.AddAccount(
                    database,
                    username,
                    parse.GetValue(role)!,
                    Code(parse.GetValue(institution)),
                    parse.GetValue(pupil),
                    parse.GetValue(display),
                    password,
                    Actor
                )
            );
            Std.Out.WriteLine($"account '{username}' added");
            return ExitCodes.Done;
        });
        cmd.Subcommands.Add(add);

        var listDb = StoreCommands.DbOption();
        var list = new Command("list", "Every account: name, role, what it is bound to, enabled or disabled (never a password hash).") { listDb };
        list.SetAction(parse =>
        {
            var accounts = Accounts.All(StoreCommands.OpenStore(parse, listDb));
            Std.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, AccountRow, "name", "role", "bound to", "state", "display name"));
            foreach (var a in accounts)
                Std.Out.WriteLine(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        AccountRow,
                        a.Username,
                        a.Role,
                        Bound(a.Institution, a.PupilKey),
                        a.Disabled ? "disabled" : "enabled",
                        a.DisplayName + (a.Demo ? "  (demo)" : "")
                    )
                );
            Std.Out.WriteLine($"{accounts.Length} account(s)");
            return ExitCodes.Done;
        });
        cmd.Subcommands.Add(list);

        cmd.Subcommands.Add(
            Named(
                "disable",
                "Disable an account: it can no longer sign " + "in.",
                "account",
                (database, n) => AccountAdmin.SetDisabled(database, n, true, Actor),
                "disabled"
            )
        );
        cmd.Subcommands.Add(
            Named("enable", "Enable a disabled account again.", "account", (database, n) => AccountAdmin.SetDisabled(database, n, false, Actor), "enabled")
        );
        cmd.Subcommands.Add(
            Named(
                "end-sessions",
                "End every open session of an account within a minute (e.g. a lost device); it can sign in again.",
                "account",
                (database, n) => AccountAdmin.EndSessions(database, n, Actor),
                "signed out everywhere"
            )
        );

        var resetName = new Argument<string>("name") { Description = "The account's user name" };
        var resetStdin = PasswordStdinOption();
        var resetDb = StoreCommands.DbOption();
        var reset = new Command("reset-password", $"Give an account a new password, read from stdin (one line); " + $"{Passwords.Rule}.")
        {
            resetName,
            resetStdin,
            resetDb,
        };
        reset.SetAction(parse =>
        {
            var password = ReadPassword(parse, resetStdin);
            var username = parse.GetValue(resetName)!;
            Check(AccountAdmin.ResetPassword(StoreCommands.OpenStore(parse, resetDb), username, password, Actor), "name");
            Std.Out.WriteLine($"account '{username}': password reset");
            return ExitCodes.Done;
        });
        cmd.Subcommands.Add(reset);
        cmd.Subcommands.Add(InviteCommand());
        cmd.Subcommands.Add(LinkValueCommand());
        cmd.Subcommands.Add(UnlinkCommand());
        return cmd;
    }

    /// <summary>The value a provider's LinkClaim must have to link a school account to this account at its first sign-in.</summary>
    private static Command LinkValueCommand()
    {
        var name = new Argument<string>("name") { Description = "The account's user name" };
        var provider = new Option<string>("--provider")
        {
            Description = $"The school provider's id in Doorstroom:Oidc:Providers " + $"({AccountLinks.ProviderRule})",
            Required = true,
        };
        var value = new Option<string>("--value")
        {
            Description = "The claim's value for this person (e.g. their eduPersonPrincipalName); compared ignoring " + "case",
            Required = true,
        };
        var db = StoreCommands.DbOption();
        var cmd = new Command("link-value", "Set the value the provider's LinkClaim must have to link a school account to this account (school sign-in).")
        {
            name,
            provider,
            value,
            db,
        };
        cmd.SetAction(parse =>
        {
            var username = parse.GetValue(name)!;
            Check(AccountLinks.SetLinkValue(StoreCommands.OpenStore(parse, db), username, parse.GetValue(provider)!, parse.GetValue(value)!, Actor), "name");
            Std.Out.WriteLine($"account '{username}': link value set for provider '{parse.GetValue(provider)}'");
            return ExitCodes.Done;
        });
        return cmd;
    }

    /// <summary>Forgets an account's school accounts at one provider: they sign in only after a new link.</summary>
    private static Command UnlinkCommand()
    {
        var name = new Argument<string>("name") { Description = "The account's user name" };
        var provider = new Option<string>("--provider") { Description = "The school provider's id in Doorstroom:Oidc:Providers", Required = true };
        var db = StoreCommands.DbOption();
        var cmd = new Command("unlink", "Remove the links of an account's school accounts at one provider.") { name, provider, db };
        cmd.SetAction(parse =>
        {
            var username = parse.GetValue(name)!;
            Check(AccountLinks.Unlink(StoreCommands.OpenStore(parse, db), username, parse.GetValue(provider)!, Actor), "name");
            Std.Out.WriteLine($"account '{username}': unlinked from provider '{parse.GetValue(provider)}'");
            return ExitCodes.Done;
        });
        return cmd;
    }

    /// <summary>
    /// An invitation to link a school account (OpenID Connect, decision 0021) to an existing account: the code and the link
    /// are printed once (only the code's hash is stored); it works once, until it expires.
    /// </summary>
    private static Command InviteCommand()
    {
        var name = new Argument<string>("name") { Description = "The account's user name" };
        var provider = new Option<string?>("--provider")
        {
            Description = $"Only at this school provider (its id in Doorstroom:Oidc:Providers; {AccountLinks.ProviderRule}); default: any configured provider",
        };
        var days = new Option<int>("--days")
        {
            Description = $"How many days the invitation lasts: 1 to " + $"{AccountLinks.MaxDays}",
            DefaultValueFactory = _ => AccountLinks.DefaultDays,
        };
        var db = StoreCommands.DbOption();
        var cmd = new Command("invite", "Invite an account's holder to link the account of their school (school sign-in); prints the code once.")
        {
            name,
            provider,
            days,
            db,
        };
        cmd.SetAction(parse =>
        {
            var username = parse.GetValue(name)!;
            var database = StoreCommands.OpenStore(parse, db);
            var change = Check(AccountLinks.Invite(database, username, parse.GetValue(provider), parse.GetValue(days), Actor), "name");
            var invitation = AccountLinks.FindInvitation(database, change.Secret!)!;
            Std.Out.WriteLine($"account '{username}': invitation made, valid until {invitation.Expires:yyyy-MM-dd HH:mm} UTC, usable once; shown only now:");
            Std.Out.WriteLine($"code: {change.Secret}");
            Std.Out.WriteLine($"link: <the site's address>/account/koppelen/{change.Secret}");
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static Command ClientsCommand()
    {
        var cmd = new Command("clients", "API clients: programs that get a token with OAuth2 client credentials at /connect/token.");
        var name = NameOption("The client id");
        var role = RoleOption();
        var institution = InstitutionOption();
        var pupil = PupilOption();
        var display = DisplayOption();
        var db = StoreCommands.DbOption();
        var add = new Command("add", "Add an API client; its secret is printed once (only its hash is " + "stored).")
        {
            name,
            role,
            institution,
            pupil,
            display,
            db,
        };
        add.SetAction(parse =>
        {
            var id = parse.GetValue(name)!;
            var change = Check(
                AccountAdmin.AddClient(
                    StoreCommands.OpenStore(parse, db),
                    id,
                    parse.GetValue(role)!,
                    Code(parse.GetValue(institution)),
                    parse.GetValue(pupil),
                    parse.GetValue(display),
                    Actor
                )
            );
            Std.Out.WriteLine($"client '{id}' added; its secret, shown only now:");
            Std.Out.WriteLine($"secret: {change.Secret}");
            return ExitCodes.Done;
        });
        cmd.Subcommands.Add(add);

        var listDb = StoreCommands.DbOption();
        var list = new Command("list", "Every API client: id, role, what it is bound to, active or revoked (never a secret or its hash).") { listDb };
        list.SetAction(parse =>
        {
            var clients = Accounts.AllClients(StoreCommands.OpenStore(parse, listDb));
            Std.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, ClientRow, "client id", "role", "bound to", "state", "display name"));
            foreach (var c in clients)
                Std.Out.WriteLine(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        ClientRow,
                        c.ClientId,
                        c.Role,
                        Bound(c.Institution, c.PupilKey),
                        c.Revoked ? "revoked" : "active",
                        c.DisplayName + (c.Demo ? "  (demo)" : "")
                    )
                );
            Std.Out.WriteLine($"{clients.Length} client(s)");
            return ExitCodes.Done;
        });
        cmd.Subcommands.Add(list);

        cmd.Subcommands.Add(
            Named(
                "revoke",
                "Revoke an API client: no token is issued for it " + "again.",
                "client id",
                (database, n) => AccountAdmin.RevokeClient(database, n, Actor),
                "revoked"
            )
        );

        var rotateName = new Argument<string>("name") { Description = "The client id" };
        var rotateDb = StoreCommands.DbOption();
        var rotate = new Command("rotate", "Give an API client a new secret, printed once; the old secret stops working at once.") { rotateName, rotateDb };
        rotate.SetAction(parse =>
        {
            var id = parse.GetValue(rotateName)!;
            var change = Check(AccountAdmin.RotateClient(StoreCommands.OpenStore(parse, rotateDb), id, Actor), "name");
            Std.Out.WriteLine($"client '{id}': new secret, shown only now (the old one no longer works):");
            Std.Out.WriteLine($"secret: {change.Secret}");
            return ExitCodes.Done;
        });
        cmd.Subcommands.Add(rotate);
        return cmd;
    }

    /// <summary>A subcommand that takes one name and makes one change.</summary>
    private static Command Named(string verb, string description, string what, Func<Database, string, AccountChange> change, string done)
    {
        var name = new Argument<string>("name") { Description = $"The {what}" };
        var db = StoreCommands.DbOption();
        var cmd = new Command(verb, description) { name, db };
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(name)!;
            Check(change(StoreCommands.OpenStore(parse, db), n), "name");
            Std.Out.WriteLine($"'{n}' {done}");
            return ExitCodes.Done;
        });
        return cmd;
    }

    /// <summary>The change, or bad input naming the option (<paramref name="name"/>: how this command takes the name).</summary>
    private static AccountChange Check(AccountChange change, string name = "--name") =>
        change.Problem is { } p ? throw new BadInputException($"{Option(p.Field, name)}: {p.Message}; nothing stored") : change;

    private static string Option(string field, string name) =>
        field switch
        {
            "password" => "--password-stdin",
            "name" => name,
            _ => "--" + field,
        };

    private static string Bound(string? institution, string? pupil) => institution ?? (pupil is null ? "-" : "pupil " + pupil);

    // BRIN codes are upper case in the store (01AB00, 25AA); an operator may type them in lower case.
    private static string? Code(string? institution) => institution?.Trim().ToUpperInvariant();

    private static string ReadPassword(ParseResult parse, Option<bool> stdin)
    {
        if (!parse.GetValue(stdin))
            throw new BadInputException("--password-stdin: give the password on standard input with --password-stdin (never as an " + "argument)");
        var line = Std.In.ReadLine();
        if (string.IsNullOrEmpty(line))
            throw new BadInputException("--password-stdin: standard input has no password (one line expected); nothing stored");
        return line;
    }

    private static Option<string> NameOption(string description) => new("--name") { Description = $"{description}: {AccountAdmin.NameRule}", Required = true };

    private static Option<string> RoleOption() => new("--role") { Description = $"One of {RoleList}", Required = true };

    private static Option<string?> InstitutionOption() =>
        new("--institution")
        {
            Description = "decaan: the BRIN6 of a vo vestiging; intake: the BRIN4 of an mbo institution; zorgcoordinator: either; checked against the store",
        };

    private static Option<string?> PupilOption() => new("--pupil") { Description = "leerling and ouder only: the pupil's key, checked against the store" };

    private static Option<string?> DisplayOption() => new("--display-name") { Description = "The name shown on screen (default: the name)" };

    private static Option<bool> PasswordStdinOption() =>
        new("--password-stdin") { Description = $"Read the password from standard input (one line); " + $"{Passwords.Rule}" };
}
