using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Dapper;
using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// A production site with two school providers configured (none is ever reached: the beheer pages only read their
/// settings): "entree" with a link claim, "surf" without.
/// </summary>
public sealed class BeheerSchoolSite : BeheerSite
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            .. base.Settings,
            new("Doorstroom:Oidc:Providers:entree:DisplayName", "Entree Federatie"),
            new("Doorstroom:Oidc:Providers:entree:Authority", "https://login.entree.example/"),
            new("Doorstroom:Oidc:Providers:entree:ClientId", "doorstroom"),
            new("Doorstroom:Oidc:Providers:entree:LinkClaim", "eduPersonPrincipalName"),
            new("Doorstroom:Oidc:Providers:surf:DisplayName", "SURFconext"),
            new("Doorstroom:Oidc:Providers:surf:Authority", "https://connect.surf.example/"),
            new("Doorstroom:Oidc:Providers:surf:ClientId", "doorstroom"),
        ];
}

/// <summary>
/// Inloggen via school on the beheer pages (decision 0021 through AccountLinks): invitations, links and link values made
/// by the beheerder, audited with their name and role; every bad form a Dutch error, a 400, and nothing stored; the
/// invitation's code only in the answer to the POST that made it.
/// </summary>
public sealed class BeheerSchoolSignInTests(BeheerSchoolSite site) : IClassFixture<BeheerSchoolSite>
{
    private const string Good = "een-goed-wachtwoord-42";
    private const string Issuer = "https://login.entree.example/";

    /// <summary>The site's clock (stopped): invitations it makes expire by it.</summary>
    private TimeProvider Clock => site.Services.GetRequiredService<TimeProvider>();

    private DateTimeOffset Now => Clock.GetUtcNow();

    private static string Page(string account) => $"/beheer/accounts/{account}/inloggen-via-school";

    private string Account(string name, bool disabled = false)
    {
        Assert.True(AccountAdmin.AddAccount(site.Site.Database, name, "analist", null, null, null, Good, "cli (test)").Done);
        if (disabled)
            Assert.True(AccountAdmin.SetDisabled(site.Site.Database, name, true, "cli (test)").Done);
        return name;
    }

    /// <summary>Accounts, clients and audit entries, with invitations, links and link values.</summary>
    private (long, long, long, long Invitations, long Links, long Values) Counts()
    {
        var (accounts, clients, audit) = site.Counts();
        using var connection = site.Site.Database.ConnectMigrated();
        return (
            accounts,
            clients,
            audit,
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_invitation"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_link"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_link_value")
        );
    }

    private static Dictionary<string, string> Invite(string provider = "", string days = "7") => new() { ["Aanbieder"] = provider, ["Dagen"] = days };

