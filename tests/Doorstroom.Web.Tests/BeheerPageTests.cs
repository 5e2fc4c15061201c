using System.Net;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The beheer pages (issue 13, item 2) on a production store: every change goes through AccountAdmin and into the audit
/// log with the beheerder's name; every bad form gets a Dutch error next to its field, a 400, and nothing stored or audited.
/// </summary>
public sealed class BeheerPageTests(BeheerSite site) : IClassFixture<BeheerSite>
{
    private const string Good = "een-goed-wachtwoord-42";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Account(
        string name,
        string role,
        string institution = "",
        string pupil = "",
        string password = Good,
        string? confirmation = null
    ) =>
        new()
        {
            ["Naam"] = name,
            ["Weergavenaam"] = "",
            ["Rol"] = role,
            ["Instelling"] = institution,
            ["Leerling"] = pupil,
            ["Wachtwoord"] = password,
            ["Bevestiging"] = confirmation ?? password,
        };

    private static Dictionary<string, string> Client(string name, string role, string institution = "", string pupil = "") =>
        new()
        {
            ["Naam"] = name,
            ["Weergavenaam"] = "",
            ["Rol"] = role,
            ["Instelling"] = institution,
            ["Leerling"] = pupil,
        };

    public static TheoryData<string, string, string, string, string, string, string, string> BadAccounts =>
        new()
        {
            // name, role, institution, pupil, password, confirmation, the field the error stands next to, what it says
            { "nieuw1", "rector", "", "", Good, Good, "Rol", "'rector' is geen rol" },
            { "nieuw1", "decaan", "99ZZ00", "", Good, Good, "Instelling", "'99ZZ00' is niet de BRIN6 van een vo-vestiging" },
            { "nieuw1", "decaan", "25AA", "", Good, Good, "Instelling", "'25AA' is niet de BRIN6 van een vo-vestiging" },
            { "nieuw1", "decaan", "", "", Good, Good, "Instelling", "hoort bij een instelling" },
            { "nieuw1", "analist", "01AB00", "", Good, Good, "Instelling", "hoort niet bij een instelling" },
            { "nieuw1", "decaan", "01AB00", BeheerSite.Pupil, Good, Good, "Leerling", "hoort niet bij een leerling" },
            { "nieuw1", "leerling", "", "P-404", Good, Good, "Leerling", "'P-404' is geen leerlingcode" },
            { "nieuw1", "analist", "", "", "kort", "kort", "Wachtwoord", "Het wachtwoord heeft 4 tekens; het moet er minstens 12 hebben." },
            { "nieuw1", "analist", "", "", "nieuw1-nieuw1-nieuw1", "nieuw1-nieuw1-nieuw1", "Wachtwoord", "bevat de accountnaam" },
            { "nieuw1", "analist", "", "", "wachtwoord123", "wachtwoord123", "Wachtwoord", "wordt veel gebruikt" },
            { "nieuw1", "analist", "", "", Good, Good + "x", "Bevestiging", "De bevestiging is niet gelijk aan het wachtwoord" },
            { "nieuw1", "analist", "", "", "", "", "Wachtwoord", "Vul een wachtwoord in." },
            { BeheerSite.Beheerder, "analist", "", "", Good, Good, "Naam", $"Er is al een account met de naam '{BeheerSite.Beheerder}'" },
            { "met spatie", "analist", "", "", Good, Good, "Naam", "'met spatie' is geen geldige naam" },
        };

    [Theory, MemberData(nameof(BadAccounts))]
    public async Task A_bad_account_form_gets_a_dutch_error_next_to_its_field_and_nothing_is_stored_or_audited(
        string name,
        string role,
        string institution,
        string pupil,
        string password,
        string confirmation,
        string field,
        string error
    )
    {
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync("/beheer/accounts", "Add", Account(name, role, institution, pupil, password, confirmation));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<p class=\"field-error\" id=\"{field}-fout\">", html, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(error), html, StringComparison.Ordinal);
        Assert.Contains("Er is geen account toegevoegd", html, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Length > 0 ? $"value=\"{password}\"" : "value=\"\u0000\"", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
        if (name != BeheerSite.Beheerder)
            Assert.Null(Accounts.Find(site.Site.Database, name));
    }

