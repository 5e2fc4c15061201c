using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Who reaches the beheer pages (only the beheerder; anyone else signed in is refused, a visitor is sent to sign in), and
/// that the beheerder sees no pupil data: every page and API endpoint with pupils, dossiers or the monitor refuses the role.
/// The pages and endpoints are read from the site's own routing, so a new one is checked without being listed here.
/// </summary>
public sealed class BeheerAccessTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] BeheerPages =
    [
        "/beheer",
        "/beheer/accounts",
        "/beheer/clients",
        "/beheer/accounts/decaan/wachtwoord",
        "/beheer/accounts/decaan/inloggen-via-school",
    ];

    /// <summary>
    /// The pages anyone may open, written out by hand: none shows a pupil to a stranger (routes, the planner on typed-in facts or
    /// filled in from a record the page itself checks (PersonalPlannerTests), public
    /// institution numbers, sign-in, school sign-in and error pages). A new page without a policy fails the test until it is added here.
    /// </summary>
    private static readonly string[] PublicPages =
    [
        "/",
        "/account/geen-toegang",
        "/account/inloggen",
        "/account/uitloggen",
        "/fout",
        // School sign-in (decision 0021): the provider button's POST, an invitation (the invited account's name), a refusal, moving on.
        "/account/extern",
        "/account/koppelen/{code}",
        "/account/onbekend",
        "/account/verder",
        "/instellingen",
        "/instellingen/mbo/{brin4}",
        "/instellingen/vo/{brin6}",
        "/planner",
        "/routes",
        "/routes/{id}",
        "/status/{code:int}",
        // The accessibility statement (decision 0025).
        "/toegankelijkheid",
    ];

    /// <summary>
    /// The API endpoints a beheerder's token may call, by hand: the catalogue, the planner, admission and the public institution
    /// lists (no pupil), and voiding a wrong event (issue 12: the beheerder names the event, gets back only that event and its correction).
    /// </summary>
    private static readonly string[] BeheerderApi =
    [
        "GET /api/v1/catalogue/routes",
        "GET /api/v1/catalogue/routes/{id}",
        "POST /api/v1/plan",
        "POST /api/v1/admission",
        "GET /api/v1/institutions/vo",
        "GET /api/v1/institutions/mbo",
        "POST /api/v1/pupils/{key}/events/{id}/void",
        "GET /api/v1/connections",
        "POST /api/v1/connections",
        "POST /api/v1/connections/{id}/end",
    ];

    /// <summary>The pages outside /beheer a beheerder may open, by hand: the register of connections (institutions, no pupil).</summary>
    private static readonly string[] BeheerderPages = ["/verbindingen"];

    public static TheoryData<string, string> OtherRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (username, role, _, _) in DemoData.AccountList.Where(a => a.Role != Roles.Beheerder))
        {
            foreach (var page in BeheerPages)
                data.Add(username, page);
        }
        return data;
    }

    [Theory, MemberData(nameof(OtherRoles))]
    public async Task Every_role_but_the_beheerder_is_refused_the_beheer_pages(string account, string page)
    {
        using var client = await site.SignedIn(account);
        await PageText.AssertForbidden(client, await client.GetAsync(page, Cancel));
    }

    [Theory]
    [InlineData("decaan", "/beheer/accounts?handler=Disable")]
    [InlineData("analist", "/beheer/clients?handler=Add")]
    [InlineData("zorg", "/beheer/accounts/decaan2/inloggen-via-school?handler=Invite")]
    public async Task A_post_to_the_beheer_pages_by_another_role_is_refused_and_changes_nothing(string account, string path)
    {
        using var client = await site.SignedIn(account);
        var token = SiteFactory.Token(await client.GetStringAsync("/account/inloggen", Cancel));
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["account"] = "decaan2",
                ["Naam"] = "indringer",
                ["Rol"] = "beheerder",
                ["__RequestVerificationToken"] = token,
            }
        );
        await PageText.AssertForbidden(client, await client.PostAsync(path, form, Cancel));
        Assert.False(Storage.Accounts.Find(site.Site.Database, "decaan2")!.Disabled);
        Assert.Null(Storage.Accounts.FindClient(site.Site.Database, "indringer"));
        Assert.Empty(Storage.AccountLinks.Links(site.Site.Database, "decaan2"));
    }

    [Theory]
    [InlineData("/beheer")]
    [InlineData("/beheer/accounts")]
    [InlineData("/beheer/clients")]
    public async Task A_visitor_is_sent_to_sign_in_from_the_beheer_pages(string page)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync(page, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(
            "/account/inloggen?ReturnUrl=" + Uri.EscapeDataString(page),
            response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task The_beheerder_opens_the_beheer_pages_and_the_menu_leads_there()
    {
        using var client = await site.SignedIn("beheer");
        foreach (var page in BeheerPages)
        {
            using var response = await client.GetAsync(page, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
        }
        Assert.Contains("<li><a href=\"/beheer\">Beheer</a></li>", await client.GetStringAsync("/", Cancel), StringComparison.Ordinal);
    }

    /// <summary>Every page route of the site, with whether it needs a policy (and which).</summary>
    private List<(string Route, IReadOnlyList<string?> Policies)> Pages() =>
        [
            .. site
                .Services.GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                .Where(e => !e.RoutePattern.RawText!.EndsWith("Index", StringComparison.Ordinal)) // the same page as its folder's route
                .Select(e =>
                    (
                        "/" + e.RoutePattern.RawText!.TrimStart('/').ToLowerInvariant(),
                        (IReadOnlyList<string?>)[.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy)]
                    )
                )
                .DistinctBy(p => p.Item1),
        ];

    [Fact]
    public void Every_page_without_a_policy_is_one_known_to_show_no_pupil()
    {
        var open = Pages().Where(p => p.Policies.Count == 0).Select(p => p.Route).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(PublicPages.Order(StringComparer.Ordinal), open);
    }

    [Fact]
    public async Task The_beheerder_is_refused_every_page_behind_a_policy_but_the_beheer_pages()
    {
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        var guarded = Pages().Where(p => p.Policies.Count > 0 && !p.Policies.Contains(Policies.Admin) && !BeheerderPages.Contains(p.Route)).ToList();
        Assert.True(guarded.Count >= 10, $"only {guarded.Count} guarded pages found: " + string.Join(", ", guarded.Select(g => g.Route)));
        using var client = await site.SignedIn("beheer");
        foreach (var (route, _) in guarded)
        {
            var path = route
                .Replace("{key}", key, StringComparison.Ordinal)
                .Replace("{id}", "1", StringComparison.Ordinal)
                .Replace("{categorie}", "zorg", StringComparison.Ordinal);
            using var response = await client.GetAsync(path, Cancel);
            Assert.True(
                response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location!.OriginalString.Contains("/account/geen-toegang", StringComparison.Ordinal),
                $"{path}: the beheerder got {(int)response.StatusCode} {response.Headers.Location}"
            );
        }
    }

    [Fact]
    public async Task The_beheerder_token_is_refused_every_api_endpoint_with_pupils_dossiers_or_the_monitor()
    {
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        var endpoints = site
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} API endpoints found");
        Assert.All(BeheerderApi, allowed => Assert.Contains(allowed, endpoints));
        using var api = await site.Api("beheer");
        foreach (var endpoint in endpoints.Where(e => !BeheerderApi.Contains(e)))
        {
            var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var path = route
                .Replace("{key}", key, StringComparison.Ordinal)
                .Replace("{id:long}", "1", StringComparison.Ordinal)
                .Replace("{id}", "1", StringComparison.Ordinal)
                .Replace("{category}", "zorg", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await api.SendAsync(request, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint}: the beheerder's token got {(int)response.StatusCode}");
        }
    }
}
