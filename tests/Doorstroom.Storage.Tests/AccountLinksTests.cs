using Dapper;

namespace Doorstroom.Storage.Tests;

/// <summary>School sign-in's links and invitations on both stores: single use, expiring, only the hash stored, audited.</summary>
public sealed class AccountLinksTests
{
    private const string Issuer = "https://login.school.example";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static TestStore WithAccounts(StoreKind kind)
    {
        var store = TestStore.Create(kind);
        Accounts.Save(store.Database, new UserAccount("mentor", Passwords.Hash("lang-genoeg-wachtwoord-7"), "analist", null, null, "Mentor", Demo: false));
        Accounts.Save(store.Database, new UserAccount("collega", Passwords.Hash("lang-genoeg-wachtwoord-8"), "analist", null, null, "Collega", Demo: false));
        Accounts.Save(
            store.Database,
            new UserAccount("uit", Passwords.Hash("lang-genoeg-wachtwoord-9"), "analist", null, null, "Uit", Demo: false, Disabled: true)
        );
        Accounts.Save(store.Database, new UserAccount("demo", Passwords.Hash("lang-genoeg-wachtwoord-0"), "analist", null, null, "Demo", Demo: true));
        return store;
    }

    private static string Invite(Database database, string account = "mentor", string? provider = null, int days = 7, DateTimeOffset? at = null)
    {
        var change = AccountLinks.Invite(database, account, provider, days, "cli (test)", new TestClock(at ?? Now));
        Assert.True(change.Done, change.Problem?.Message);
        return change.Secret!;
    }

