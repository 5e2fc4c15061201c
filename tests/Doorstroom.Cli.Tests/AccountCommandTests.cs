using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Cli.Tests;

/// <summary>accounts and clients end to end: the real command on a SQLite file with one vo vestiging, one mbo institution and one pupil.</summary>
public sealed class AccountCommandTests
{
    private const string Good = "lang-genoeg-wachtwoord-7";

    private static Database Seed(Doorstroom cli)
    {
        var database = Database.Open(Path.Combine(cli.WorkDir, "d.db"));
        using (var connection = database.ConnectMigrated())
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur) VALUES ('01AB00', '01AB', 'Vo-school', 'VMBO');
                INSERT INTO mbo_instelling (brin4, naam) VALUES ('25AA', 'Mbo-college');
                """
            );
        new EventStore(database).Append([new(new TransitionEvent("P-1", new DateOnly(2026, 8, 1), EventKind.Bevorderd, "01AB00", Leerjaar: 4))]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return database;
    }

    private static (long, long, long) Counts(Database database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var connection = database.ConnectMigrated();
        return (
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM api_client"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log")
        );
    }

    [Fact]
    public async Task Accounts_add_list_disable_enable_and_reset_password_work_and_are_audited()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli);
        Expect.Done(
            await cli.RunWithStdin(
                Good + "\n",
                "accounts",
                "add",
                "--name",
                "mentor1",
                "--role",
                "decaan",
                "--institution",
                "01ab00",
                "--password-stdin",
                "--db",
                "d.db"
            )
        );
        Expect.Done(
            await cli.RunWithStdin(
                Good + "\n",
                "accounts",
                "add",
                "--name",
                "sanne",
                "--role",
                "leerling",
                "--pupil",
                "P-1",
                "--password-stdin",
                "--db",
                "d.db"
            )
        );
        var list = await cli.Run("accounts", "list", "--db", "d.db");
        Expect.Done(list);
        Assert.Contains(list.StdoutLines, l =>
            l.StartsWith("mentor1", StringComparison.Ordinal)
            && l.Contains("01AB00", StringComparison.Ordinal)
            && l.Contains("enabled", StringComparison.Ordinal)
        );
        Assert.Contains(list.StdoutLines, l => l.StartsWith("sanne", StringComparison.Ordinal) && l.Contains("pupil P-1", StringComparison.Ordinal));
        Assert.DoesNotContain("AQAAAA", list.Stdout, StringComparison.Ordinal); // no Identity hash
        Assert.DoesNotContain(Good, list.Stdout, StringComparison.Ordinal);

        Expect.Done(await cli.Run("accounts", "disable", "mentor1", "--db", "d.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(Accounts.Find(database, "mentor1")!.Disabled);
        Assert.Contains(
            "disabled",
            (await cli.Run("accounts", "list", "--db", "d.db")).StdoutLines.Single(l => l.StartsWith("mentor1", StringComparison.Ordinal)),
            StringComparison.Ordinal
        );
        Expect.Done(await cli.Run("accounts", "enable", "mentor1", "--db", "d.db"));
        Expect.Done(await cli.RunWithStdin("een-nieuw-wachtwoord-9\n", "accounts", "reset-password", "mentor1", "--password-stdin", "--db", "d.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var stamp = Accounts.Find(database, "mentor1")!.SecurityStamp;
        Expect.Done(await cli.Run("accounts", "end-sessions", "mentor1", "--db", "d.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var mentor = Accounts.Find(database, "mentor1")!;
        Assert.NotEqual(stamp, mentor.SecurityStamp);
        Assert.False(mentor.Disabled);
        Assert.True(Passwords.Verify(mentor.PasswordHash, "een-nieuw-wachtwoord-9"));

        using var connection = database.ConnectMigrated();
        Assert.Equal(
            ["account toegevoegd", "account toegevoegd", "account uitgeschakeld", "account ingeschakeld", "wachtwoord opnieuw ingesteld", "sessies beëindigd"],
            connection.Query<string>("SELECT action FROM audit_log ORDER BY seq")
        );
        Assert.All(connection.Query<string>("SELECT actor FROM audit_log"), a => Assert.StartsWith("cli (", a, StringComparison.Ordinal));
        Expect.Done(await cli.Run("audit", "verify", "--db", "d.db"));
    }

    [Fact]
    public async Task Clients_add_prints_the_secret_once_and_rotate_replaces_it_and_revoke_ends_it()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli);
        var added = await cli.Run("clients", "add", "--name", "sis", "--role", "intake", "--institution", "25AA", "--db", "d.db");
        Expect.Done(added);
        var secret = added.StdoutLines.Single(l => l.StartsWith("secret: ", StringComparison.Ordinal))["secret: ".Length..];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(Passwords.Verify(Accounts.FindClient(database, "sis")!.SecretHash, secret));

        var list = await cli.Run("clients", "list", "--db", "d.db");
        Assert.Contains(list.StdoutLines, l => l.StartsWith("sis", StringComparison.Ordinal) && l.Contains("active", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, list.Stdout, StringComparison.Ordinal);

        var rotated = await cli.Run("clients", "rotate", "sis", "--db", "d.db");
        Expect.Done(rotated);
        var newSecret = rotated.StdoutLines.Single(l => l.StartsWith("secret: ", StringComparison.Ordinal))["secret: ".Length..];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var hash = Accounts.FindClient(database, "sis")!.SecretHash;
        Assert.True(Passwords.Verify(hash, newSecret));
        Assert.False(Passwords.Verify(hash, secret));

        Expect.Done(await cli.Run("clients", "revoke", "sis", "--db", "d.db"));
        Assert.Contains(
            "revoked",
            (await cli.Run("clients", "list", "--db", "d.db")).StdoutLines.Single(l => l.StartsWith("sis", StringComparison.Ordinal)),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Bad_account_input_exits_2_with_one_line_naming_the_option_and_stores_nothing()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli);
        Expect.Done(await cli.RunWithStdin(Good + "\n", "accounts", "add", "--name", "bestaand", "--role", "analist", "--password-stdin", "--db", "d.db"));
        var before = Counts(database);
        async Task Bad(string stdin, string mention, params string[] args) =>
            Expect.BadInput(await cli.RunWithStdin(stdin, [.. args, "--db", "d.db"]), mention, "nothing stored");

        await Bad(Good, "--role", "accounts", "add", "--name", "n", "--role", "rector", "--password-stdin");
        await Bad(Good, "--institution", "accounts", "add", "--name", "n", "--role", "decaan", "--institution", "99ZZ00", "--password-stdin");
        await Bad(Good, "--institution", "accounts", "add", "--name", "n", "--role", "intake", "--password-stdin");
        await Bad(Good, "--pupil", "accounts", "add", "--name", "n", "--role", "decaan", "--institution", "01AB00", "--pupil", "P-1", "--password-stdin");
        await Bad(Good, "--pupil", "accounts", "add", "--name", "n", "--role", "leerling", "--pupil", "P-404", "--password-stdin");
        await Bad("kort\n", "--password-stdin", "accounts", "add", "--name", "n", "--role", "analist", "--password-stdin");
        await Bad("wachtwoord123\n", "--password-stdin", "accounts", "add", "--name", "n", "--role", "analist", "--password-stdin");
        await Bad(Good, "--name", "accounts", "add", "--name", "bestaand", "--role", "analist", "--password-stdin");
        await Bad(Good, "name", "accounts", "disable", "niemand");
        await Bad(Good, "name", "accounts", "enable", "niemand");
        await Bad(Good, "name", "accounts", "end-sessions", "niemand");
        await Bad(Good, "name", "accounts", "reset-password", "niemand", "--password-stdin");
        await Bad("kort\n", "--password-stdin", "accounts", "reset-password", "bestaand", "--password-stdin");
        Expect.BadInput(await cli.RunWithStdin(Good, "accounts", "add", "--name", "n", "--role", "analist", "--db", "d.db"), "--password-stdin");
        Expect.BadInput(await cli.Run("accounts", "add", "--name", "n", "--role", "analist", "--demo", "--password-stdin", "--db", "d.db"), "--demo");
        Assert.Equal(before, Counts(database));
    }

    [Fact]
    public async Task Bad_client_input_exits_2_with_one_line_naming_the_option_and_stores_nothing()
    {
        using var cli = new Doorstroom();
        var database = Seed(cli);
        Expect.Done(await cli.Run("clients", "add", "--name", "sis", "--role", "analist", "--db", "d.db"));
        var before = Counts(database);
        Expect.BadInput(await cli.Run("clients", "add", "--name", "sis", "--role", "analist", "--db", "d.db"), "--name", "already exists");
        Expect.BadInput(await cli.Run("clients", "add", "--name", "x", "--role", "root", "--db", "d.db"), "--role");
        Expect.BadInput(await cli.Run("clients", "add", "--name", "x", "--role", "intake", "--institution", "01AB00", "--db", "d.db"), "--institution");
        Expect.BadInput(await cli.Run("clients", "add", "--name", "x", "--role", "analist", "--pupil", "P-1", "--db", "d.db"), "--pupil");
        Expect.BadInput(await cli.Run("clients", "revoke", "niemand", "--db", "d.db"), "name");
        Expect.BadInput(await cli.Run("clients", "rotate", "niemand", "--db", "d.db"), "name");
        Assert.Equal(before, Counts(database));
    }
}
