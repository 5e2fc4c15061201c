using System.Net;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// A production site (<see cref="ProductionSite"/>: Production environment, no demo) on a store of its own with nothing but
/// what an operator starts from: one vo vestiging, one mbo institution, one pupil, and the first beheerder, made with
/// AccountAdmin as <c>doorstroom accounts add</c> makes it. The mentor and client <see cref="ProductionSite"/> seeds are not made.
/// </summary>
public class BeheerSite : ProductionSite, IAsyncLifetime
{
    public const string Beheerder = "beheer1";
    public const string BeheerderPassword = "een-beheer-wachtwoord-1";
    public const string Vestiging = "01AB00";
    public const string Mbo = "25AA";
    public const string Pupil = "P-1";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Doorstroom:SignIn:PerAddressPerMinute", "1000000"), new("Doorstroom:SignIn:PerAccountPerMinute", "1000000")];

    // Replaces ProductionSite's seed (interface re-implementation): the store starts empty of accounts and clients.
    public new ValueTask InitializeAsync()
    {
        using (var connection = Site.Database.ConnectMigrated())
            connection.Execute(
                $"""
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur) VALUES ('{Vestiging}', '01AB', 'Vo-school', 'VMBO');
                INSERT INTO mbo_instelling (brin4, naam) VALUES ('{Mbo}', 'Mbo-college');
                """
            );
        new EventStore(Site.Database).Append([new(new TransitionEvent(Pupil, new DateOnly(2026, 8, 1), EventKind.Bevorderd, Vestiging, Leerjaar: 4))]);
        var made = AccountAdmin.AddAccount(Site.Database, Beheerder, AccountRoles.Beheerder, null, null, "Beheerder", BeheerderPassword, "cli (test)");
        if (!made.Done)
            throw new InvalidOperationException($"the first beheerder was refused: {made.Problem}");
        return ValueTask.CompletedTask;
    }

    /// <summary>A session signed in through the form (https, from a client address).</summary>
    public async Task<Session> SignedIn(string username = Beheerder, string password = BeheerderPassword)
    {
        var session = new Session(Client());
        using var response = await session.SignInAsync(username, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {username} failed: {(int)response.StatusCode}");
        return session;
    }

    /// <summary>A signed-in session, or null when the sign-in is refused.</summary>
    public async Task<Session?> SignedInOrNull(string username, string password)
    {
        var session = new Session(Client());
        using var response = await session.SignInAsync(username, password);
        if (response.StatusCode == HttpStatusCode.Redirect)
            return session;
        session.Dispose();
        return null;
    }

    /// <summary>How many accounts, clients and audit entries the store holds.</summary>
    public (long Accounts, long Clients, long Audit) Counts()
    {
        using var connection = Site.Database.ConnectMigrated();
        return (
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM api_client"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log")
        );
    }

    /// <summary>The audit log's entries: who, in which role, did what to which account or client; and the whole row as text.</summary>
    public List<(string Actor, string Role, string Action, string? Category, string Row)> Audit()
    {
        using var connection = Site.Database.ConnectMigrated();
        return
        [
            .. connection
                .Query("SELECT * FROM audit_log ORDER BY seq")
                .Select(r => (IDictionary<string, object?>)r)
                .Select(r => ((string)r["actor"]!, (string)r["role"]!, (string)r["action"]!, (string?)r["category"], string.Join("|", r.Values))),
        ];
    }
}

/// <summary>Sends the forms of the beheer pages as a browser does: the page first (for its antiforgery token), then the POST.</summary>
public static class BeheerForms
{
    public static async Task<(HttpStatusCode Status, string Html, string? Location)> PostAsync(
        this Session session,
        string page,
        string handler,
        IDictionary<string, string> fields
    )
    {
        var form = await session.GetStringAsync(page);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = SiteFactory.Token(form) };
        using var response = await session.SendAsync(HttpMethod.Post, handler.Length == 0 ? page : $"{page}?handler={handler}", values);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Location?.ToString());
    }
}