    /// <summary>The invitation link a result page shows (in the element with id "uitnodiging"); its code.</summary>
    private static string Code(string html)
    {
        var match = Regex.Match(html, "<code id=\"uitnodiging\">https://doorstroom\\.example/account/koppelen/([A-Za-z0-9_-]{43})</code>");
        Assert.True(match.Success, "the page shows no invitation link");
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task The_page_names_the_configured_providers_and_offers_the_link_value_only_where_a_link_claim_is_set()
    {
        var name = Account("toon1");
        using var beheer = await site.SignedIn();
        var html = await beheer.GetStringAsync(Page(name));
        Assert.Contains("<option value=\"entree\">Entree Federatie</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"surf\">SURFconext</option>", html, StringComparison.Ordinal);
        Assert.Contains("Koppelwaarde bij Entree Federatie", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Koppelwaarde bij SURFconext", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Dagen\" name=\"Dagen\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"30\" value=\"7\"", html, StringComparison.Ordinal);
        Assert.Contains("Er is nog geen schoolaccount aan dit account gekoppeld.", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page(name)}\"", await beheer.GetStringAsync("/beheer/accounts"), StringComparison.Ordinal);
        using var unknown = await beheer.SendAsync(HttpMethod.Get, Page("niemand"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    public static TheoryData<string, string, string, string, string> BadInvitations =>
        new()
        {
            // account, provider, days, the field the error stands next to ("" = above the form), what it says
            { "niemand", "entree", "7", "", "Er is geen account 'niemand'." },
            { "uitgeschakeld1", "entree", "7", "", "Account 'uitgeschakeld1' is uitgeschakeld; schakel het eerst weer in." },
            { "uitnodig1", "eduid", "7", "Aanbieder", "'eduid' is geen aanbieder die op deze site is ingesteld." },
            { "uitnodig1", "Entree!", "7", "Aanbieder", "'Entree!' is geen aanbieder die op deze site is ingesteld." },
            { "uitnodig1", "entree", "0", "Dagen", "'0' kan niet: een uitnodiging is 1 tot 30 dagen geldig." },
            { "uitnodig1", "entree", "31", "Dagen", "'31' kan niet: een uitnodiging is 1 tot 30 dagen geldig." },
            { "uitnodig1", "entree", "een week", "Dagen", "'een week' kan niet" },
            { "uitnodig1", "entree", "-3", "Dagen", "'-3' kan niet" },
        };

    [Theory, MemberData(nameof(BadInvitations))]
    public async Task A_bad_invitation_form_gets_a_dutch_error_and_nothing_is_stored_or_audited(
        string account,
        string provider,
        string days,
        string field,
        string error
    )
    {
        if (Accounts.Find(site.Site.Database, "uitnodig1") is null)
            Account("uitnodig1");
        if (account != "niemand" && Accounts.Find(site.Site.Database, account) is null)
            Account(account, disabled: account.StartsWith("uitgeschakeld", StringComparison.Ordinal));
        using var beheer = await site.SignedIn();
        var before = Counts();
        var (status, html, _) = await Post(beheer, account, "Invite", Invite(provider, days));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        if (field.Length > 0)
            Assert.Contains($"<p class=\"field-error\" id=\"{field}-fout\">", html, StringComparison.Ordinal);
        Assert.Contains("Er is geen uitnodiging gemaakt.", html, StringComparison.Ordinal);
        Assert.Contains(HtmlEncoder.Default.Encode(error), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kopieer de link nu", html, StringComparison.Ordinal);
        Assert.Equal(before, Counts());
    }

    // The GET of an unknown account's page is 404; its POST is refused by AccountLinks with the page's form around it.
    private static async Task<(HttpStatusCode Status, string Html, string? Location)> Post(
        Session beheer,
        string account,
        string handler,
        Dictionary<string, string> fields
    )
    {
        if (account != "niemand")
            return await beheer.PostAsync(Page(account), handler, fields);
        var form = await beheer.GetStringAsync(Page("uitnodig1"));
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = SiteFactory.Token(form) };
        using var response = await beheer.SendAsync(HttpMethod.Post, $"{Page(account)}?handler={handler}", values);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task An_invitation_is_shown_once_in_the_answer_to_its_post_redeems_and_is_audited_without_its_code()
    {
        var name = Account("uitnodig2");
        using var beheer = await site.SignedIn();
        var (status, html, location) = await beheer.PostAsync(Page(name), "Invite", Invite("entree", "3"));
        Assert.Equal((HttpStatusCode.OK, null), (status, location));
        Assert.Contains("Kopieer de link nu", html, StringComparison.Ordinal);
        Assert.Contains("U ziet deze link alleen nu.", html, StringComparison.Ordinal);
        Assert.Contains("bij Entree Federatie", html, StringComparison.Ordinal);
        var code = Code(html);
        var invitation = AccountLinks.FindInvitation(site.Site.Database, code)!;
        Assert.Equal((name, "entree"), (invitation.Account, invitation.Provider));
        Assert.Equal(Now.AddDays(3), invitation.Expires);

        // Never again: not on the page, in a cookie, or in the audit log; only its hash is stored.
        Assert.DoesNotContain(code, await beheer.GetStringAsync(Page(name)), StringComparison.Ordinal);
        Assert.DoesNotContain(beheer.SetCookies, c => c.Contains(code, StringComparison.Ordinal));
        Assert.All(site.Audit(), e => Assert.DoesNotContain(code, e.Row, StringComparison.Ordinal));
        using (var connection = site.Site.Database.ConnectMigrated())
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM account_invitation WHERE code_hash = @code", new { code }));

        // The link works: redeemed as a sign-in at entree would redeem it, the page then lists the link without its subject.
        Assert.True(AccountLinks.Redeem(site.Site.Database, code, "entree", Issuer, "geheim-onderwerp-1", Clock).Linked);
        var listed = await beheer.GetStringAsync(Page(name));
        Assert.Contains("<h3>Entree Federatie</h3>", listed, StringComparison.Ordinal);
        Assert.Contains("Gekoppeld op ", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-onderwerp-1", listed, StringComparison.Ordinal);

        var entries = site.Audit().Where(e => e.Category == $"account:{name}" && e.Action == "uitnodiging gemaakt").ToList();
        Assert.Equal((BeheerSite.Beheerder, Roles.Beheerder), (Assert.Single(entries).Actor, entries[0].Role));
        Assert.True(AuditLog.Verify(site.Site.Database).Intact);
    }

    [Fact]
    public async Task Without_a_provider_chosen_the_invitation_works_at_any_provider_for_the_default_days()
    {
        var name = Account("uitnodig3");
        using var beheer = await site.SignedIn();
        var (status, html, _) = await beheer.PostAsync(Page(name), "Invite", new Dictionary<string, string> { ["Aanbieder"] = "" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("bij elke aanbieder", html, StringComparison.Ordinal);
        var invitation = AccountLinks.FindInvitation(site.Site.Database, Code(html))!;
        Assert.Null(invitation.Provider);
        Assert.Equal(Now.AddDays(AccountLinks.DefaultDays), invitation.Expires);
    }

    [Fact]
    public async Task Unlinking_forgets_the_school_accounts_and_is_audited_and_unlinking_again_is_refused_changing_nothing()
    {
        var name = Account("ontkoppel1");
        var code = AccountLinks.Invite(site.Site.Database, name, "surf", 7, "cli (test)", Clock).Secret!;
        Assert.True(AccountLinks.Redeem(site.Site.Database, code, "surf", "https://connect.surf.example/", "ontkoppel-sub", Clock).Linked);
        using var beheer = await site.SignedIn();
        var (status, _, location) = await beheer.PostAsync(Page(name), "Unlink", new Dictionary<string, string> { ["Aanbieder"] = "surf" });
        Assert.Equal((HttpStatusCode.Redirect, $"{Page(name)}?gedaan=ontkoppeld&bij=surf"), (status, location));
        Assert.Null(AccountLinks.LinkedAccount(site.Site.Database, "https://connect.surf.example/", "ontkoppel-sub"));
        Assert.Contains("De schoolaccounts van SURFconext zijn ontkoppeld", await beheer.GetStringAsync(location!), StringComparison.Ordinal);
        var entry = Assert.Single(site.Audit(), e => e.Category == $"account:{name}" && e.Action == "schoolaccount ontkoppeld");
        Assert.Equal((BeheerSite.Beheerder, Roles.Beheerder), (entry.Actor, entry.Role));

        var before = Counts();
        var (again, html, _) = await beheer.PostAsync(Page(name), "Unlink", new Dictionary<string, string> { ["Aanbieder"] = "surf" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains(
            "<p class=\"error\" role=\"alert\">Account &#x27;ontkoppel1&#x27; heeft geen gekoppeld schoolaccount bij SURFconext. Er is niets "
                + "gewijzigd.</p>",
            html,
            StringComparison.Ordinal
        );
        Assert.Equal(before, Counts());
    }

    [Fact]
    public async Task A_link_value_is_set_and_cleared_by_the_beheerder_and_audited_without_the_value()
    {
        var name = Account("waarde1");
        using var beheer = await site.SignedIn();
        var (status, _, location) = await beheer.PostAsync(
            Page(name),
            "LinkValue",
            new Dictionary<string, string> { ["Aanbieder"] = "entree", ["Waarde"] = " W.Aarde@School.example " }
        );
        Assert.Equal((HttpStatusCode.Redirect, $"{Page(name)}?gedaan=koppelwaarde&bij=entree"), (status, location));
        Assert.Equal("w.aarde@school.example", AccountLinks.LinkValues(site.Site.Database, name)["entree"]);
        var page = await beheer.GetStringAsync(location!);
        Assert.Contains("De koppelwaarde voor Entree Federatie is opgeslagen.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"w.aarde@school.example\"", page, StringComparison.Ordinal);
        Assert.Equal(name, AccountLinks.LinkByValue(site.Site.Database, "entree", "w.aarde@school.example", Issuer, "waarde-sub").Account);

        (status, _, location) = await beheer.PostAsync(Page(name), "ClearValue", new Dictionary<string, string> { ["Aanbieder"] = "entree" });
        Assert.Equal((HttpStatusCode.Redirect, $"{Page(name)}?gedaan=koppelwaarde-gewist&bij=entree"), (status, location));
        Assert.Empty(AccountLinks.LinkValues(site.Site.Database, name));

        var entries = site.Audit().Where(e => e.Category == $"account:{name}" && e.Action.StartsWith("koppelwaarde", StringComparison.Ordinal)).ToList();
        Assert.Equal(["koppelwaarde ingesteld", "koppelwaarde gewist"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((BeheerSite.Beheerder, Roles.Beheerder), (e.Actor, e.Role)));
        Assert.All(site.Audit(), e => Assert.DoesNotContain("aarde@school", e.Row, StringComparison.OrdinalIgnoreCase));

        var before = Counts();
        var (again, html, _) = await beheer.PostAsync(Page(name), "ClearValue", new Dictionary<string, string> { ["Aanbieder"] = "entree" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains("heeft geen koppelwaarde bij Entree Federatie. Er is niets gewijzigd.", html, StringComparison.Ordinal);
        Assert.Equal(before, Counts());
    }

    public static TheoryData<string, string, string, string> BadLinkValues =>
        new()
        {
            // provider, value, where the error stands, what it says
            { "entree", "neem.mij@school.example", "Waarde-entree-fout", "Een ander account heeft deze koppelwaarde al bij Entree Federatie" },
            { "entree", "   ", "Waarde-entree-fout", "Vul een koppelwaarde in van 1 tot 256 tekens." },
            { "entree", new string('x', 257), "Waarde-entree-fout", "Vul een koppelwaarde in van 1 tot 256 tekens." },
            { "surf", "iemand@school.example", "error", "SURFconext geeft geen koppelclaim door; koppel met een uitnodiging. Er is niets gewijzigd." },
            { "eduid", "iemand@school.example", "error", "&#x27;eduid&#x27; is geen aanbieder die op deze site is ingesteld." },
        };

    [Theory, MemberData(nameof(BadLinkValues))]
    public async Task A_bad_link_value_gets_a_dutch_error_and_nothing_is_stored_or_audited(string provider, string value, string where, string error)
    {
        if (Accounts.Find(site.Site.Database, "houder1") is null)
        {
            Account("houder1");
            Assert.True(AccountLinks.SetLinkValue(site.Site.Database, "houder1", "entree", "neem.mij@school.example", "cli (test)").Done);
        }
        var name = Accounts.Find(site.Site.Database, "waarde2") is null ? Account("waarde2") : "waarde2";
        using var beheer = await site.SignedIn();
        var before = Counts();
        var (status, html, _) = await beheer.PostAsync(
            Page(name),
            "LinkValue",
            new Dictionary<string, string> { ["Aanbieder"] = provider, ["Waarde"] = value }
        );
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(where == "error" ? "<p class=\"error\" role=\"alert\">" : $"<p class=\"field-error\" id=\"{where}\">", html, StringComparison.Ordinal);
        Assert.Contains(error, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Er is geen uitnodiging gemaakt", html, StringComparison.Ordinal);
        Assert.Equal(before, Counts());
        Assert.Empty(AccountLinks.LinkValues(site.Site.Database, name));
    }

    [Fact]
    public async Task A_change_without_the_antiforgery_token_is_refused_and_makes_no_invitation()
    {
        var name = Account("zonder-token2");
        using var beheer = await site.SignedIn();
        var before = Counts();
        using var response = await beheer.SendAsync(HttpMethod.Post, Page(name) + "?handler=Invite", Invite("entree"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, Counts());
    }
}