    private static (long Invitations, long Links, long Values, long Audit) Counts(Database database)
    {
        using var connection = database.ConnectMigrated();
        return (
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_invitation"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_link"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_link_value"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log")
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_invitation_stores_only_the_hash_of_its_code_and_is_audited_without_it(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        var code = Invite(store.Database, provider: "entree");
        Assert.True(code.Length >= 43, "256 random bits");
        using (var connection = store.Database.ConnectMigrated())
        {
            var row = connection.QuerySingle<(string Hash, string Account, string Provider)>("SELECT code_hash, account, provider FROM account_invitation");
            Assert.Equal((AccountLinks.Hash(code), "mentor", "entree"), row);
            Assert.NotEqual(code, row.Hash);
            var audit = connection.QuerySingle<(string Actor, string Action, string Category, string Purpose)>(
                "SELECT actor, action, category, purpose FROM " + "audit_log"
            );
            Assert.Equal(("cli (test)", "uitnodiging gemaakt", "account:mentor"), (audit.Actor, audit.Action, audit.Category));
            Assert.DoesNotContain(code, audit.Purpose, StringComparison.Ordinal);
        }
        var invitation = AccountLinks.FindInvitation(store.Database, code)!;
        Assert.Equal(
            ("mentor", "entree", Now.AddDays(7), InvitationState.Open),
            (invitation.Account, invitation.Provider, invitation.Expires, invitation.StateAt(Now))
        );
        Assert.Null(AccountLinks.FindInvitation(store.Database, code + "x"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_invitation_links_one_provider_account_once_and_the_link_is_remembered(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        var code = Invite(store.Database);
        var outcome = AccountLinks.Redeem(store.Database, code, "entree", Issuer, "sub-1", new TestClock(Now.AddHours(1)));
        Assert.Equal(new LinkOutcome("mentor", null), outcome);
        Assert.Equal("mentor", AccountLinks.LinkedAccount(store.Database, Issuer, "sub-1"));
        Assert.Null(AccountLinks.LinkedAccount(store.Database, "https://other.example", "sub-1"));
        Assert.Equal(InvitationState.Used, AccountLinks.FindInvitation(store.Database, code)!.StateAt(Now.AddHours(1)));
        var link = Assert.Single(AccountLinks.Links(store.Database, "mentor"));
        Assert.Equal(("entree", Issuer, "sub-1", Now.AddHours(1)), (link.Provider, link.Issuer, link.Subject, link.LinkedAt));

        // Used once: a second provider account cannot use the same code.
        var before = Counts(store.Database);
        Assert.Equal(LinkRefusal.UsedInvitation, AccountLinks.Redeem(store.Database, code, "entree", Issuer, "sub-2", new TestClock(Now.AddHours(2))).Refusal);
        Assert.Null(AccountLinks.LinkedAccount(store.Database, Issuer, "sub-2"));
        Assert.Equal(before, Counts(store.Database));
        Assert.True(AuditLog.Verify(store.Database).Intact);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_invitation_expires_at_the_time_passed_in_and_then_links_nothing(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        var code = Invite(store.Database, days: 2);
        var before = Counts(store.Database);
        Assert.Equal(
            LinkRefusal.ExpiredInvitation,
            AccountLinks.Redeem(store.Database, code, "entree", Issuer, "sub-1", new TestClock(Now.AddDays(2))).Refusal
        );
        Assert.Equal(before, Counts(store.Database));
        Assert.Equal(InvitationState.Expired, AccountLinks.FindInvitation(store.Database, code)!.StateAt(Now.AddDays(2)));
        // A second before the end it still works.
        Assert.True(AccountLinks.Redeem(store.Database, code, "entree", Issuer, "sub-1", new TestClock(Now.AddDays(2).AddSeconds(-1))).Linked);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_invitation_is_refused_elsewhere_and_for_a_provider_account_linked_to_another_account_without_being_used(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        Assert.True(AccountLinks.Redeem(store.Database, Invite(store.Database, "collega"), "entree", Issuer, "sub-1", new TestClock(Now)).Linked);
        var code = Invite(store.Database, provider: "entree");
        var before = Counts(store.Database);
        Assert.Equal(LinkRefusal.OtherProvider, AccountLinks.Redeem(store.Database, code, "surf", Issuer, "sub-9", new TestClock(Now)).Refusal);
        Assert.Equal(LinkRefusal.LinkedToOtherAccount, AccountLinks.Redeem(store.Database, code, "entree", Issuer, "sub-1", new TestClock(Now)).Refusal);
        Assert.Equal(LinkRefusal.UnknownInvitation, AccountLinks.Redeem(store.Database, "geen-code", "entree", Issuer, "sub-9", new TestClock(Now)).Refusal);
        Assert.Equal(before, Counts(store.Database));
        Assert.Equal(InvitationState.Open, AccountLinks.FindInvitation(store.Database, code)!.StateAt(Now));
        Assert.Equal("collega", AccountLinks.LinkedAccount(store.Database, Issuer, "sub-1"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_invitation_for_an_account_disabled_since_links_nothing(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        var code = Invite(store.Database);
        Assert.True(AccountAdmin.SetDisabled(store.Database, "mentor", true, "cli (test)").Done);
        var before = Counts(store.Database);
        Assert.Equal(LinkRefusal.AccountUnusable, AccountLinks.Redeem(store.Database, code, "entree", Issuer, "sub-1", new TestClock(Now)).Refusal);
        Assert.Equal(before, Counts(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Every_bad_invitation_is_refused_naming_the_field_and_nothing_is_stored(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        var before = Counts(store.Database);
        (string Account, string? Provider, int Days, string Field)[] bad =
        [
            ("niemand", null, 7, "name"),
            ("uit", null, 7, "name"),
            ("demo", null, 7, "name"),
            ("mentor", "Entree Federatie", 7, "provider"),
            ("mentor", "entree", 0, "days"),
            ("mentor", "entree", AccountLinks.MaxDays + 1, "days"),
        ];
        foreach (var (account, provider, days, field) in bad)
        {
            var change = AccountLinks.Invite(store.Database, account, provider, days, "cli (test)", new TestClock(Now));
            Assert.False(change.Done, $"{account} {provider} {days}");
            Assert.Equal(field, change.Problem!.Field);
            Assert.Null(change.Secret);
        }
        Assert.Equal(before, Counts(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_link_value_links_the_provider_account_whose_claim_matches_ignoring_case(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        Assert.True(AccountLinks.SetLinkValue(store.Database, "mentor", "entree", "M.Jansen@School.example", "cli (test)", new TestClock(Now)).Done);
        Assert.Equal(
            LinkRefusal.NoLinkValue,
            AccountLinks.LinkByValue(store.Database, "surf", "m.jansen@school.example", Issuer, "sub-1", new TestClock(Now)).Refusal
        );
        Assert.Equal(
            LinkRefusal.NoLinkValue,
            AccountLinks.LinkByValue(store.Database, "entree", "p.jansen@school.example", Issuer, "sub-1", new TestClock(Now)).Refusal
        );
        Assert.Null(AccountLinks.LinkedAccount(store.Database, Issuer, "sub-1"));
        Assert.Equal(
            new LinkOutcome("mentor", null),
            AccountLinks.LinkByValue(store.Database, "entree", "m.jansen@school.example", Issuer, "sub-1", new TestClock(Now))
        );
        Assert.Equal("mentor", AccountLinks.LinkedAccount(store.Database, Issuer, "sub-1"));
        // Another account cannot take the same value at the same provider.
        var before = Counts(store.Database);
        Assert.Equal("value", AccountLinks.SetLinkValue(store.Database, "collega", "entree", "m.jansen@school.example", "cli (test)").Problem?.Field);
        Assert.Equal(before, Counts(store.Database));
        Assert.True(AuditLog.Verify(store.Database).Intact);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Unlinking_forgets_the_provider_account(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        Assert.True(AccountLinks.Redeem(store.Database, Invite(store.Database), "entree", Issuer, "sub-1", new TestClock(Now)).Linked);
        Assert.True(AccountLinks.Unlink(store.Database, "mentor", "entree", "cli (test)").Done);
        Assert.Null(AccountLinks.LinkedAccount(store.Database, Issuer, "sub-1"));
        Assert.Equal("provider", AccountLinks.Unlink(store.Database, "mentor", "entree", "cli (test)").Problem?.Field);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_cleared_link_value_links_nothing_and_clearing_it_again_is_refused_changing_nothing(StoreKind kind)
    {
        using var store = WithAccounts(kind);
        Assert.True(AccountLinks.SetLinkValue(store.Database, "mentor", "entree", "M.Jansen@School.example", "beheer1", new TestClock(Now), "beheerder").Done);
        Assert.Equal("m.jansen@school.example", AccountLinks.LinkValues(store.Database, "mentor")["entree"]);
        Assert.True(AccountLinks.ClearLinkValue(store.Database, "mentor", "entree", "beheer1", new TestClock(Now), "beheerder").Done);
        Assert.Empty(AccountLinks.LinkValues(store.Database, "mentor"));
        Assert.Equal(
            LinkRefusal.NoLinkValue,
            AccountLinks.LinkByValue(store.Database, "entree", "m.jansen@school.example", Issuer, "sub-1", new TestClock(Now)).Refusal
        );
        var before = Counts(store.Database);
        Assert.Equal(AccountFault.LinkValueUnknown, AccountLinks.ClearLinkValue(store.Database, "mentor", "entree", "beheer1").Problem?.Fault);
        Assert.Equal(AccountFault.AccountUnknown, AccountLinks.ClearLinkValue(store.Database, "niemand", "entree", "beheer1").Problem?.Fault);
        Assert.Equal(before, Counts(store.Database));
        using var connection = store.Database.ConnectMigrated();
        var rows = connection.Query<(string Actor, string Role, string Action)>("SELECT actor, role, action FROM audit_log ORDER BY seq").ToList();
        Assert.Equal([("beheer1", "beheerder", "koppelwaarde ingesteld"), ("beheer1", "beheerder", "koppelwaarde gewist")], rows);
        Assert.True(AuditLog.Verify(store.Database).Intact);
    }
}