    [Fact]
    public async Task A_form_with_several_bad_fields_shows_every_error_at_once_and_stores_nothing()
    {
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync("/beheer/accounts", "Add", Account("nieuw2", "decaan", "99ZZ00", "", "kort", "kort"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<p class=\"field-error\" id=\"Instelling-fout\">", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"Wachtwoord-fout\">Het wachtwoord heeft 4 tekens", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
    }

    public static TheoryData<string, string, string, string, string, string> BadClients =>
        new()
        {
            { "app1", "rector", "", "", "Rol", "'rector' is geen rol" },
            { "app1", "intake", "01AB00", "", "Instelling", "'01AB00' is niet de BRIN4 van een mbo-instelling" },
            { "app1", "intake", "", BeheerSite.Pupil, "Leerling", "hoort niet bij een leerling" },
            { "app1", "ouder", "", "", "Leerling", "hoort bij een leerling: vul de leerlingcode in" },
            { "-app", "analist", "", "", "Naam", "is geen geldige naam" },
        };

    [Theory, MemberData(nameof(BadClients))]
    public async Task A_bad_client_form_gets_a_dutch_error_next_to_its_field_and_nothing_is_stored_or_audited(
        string name,
        string role,
        string institution,
        string pupil,
        string field,
        string error
    )
    {
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync("/beheer/clients", "Add", Client(name, role, institution, pupil));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<p class=\"field-error\" id=\"{field}-fout\">", html, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(error), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kopieer het geheim nu", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
    }

    [Fact]
    public async Task A_duplicate_client_name_is_refused_in_dutch_and_the_first_client_keeps_its_secret()
    {
        using var beheer = await site.SignedIn();
        var (added, _, _) = await beheer.PostAsync("/beheer/clients", "Add", Client("dubbel", "analist"));
        Assert.Equal(HttpStatusCode.OK, added);
        var hash = Accounts.FindClient(site.Site.Database, "dubbel")!.SecretHash;
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync("/beheer/clients", "Add", Client("dubbel", "analist"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Er is al een API-client met de naam &#x27;dubbel&#x27;", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
        Assert.Equal(hash, Accounts.FindClient(site.Site.Database, "dubbel")!.SecretHash);
    }

    [Theory]
    [InlineData("/beheer/accounts", "Disable", "account", "Er is geen account &#x27;niemand&#x27;.")]
    [InlineData("/beheer/accounts", "Enable", "account", "Er is geen account &#x27;niemand&#x27;.")]
    [InlineData("/beheer/clients", "Revoke", "client", "Er is geen API-client &#x27;niemand&#x27;.")]
    [InlineData("/beheer/clients", "Rotate", "client", "Er is geen API-client &#x27;niemand&#x27;.")]
    public async Task A_change_to_an_unknown_account_or_client_is_refused_in_dutch_and_changes_nothing(string page, string handler, string field, string error)
    {
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync(page, handler, new Dictionary<string, string> { [field] = "niemand" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<p class=\"error\" role=\"alert\">{error} Er is niets gewijzigd.</p>", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
    }

    [Fact]
    public async Task A_beheerder_cannot_disable_their_own_account()
    {
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync("/beheer/accounts", "Disable", new Dictionary<string, string> { ["account"] = BeheerSite.Beheerder });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("U kunt uw eigen account niet uitschakelen", html, StringComparison.Ordinal);
        Assert.False(Accounts.Find(site.Site.Database, BeheerSite.Beheerder)!.Disabled);
        Assert.Equal(before, site.Counts());
    }

    [Theory]
    [InlineData("kort", "kort", "Wachtwoord", "Het wachtwoord heeft 4 tekens")]
    [InlineData("een-ander-wachtwoord-1", "een-ander-wachtwoord-2", "Bevestiging", "De bevestiging is niet gelijk aan het wachtwoord")]
    public async Task A_bad_new_password_is_refused_in_dutch_and_the_old_one_still_works(string password, string confirmation, string field, string error)
    {
        Assert.True(AccountAdmin.AddAccount(site.Site.Database, "reset-" + field, "analist", null, null, null, Good, "cli (test)").Done);
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        var page = $"/beheer/accounts/reset-{field}/wachtwoord";
        var (status, html, _) = await beheer.PostAsync(page, "", new Dictionary<string, string> { ["Wachtwoord"] = password, ["Bevestiging"] = confirmation });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<p class=\"field-error\" id=\"{field}-fout\">{error}", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
        Assert.True(Passwords.Verify(Accounts.Find(site.Site.Database, "reset-" + field)!.PasswordHash, Good));
    }

    [Fact]
    public async Task A_new_password_for_an_unknown_account_is_not_found_and_changes_nothing()
    {
        using var beheer = await site.SignedIn();
        using var page = await beheer.SendAsync(HttpMethod.Get, "/beheer/accounts/niemand/wachtwoord");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var before = site.Counts();
        var (status, html, _) = await beheer.PostAsync("/beheer/accounts/" + BeheerSite.Beheerder + "/wachtwoord", "", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Vul een nieuw wachtwoord in.", html, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
    }

    [Fact]
    public async Task An_account_added_disabled_enabled_and_reset_in_the_pages_is_audited_with_the_beheerders_name_and_role()
    {
        using var beheer = await site.SignedIn();
        var (status, _, location) = await beheer.PostAsync("/beheer/accounts", "Add", Account("mentor-a", "decaan", "01ab00"));
        Assert.Equal((HttpStatusCode.Redirect, "/beheer/accounts?gedaan=toegevoegd&account=mentor-a"), (status, location));
        var made = Accounts.Find(site.Site.Database, "mentor-a")!;
        Assert.Equal(("decaan", "01AB00", false, false), (made.Role, made.Institution, made.Demo, made.Disabled));
        Assert.Contains("Account &#x27;mentor-a&#x27; is toegevoegd.", await beheer.GetStringAsync(location!), StringComparison.Ordinal);

        Assert.Equal(
            HttpStatusCode.Redirect,
            (await beheer.PostAsync("/beheer/accounts", "Disable", new Dictionary<string, string> { ["account"] = "mentor-a" })).Status
        );
        Assert.True(Accounts.Find(site.Site.Database, "mentor-a")!.Disabled);
        using (var refused = await site.SignedInOrNull("mentor-a", Good))
            Assert.Null(refused);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await beheer.PostAsync("/beheer/accounts", "Enable", new Dictionary<string, string> { ["account"] = "mentor-a" })).Status
        );
        Assert.False(Accounts.Find(site.Site.Database, "mentor-a")!.Disabled);
        const string Fresh = "nog-een-goed-wachtwoord-7";
        Assert.Equal(
            HttpStatusCode.Redirect,
            (
                await beheer.PostAsync(
                    "/beheer/accounts/mentor-a/wachtwoord",
                    "",
                    new Dictionary<string, string> { ["Wachtwoord"] = Fresh, ["Bevestiging"] = Fresh }
                )
            ).Status
        );
        Assert.True(Passwords.Verify(Accounts.Find(site.Site.Database, "mentor-a")!.PasswordHash, Fresh));

        var entries = site.Audit().Where(e => e.Category == "account:mentor-a").ToList();
        Assert.Equal(["account toegevoegd", "account uitgeschakeld", "account ingeschakeld", "wachtwoord opnieuw ingesteld"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((BeheerSite.Beheerder, Roles.Beheerder), (e.Actor, e.Role)));
        Assert.All(entries, e => Assert.DoesNotContain(Good, e.Row, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(Fresh, e.Row, StringComparison.Ordinal));
        Assert.True(AuditLog.Verify(site.Site.Database).Intact);
    }

    [Fact]
    public async Task A_new_client_secret_is_shown_once_works_at_the_token_endpoint_and_is_never_shown_or_stored_again()
    {
        using var beheer = await site.SignedIn();
        var (status, html, _) = await beheer.PostAsync("/beheer/clients", "Add", Client("sis-1", "decaan", BeheerSite.Vestiging));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Kopieer het geheim nu", html, StringComparison.Ordinal);
        Assert.Contains("U ziet dit geheim alleen nu.", html, StringComparison.Ordinal);
        var secret = Secret(html);
        Assert.Equal(HttpStatusCode.OK, await TokenStatus("sis-1", secret));

        Assert.DoesNotContain(secret, await beheer.GetStringAsync("/beheer/clients"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, Accounts.FindClient(site.Site.Database, "sis-1")!.SecretHash, StringComparison.Ordinal);
        Assert.All(site.Audit(), e => Assert.DoesNotContain(secret, e.Row, StringComparison.Ordinal));
        Assert.DoesNotContain(beheer.SetCookies, c => c.Contains(secret, StringComparison.Ordinal));

        var (rotated, rotatedHtml, _) = await beheer.PostAsync("/beheer/clients", "Rotate", new Dictionary<string, string> { ["client"] = "sis-1" });
        Assert.Equal(HttpStatusCode.OK, rotated);
        var fresh = Secret(rotatedHtml);
        Assert.NotEqual(secret, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatus("sis-1", secret));
        Assert.Equal(HttpStatusCode.OK, await TokenStatus("sis-1", fresh));

        var (revoked, _, location) = await beheer.PostAsync("/beheer/clients", "Revoke", new Dictionary<string, string> { ["client"] = "sis-1" });
        Assert.Equal((HttpStatusCode.Redirect, "/beheer/clients?gedaan=ingetrokken&client=sis-1"), (revoked, location));
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatus("sis-1", fresh));
        var before = site.Counts();
        var (again, againHtml, _) = await beheer.PostAsync("/beheer/clients", "Rotate", new Dictionary<string, string> { ["client"] = "sis-1" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains("is ingetrokken en krijgt geen nieuw geheim", againHtml, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());

        var entries = site.Audit().Where(e => e.Category == "api-client:sis-1").ToList();
        Assert.Equal(["api-client toegevoegd", "api-client-geheim vervangen", "api-client ingetrokken"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((BeheerSite.Beheerder, Roles.Beheerder), (e.Actor, e.Role)));
        Assert.All(entries, e => Assert.DoesNotContain(fresh, e.Row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_school_provider_the_school_sign_in_page_says_so_and_makes_no_invitation()
    {
        Assert.True(AccountAdmin.AddAccount(site.Site.Database, "school-proef", "analist", null, null, null, Good, "cli (test)").Done);
        using var beheer = await site.SignedIn();
        var page = "/beheer/accounts/school-proef/inloggen-via-school";
        var html = await beheer.GetStringAsync(page);
        Assert.Contains("Geen school-aanbieder ingesteld", html, StringComparison.Ordinal);
        Assert.Contains("Doorstroom:Oidc:Providers:&lt;id&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Uitnodiging maken", html, StringComparison.Ordinal);
        var before = site.Counts();
        var (status, refused, _) = await beheer.PostAsync(page, "Invite", new Dictionary<string, string> { ["Dagen"] = "7" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("Kopieer de link nu", refused, StringComparison.Ordinal);
        Assert.Equal(before, site.Counts());
        using var connection = site.Site.Database.ConnectMigrated();
        Assert.Equal(0, Dapper.SqlMapper.ExecuteScalar<long>(connection, "SELECT COUNT(*) FROM account_invitation"));
    }

    [Fact]
    public async Task A_change_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        using var response = await beheer.SendAsync(HttpMethod.Post, "/beheer/accounts?handler=Add", Account("zonder-token", "analist"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, site.Counts());
        Assert.Null(Accounts.Find(site.Site.Database, "zonder-token"));
    }

    [Fact]
    public async Task A_get_cannot_change_an_account()
    {
        Assert.True(AccountAdmin.AddAccount(site.Site.Database, "get-proef", "analist", null, null, null, Good, "cli (test)").Done);
        using var beheer = await site.SignedIn();
        var before = site.Counts();
        using var response = await beheer.SendAsync(HttpMethod.Get, "/beheer/accounts?handler=Disable&account=get-proef");
        Assert.False(Accounts.Find(site.Site.Database, "get-proef")!.Disabled);
        Assert.Equal(before, site.Counts());
    }

    private async Task<HttpStatusCode> TokenStatus(string clientId, string secret)
    {
        using var client = site.Client();
        using var response = await client.PostAsync(
            "/connect/token",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = secret,
                }
            ),
            Cancel
        );
        return response.StatusCode;
    }

    /// <summary>The secret a result page shows (in the element with id "geheim").</summary>
    public static string Secret(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"geheim\">([A-Za-z0-9_-]{43})</code>");
        Assert.True(match.Success, "the page shows no secret");
        return match.Groups[1].Value;
    }
}
