using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>The operator's changes to accounts and API clients, on both stores: checked first, audited, nothing stored on a refusal.</summary>
public sealed class AccountAdminTests
{
    private const string Good = "lang-genoeg-wachtwoord-7";

    private static TestStore Seeded(StoreKind kind)
    {
        var store = TestStore.Create(kind);
        using (var connection = store.Database.ConnectMigrated())
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur) VALUES ('01AB00', '01AB', 'Vo-school', 'VMBO');
                INSERT INTO mbo_instelling (brin4, naam) VALUES ('25AA', 'Mbo-college');
                """
            );
        new EventStore(store.Database).Append([new(new TransitionEvent("P-1", new DateOnly(2026, 8, 1), EventKind.Bevorderd, "01AB00", Leerjaar: 4))]);
        return store;
    }

    private static (long Accounts, long Clients, long Audit) Counts(Database database)
    {
        using var connection = database.ConnectMigrated();
        return (
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM api_client"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log")
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_account_is_added_with_a_hash_and_an_audit_entry_without_the_password(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.True(AccountAdmin.AddAccount(store.Database, "mentor1", "decaan", "01AB00", null, "Mentor", Good, "cli (test)").Done);
        var account = Accounts.Find(store.Database, "mentor1")!;
        Assert.Equal(("decaan", "01AB00", false, false), (account.Role, account.Institution, account.Demo, account.Disabled));
        Assert.True(Passwords.Verify(account.PasswordHash, Good));
        Assert.DoesNotContain(Good, account.PasswordHash, StringComparison.Ordinal);
        var entry = Assert.Single(All(store.Database));
        Assert.Equal(("cli (test)", "operator", "account toegevoegd", "account:mentor1"), (entry.Actor, entry.Role, entry.Action, entry.Category));
        Assert.True(AuditLog.Verify(store.Database).Intact);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_change_from_the_beheer_pages_names_the_beheerder_and_their_role_in_the_audit_log(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.True(AccountAdmin.AddAccount(store.Database, "mentor2", "decaan", "01AB00", null, null, Good, "beheer1", actorRole: "beheerder").Done);
        Assert.True(AccountAdmin.SetDisabled(store.Database, "mentor2", true, "beheer1", actorRole: "beheerder").Done);
        Assert.Equal(
            [("beheer1", "beheerder", "account toegevoegd"), ("beheer1", "beheerder", "account uitgeschakeld")],
            All(store.Database).Select(e => (e.Actor, e.Role, e.Action))
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_refusal_names_the_rule_it_broke_so_a_page_can_say_it_in_dutch(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.Equal(AccountFault.RoleUnknown, AccountAdmin.AddAccount(store.Database, "n1", "rector", null, null, null, Good, "t").Problem?.Fault);
        Assert.Equal(AccountFault.InstitutionUnknown, AccountAdmin.AddAccount(store.Database, "n1", "decaan", "99ZZ00", null, null, Good, "t").Problem?.Fault);
        Assert.Equal(AccountFault.InstitutionMissing, AccountAdmin.AddAccount(store.Database, "n1", "decaan", null, null, null, Good, "t").Problem?.Fault);
        Assert.Equal(AccountFault.PupilNotTaken, AccountAdmin.AddAccount(store.Database, "n1", "decaan", "01AB00", "P-1", null, Good, "t").Problem?.Fault);
        var weak = AccountAdmin.AddAccount(store.Database, "n1", "analist", null, null, null, "kort", "t").Problem;
        Assert.Equal((AccountFault.PasswordWeak, PasswordWeakness.TooShort), (weak?.Fault, weak?.Weakness));
        Assert.Equal(AccountFault.AccountUnknown, AccountAdmin.SetDisabled(store.Database, "niemand", true, "t").Problem?.Fault);
        Assert.Empty(All(store.Database));
    }

    private static List<AuditEntry> All(Database database)
    {
        using var connection = database.ConnectMigrated();
        return
        [
            .. connection
                .Query<(string Actor, string Role, string Action, string Category, string? Purpose)>(
                    "SELECT actor, role, action, category, " + "purpose FROM audit_log ORDER BY seq"
                )
                .Select(r => new AuditEntry(DateTimeOffset.UnixEpoch, r.Actor, r.Role, null, null, r.Action, r.Category, r.Purpose, "gedaan", null)),
        ];
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Every_bad_account_is_refused_naming_the_field_and_nothing_is_stored(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.True(AccountAdmin.AddAccount(store.Database, "bestaand", "analist", null, null, null, Good, "cli").Done);
        var before = Counts(store.Database);
        (string Name, string Role, string? Institution, string? Pupil, string Password, string Field)[] bad =
        [
            ("nieuw", "rector", null, null, Good, "role"),
            ("nieuw", "decaan", "99ZZ00", null, Good, "institution"),
            ("nieuw", "decaan", "25AA", null, Good, "institution"), // an mbo BRIN4 for a vo role
            ("nieuw", "intake", "01AB00", null, Good, "institution"), // a vo BRIN6 for an mbo role
            ("nieuw", "decaan", null, null, Good, "institution"), // a scoped role without an institution
            ("nieuw", "analist", "01AB00", null, Good, "institution"),
            ("nieuw", "decaan", "01AB00", "P-1", Good, "pupil"), // a pupil key for a non-pupil role
            ("nieuw", "leerling", null, "P-404", Good, "pupil"),
            ("nieuw", "ouder", null, null, Good, "pupil"),
            ("nieuw", "analist", null, null, "kort", "password"),
            ("nieuw", "analist", null, null, "nieuw-nieuw-nieuw-1", "password"), // contains the name
            ("nieuw", "analist", null, null, "Password1234", "password"), // a common password
            ("bestaand", "analist", null, null, Good, "name"),
            ("met spatie", "analist", null, null, Good, "name"),
        ];
        foreach (var b in bad)
        {
            var change = AccountAdmin.AddAccount(store.Database, b.Name, b.Role, b.Institution, b.Pupil, null, b.Password, "cli");
            Assert.True(change.Problem?.Field == b.Field, $"{b}: expected a problem with {b.Field}, got {change.Problem}");
        }
        Assert.Equal(before, Counts(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_zorgcoordinator_is_bound_to_a_vo_vestiging_or_an_mbo_institution_and_a_pupil_role_to_a_pupil(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.True(AccountAdmin.AddAccount(store.Database, "zorg-vo", "zorgcoordinator", "01AB00", null, null, Good, "cli").Done);
        Assert.True(AccountAdmin.AddAccount(store.Database, "zorg-mbo", "zorgcoordinator", "25AA", null, null, Good, "cli").Done);
        Assert.True(AccountAdmin.AddAccount(store.Database, "intake1", "intake", "25AA", null, null, Good, "cli").Done);
        Assert.True(AccountAdmin.AddAccount(store.Database, "sanne", "leerling", null, "P-1", null, Good, "cli").Done);
        Assert.Equal("P-1", Accounts.Find(store.Database, "sanne")!.PupilKey);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Disable_enable_and_reset_change_the_account_and_are_audited(StoreKind kind)
    {
        using var store = Seeded(kind);
        AccountAdmin.AddAccount(store.Database, "mentor1", "decaan", "01AB00", null, null, Good, "cli");
        Assert.True(AccountAdmin.SetDisabled(store.Database, "mentor1", true, "cli").Done);
        Assert.True(Accounts.Find(store.Database, "mentor1")!.Disabled);
        Assert.True(AccountAdmin.SetDisabled(store.Database, "mentor1", false, "cli").Done);
        Assert.False(Accounts.Find(store.Database, "mentor1")!.Disabled);
        Assert.True(AccountAdmin.ResetPassword(store.Database, "mentor1", "een-nieuw-wachtwoord-9", "cli").Done);
        Assert.True(Passwords.Verify(Accounts.Find(store.Database, "mentor1")!.PasswordHash, "een-nieuw-wachtwoord-9"));
        Assert.False(Passwords.Verify(Accounts.Find(store.Database, "mentor1")!.PasswordHash, Good));
        Assert.Equal(
            ["account toegevoegd", "account uitgeschakeld", "account ingeschakeld", "wachtwoord opnieuw ingesteld"],
            All(store.Database).Select(e => e.Action)
        );

        var before = Counts(store.Database);
        var hash = Accounts.Find(store.Database, "mentor1")!.PasswordHash;
        Assert.Equal("name", AccountAdmin.SetDisabled(store.Database, "niemand", true, "cli").Problem?.Field);
        Assert.Equal("name", AccountAdmin.ResetPassword(store.Database, "niemand", Good, "cli").Problem?.Field);
        Assert.Equal("password", AccountAdmin.ResetPassword(store.Database, "mentor1", "kort", "cli").Problem?.Field);
        Assert.Equal(before, Counts(store.Database));
        Assert.Equal(hash, Accounts.Find(store.Database, "mentor1")!.PasswordHash);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_client_secret_is_shown_once_stored_as_a_hash_and_rotation_replaces_it(StoreKind kind)
    {
        using var store = Seeded(kind);
        var added = AccountAdmin.AddClient(store.Database, "sis", "decaan", "01AB00", null, null, "cli");
        Assert.True(added.Done);
        Assert.Equal(43, added.Secret!.Length);
        var client = Accounts.FindClient(store.Database, "sis")!;
        Assert.True(Passwords.Verify(client.SecretHash, added.Secret));
        Assert.DoesNotContain(added.Secret, client.SecretHash, StringComparison.Ordinal);

        var rotated = AccountAdmin.RotateClient(store.Database, "sis", "cli");
        Assert.NotEqual(added.Secret, rotated.Secret);
        var after = Accounts.FindClient(store.Database, "sis")!;
        Assert.True(Passwords.Verify(after.SecretHash, rotated.Secret!));
        Assert.False(Passwords.Verify(after.SecretHash, added.Secret));

        Assert.True(AccountAdmin.RevokeClient(store.Database, "sis", "cli").Done);
        Assert.True(Accounts.FindClient(store.Database, "sis")!.Revoked);
        Assert.Equal("name", AccountAdmin.RotateClient(store.Database, "sis", "cli").Problem?.Field);
        Assert.Equal(["api-client toegevoegd", "api-client-geheim vervangen", "api-client ingetrokken"], All(store.Database).Select(e => e.Action));
        Assert.DoesNotContain(All(store.Database), e => e.Category!.Contains(rotated.Secret!, StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_bad_client_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        using var store = Seeded(kind);
        AccountAdmin.AddClient(store.Database, "sis", "analist", null, null, null, "cli");
        var before = Counts(store.Database);
        Assert.Equal("name", AccountAdmin.AddClient(store.Database, "sis", "analist", null, null, null, "cli").Problem?.Field);
        Assert.Equal("role", AccountAdmin.AddClient(store.Database, "x", "root", null, null, null, "cli").Problem?.Field);
        Assert.Equal("institution", AccountAdmin.AddClient(store.Database, "x", "intake", "99ZZ", null, null, "cli").Problem?.Field);
        Assert.Equal("pupil", AccountAdmin.AddClient(store.Database, "x", "analist", null, "P-1", null, "cli").Problem?.Field);
        Assert.Equal("name", AccountAdmin.RevokeClient(store.Database, "niemand", "cli").Problem?.Field);
        Assert.Equal("name", AccountAdmin.RotateClient(store.Database, "niemand", "cli").Problem?.Field);
        Assert.Equal(before, Counts(store.Database));
    }

    private static string Snapshot(Database database)
    {
        using var connection = database.ConnectMigrated();
        return string.Join(
            "\n",
            connection
                .Query<string>("SELECT username || '|' || password_hash || '|' || disabled || '|' || security_stamp FROM account " + "ORDER BY username")
                .Concat(connection.Query<string>("SELECT client_id || '|' || secret_hash || '|' || revoked FROM api_client ORDER BY client_id"))
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_operator_change_whose_audit_line_fails_is_not_stored_either(StoreKind kind)
    {
        using var store = Seeded(kind);
        Assert.True(AccountAdmin.AddAccount(store.Database, "mentor1", "decaan", "01AB00", null, null, Good, "cli").Done);
        Assert.True(AccountAdmin.AddClient(store.Database, "sis", "analist", null, null, null, "cli").Done);
        var before = Snapshot(store.Database);
        var counts = Counts(store.Database);
        AuditedWriteTests.BreakAuditAppends(store);

        Action[] changes =
        [
            () => AccountAdmin.AddAccount(store.Database, "mentor2", "analist", null, null, null, Good, "cli"),
            () => AccountAdmin.SetDisabled(store.Database, "mentor1", true, "cli"),
            () => AccountAdmin.ResetPassword(store.Database, "mentor1", "een-nieuw-wachtwoord-9", "cli"),
            () => AccountAdmin.EndSessions(store.Database, "mentor1", "cli"),
            () => AccountAdmin.AddClient(store.Database, "sis2", "analist", null, null, null, "cli"),
            () => AccountAdmin.RotateClient(store.Database, "sis", "cli"),
            () => AccountAdmin.RevokeClient(store.Database, "sis", "cli"),
        ];
        foreach (var change in changes)
        {
            Assert.ThrowsAny<System.Data.Common.DbException>(change);
            Assert.Equal(before, Snapshot(store.Database));
        }
        Assert.Equal(counts, Counts(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Disable_reset_and_end_sessions_change_the_security_stamp_and_enable_keeps_it(StoreKind kind)
    {
        using var store = Seeded(kind);
        AccountAdmin.AddAccount(store.Database, "mentor1", "decaan", "01AB00", null, null, Good, "cli");
        AccountAdmin.AddAccount(store.Database, "mentor2", "decaan", "01AB00", null, null, Good, "cli");
        string Stamp() => Accounts.Find(store.Database, "mentor1")!.SecurityStamp;
        var stamps = new List<string> { Stamp() };
        Assert.Equal(32, stamps[0].Length);
        Assert.NotEqual(stamps[0], Accounts.Find(store.Database, "mentor2")!.SecurityStamp);

        AccountAdmin.SetDisabled(store.Database, "mentor1", true, "cli");
        stamps.Add(Stamp());
        AccountAdmin.SetDisabled(store.Database, "mentor1", false, "cli");
        Assert.Equal(stamps[^1], Stamp());
        AccountAdmin.ResetPassword(store.Database, "mentor1", "een-nieuw-wachtwoord-9", "cli");
        stamps.Add(Stamp());
        Assert.True(AccountAdmin.EndSessions(store.Database, "mentor1", "cli").Done);
        stamps.Add(Stamp());
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal("sessies beëindigd", All(store.Database)[^1].Action);

        // A refused change keeps the stamp.
        AccountAdmin.ResetPassword(store.Database, "mentor1", "kort", "cli");
        Assert.Equal(stamps[^1], Stamp());
        Assert.Equal("name", AccountAdmin.EndSessions(store.Database, "niemand", "cli").Problem?.Field);
    }
}
