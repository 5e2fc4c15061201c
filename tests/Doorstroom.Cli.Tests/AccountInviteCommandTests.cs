using Dapper;
using Doorstroom.Storage;

namespace Doorstroom.Cli.Tests;

/// <summary><c>accounts invite</c> end to end: the code printed once, only its hash stored; bad input exits 2 and stores nothing.</summary>
public sealed class AccountInviteCommandTests
{
    private const string Good = "lang-genoeg-wachtwoord-7";

    private static (long Invitations, long Audit) Counts(Database database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var connection = database.ConnectMigrated();
        return (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_invitation"), connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log"));
    }

    [Fact]
    public async Task Accounts_invite_prints_the_code_once_and_stores_only_its_hash()
    {
        using var cli = new Doorstroom();
        Expect.Done(await cli.RunWithStdin(Good + "\n", "accounts", "add", "--name", "mentor1", "--role", "analist", "--password-stdin", "--db", "d.db"));
        var invited = await cli.Run("accounts", "invite", "mentor1", "--provider", "entree", "--days", "3", "--db", "d.db");
        Expect.Done(invited);
        var code = invited.StdoutLines.Single(l => l.StartsWith("code: ", StringComparison.Ordinal))["code: ".Length..];
        Assert.Contains(invited.StdoutLines, l => l.EndsWith("/account/koppelen/" + code, StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = Database.Open(Path.Combine(cli.WorkDir, "d.db"));
        var invitation = AccountLinks.FindInvitation(database, code)!;
        Assert.Equal(("mentor1", "entree"), (invitation.Account, invitation.Provider));
        Assert.InRange(invitation.Expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(3));
        using var connection = database.ConnectMigrated();
        Assert.Equal(AccountLinks.Hash(code), connection.ExecuteScalar<string>("SELECT code_hash FROM account_invitation"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_invitation WHERE code_hash = @code", new { code }));
        Assert.Equal("uitnodiging gemaakt", connection.ExecuteScalar<string>("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"));
    }

    [Fact]
    public async Task Bad_invite_input_exits_2_with_one_line_naming_the_option_and_stores_nothing()
    {
        using var cli = new Doorstroom();
        Expect.Done(await cli.RunWithStdin(Good + "\n", "accounts", "add", "--name", "mentor1", "--role", "analist", "--password-stdin", "--db", "d.db"));
        Expect.Done(await cli.RunWithStdin(Good + "\n", "accounts", "add", "--name", "weg", "--role", "analist", "--password-stdin", "--db", "d.db"));
        Expect.Done(await cli.Run("accounts", "disable", "weg", "--db", "d.db"));
        var database = Database.Open(Path.Combine(cli.WorkDir, "d.db"));
        var before = Counts(database);
        Expect.BadInput(await cli.Run("accounts", "invite", "niemand", "--db", "d.db"), "name", "there is no account 'niemand'", "nothing stored");
        Expect.BadInput(await cli.Run("accounts", "invite", "weg", "--db", "d.db"), "name", "disabled", "nothing stored");
        Expect.BadInput(await cli.Run("accounts", "invite", "mentor1", "--provider", "Entree Federatie", "--db", "d.db"), "--provider", "nothing stored");
        Expect.BadInput(await cli.Run("accounts", "invite", "mentor1", "--days", "0", "--db", "d.db"), "--days", "nothing stored");
        Expect.BadInput(await cli.Run("accounts", "invite", "mentor1", "--days", "31", "--db", "d.db"), "--days", "nothing stored");
        Expect.BadInput(await cli.Run("accounts", "invite", "mentor1", "--days", "een week", "--db", "d.db"), "--days");
        Assert.Equal(before, Counts(database));
    }

    [Fact]
    public async Task Link_values_are_set_once_per_value_and_bad_input_stores_nothing()
    {
        using var cli = new Doorstroom();
        Expect.Done(await cli.RunWithStdin(Good + "\n", "accounts", "add", "--name", "mentor1", "--role", "analist", "--password-stdin", "--db", "d.db"));
        Expect.Done(await cli.RunWithStdin(Good + "\n", "accounts", "add", "--name", "mentor2", "--role", "analist", "--password-stdin", "--db", "d.db"));
        Expect.Done(await cli.Run("accounts", "link-value", "mentor1", "--provider", "entree", "--value", "M.Een@School.example", "--db", "d.db"));
        var database = Database.Open(Path.Combine(cli.WorkDir, "d.db"));
        var before = Counts(database);
        Expect.BadInput(
            await cli.Run("accounts", "link-value", "mentor2", "--provider", "entree", "--value", "m.een@school.example", "--db", "d.db"),
            "--value",
            "another account",
            "nothing stored"
        );
        Expect.BadInput(
            await cli.Run("accounts", "link-value", "niemand", "--provider", "entree", "--value", "x@school.example", "--db", "d.db"),
            "name",
            "nothing stored"
        );
        Expect.BadInput(
            await cli.Run("accounts", "link-value", "mentor2", "--provider", "Entree!", "--value", "x@school.example", "--db", "d.db"),
            "--provider",
            "nothing stored"
        );
        Expect.BadInput(
            await cli.Run("accounts", "link-value", "mentor2", "--provider", "entree", "--value", "  ", "--db", "d.db"),
            "--value",
            "nothing stored"
        );
        Expect.BadInput(await cli.Run("accounts", "unlink", "mentor1", "--provider", "entree", "--db", "d.db"), "--provider", "no link", "nothing stored");
        Assert.Equal(before, Counts(database));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal("mentor1", AccountLinks.LinkByValue(database, "entree", "m.een@school.example", "https://login.example", "sub-1").Account);
    }
}
