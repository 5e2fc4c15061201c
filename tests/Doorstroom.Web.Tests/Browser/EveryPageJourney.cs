using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// Issue 14: every page, for every role (and a visitor), at 1280×800 and 390×844, has zero serious or critical axe-core
/// violations (WCAG 2.1 A and AA rules) and does not scroll sideways. The pages are read from the site's own routing and a
/// role visits those its policies admit (that the others are refused is BeheerAccessTests' and NavigationTests' business),
/// so a new page is checked without being listed here. With DOORSTROOM_SCREENSHOTS=DIR a full-page screenshot of every
/// page, role and viewport is saved there.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed partial class EveryPageJourney(BrowserSite site)
{
    /// <summary>The accounts the pages are visited as: one per role, the zorgcoördinator on both sides, and a visitor ("").</summary>
    public static TheoryData<string> Accounts() => ["", "leerling", "leerling16", "ouder", "decaan", "intake", "zorg", "zorgvo", "analist", "beheer"];

    [Theory, MemberData(nameof(Accounts))]
    public async Task Every_page_the_role_may_open_passes_axe_and_fits_both_viewports(string account)
    {
        Chromium.Require();
        var role = account.Length == 0 ? "bezoeker" : account;
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        if (account.Length > 0)
            await page.SignInAsync(account);
        await KeepOnPageAsync(page.Page);

        var paths = await PathsAsync(account, page);
        Assert.True(paths.Count >= 8, $"{role}: only {paths.Count} pages found: {string.Join(", ", paths)}");
        var wrong = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var response = await page.GoAsync(path);
            // A page that exists may answer 403 or 404 on purpose (a refused sign-in, the status page); a 500 is never right.
            if (response is { Status: >= 500 })
                wrong.Add($"{path} as {role}: HTTP {response.Status}");
            // A page that only sends the browser on (/account/extern to sign-in) is not checked twice.
            if (!seen.Add(new Uri(page.Page.Url).PathAndQuery))
                continue;
            foreach (var (width, height) in BrowserSite.Viewports)
            {
                await page.Page.SetViewportSizeAsync(width, height);
                wrong.AddRange(await CheckAsync(page.Page, $"{path} as {role} at {width}x{height}"));
                if (Environment.GetEnvironmentVariable("DOORSTROOM_SCREENSHOTS") is { Length: > 0 } folder)
                {
                    Directory.CreateDirectory(folder);
                    var name = $"{role}{(path == "/" ? "-start" : Unsafe().Replace(path.ToLowerInvariant(), "-"))}-{width}x{height}.png";
                    await page.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
                }
            }
            await page.Page.SetViewportSizeAsync(BrowserSite.Viewports[0].Width, BrowserSite.Viewports[0].Height);
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} problems on {paths.Count} pages:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    /// <summary>Serious and critical axe-core violations and sideways scroll on the page as it is now, one line each.</summary>
    internal static async Task<List<string>> CheckAsync(IPage page, string where)
    {
        var wrong = await Axe.SeriousViolationsAsync(page, where);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            var culprits = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                        && e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replaceAll(/\s+/g, '.') : ''))
                """
            );
            wrong.Add($"{where}: scrolls sideways, {overflow} px wider than the viewport, at {string.Join(", ", culprits)}");
        }
        return wrong;
    }

    /// <summary>
    /// The paths the account may open: every page route of the site whose policies admit the account's claims, its route
    /// parameters filled with demo values (or a link to it found on a page visited before).
    /// </summary>
    private async Task<List<string>> PathsAsync(string account, SitePage page)
    {
        var authorization = site.Services.GetRequiredService<IAuthorizationService>();
        var database = site.Services.GetRequiredService<SiteServices>().Database;
        var user =
            account.Length == 0
                ? new ClaimsPrincipal(new ClaimsIdentity())
                : new ClaimsPrincipal(AccountService.Identity(Storage.Accounts.Find(database, account)!, "test"));
        var routes = new List<string>();
        foreach (
            var endpoint in site
                .Services.GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && !e.RoutePattern.RawText!.EndsWith("Index", StringComparison.Ordinal))
        )
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').ToLowerInvariant();
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var admitted = true;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
                foreach (var policy in policies)
                    admitted &= (await authorization.AuthorizeAsync(user, policy)).Succeeded;
            if (admitted && !routes.Contains(route) && (account.Length == 0 || !SameForEveryone(route)))
                routes.Add(route);
        }

        // Reading a dossier request needs a request: when none is there yet, the mbo asks the demo school for one.
        if (routes.Contains(ReadRequest))
        {
            await page.GoAsync("/intake/dossierverzoeken");
            if (await page.Page.Locator("main a[href^='/intake/dossierverzoeken/']").CountAsync() == 0)
                await new MboDossierPage(page).RequestAsync(
                    DemoData.PupilKey(SiteFactory.Today, 2),
                    "Controle van de leespagina " + "(toegankelijkheidstest)",
                    "Leerresultaten"
                );
        }

        // Pages without parameters first: their links fill the parameters of the others (a request's id, say).
        var links = new List<string>();
        var paths = new List<string>();
        foreach (var route in routes.OrderBy(r => r.Contains('{', StringComparison.Ordinal)).ThenBy(r => r, StringComparer.Ordinal))
        {
            if (!route.Contains('{', StringComparison.Ordinal))
            {
                paths.Add(route);
                if (
                    routes.Any(r =>
                        r.StartsWith(route + "/{", StringComparison.Ordinal)
                        || r.StartsWith(route + "/", StringComparison.Ordinal) && r.Contains('{', StringComparison.Ordinal)
                    )
                )
                {
                    await page.GoAsync(route);
                    links.AddRange(
                        await page.Page.EvaluateAsync<string[]>(
                            "() => [...document.querySelectorAll('main a[href^=\"/\"]')].map(a => " + "a.getAttribute('href'))"
                        )
                    );
                }
                continue;
            }
            var pattern = new Regex("^" + Parameter().Replace(Regex.Escape(route).Replace(@"\{", "{", StringComparison.Ordinal), "[^/?#]+") + "$");
            var found = links.FirstOrDefault(l => pattern.IsMatch(l) && !routes.Contains(l));
            paths.Add(found ?? Parameter().Replace(route, m => DemoValue(route, m.Groups[1].Value)));
        }
        paths.AddRange(States.Where(s => paths.Contains(s.Route)).Select(s => s.Route + s.Query));
        return paths;
    }

    /// <summary>Pages whose answer to a question is a state of its own: the planner's plan with its timeline, the mbo list.</summary>
    private static readonly (string Route, string Query)[] States =
    [
        ("/planner", "?op=2026-11-30&school=vmbo&leerweg=bb&leerjaar=4&geboortedatum=2010-05-14"),
        ("/instellingen", "?soort=mbo"),
        ("/mijn-loopbaan", "?opgeslagen=activiteit"),
        ("/intake/meeloopdagen", "?dag=" + DemoData.MeeloopdagId(2)),
        ("/intake/meeloopdagen", "?dag=" + DemoData.MeeloopdagId(3)),
    ];

    private const string ReadRequest = "/intake/dossierverzoeken/{id}/{categorie}";

    /// <summary>
    /// The sign-in steps and error pages show the same to everyone but for the header, and the header of each signed-in
    /// role is checked on its other pages: only the visitor visits them, which keeps the run short.
    /// </summary>
    private static bool SameForEveryone(string route) =>
        route.StartsWith("/account/", StringComparison.Ordinal) && route != "/account/uitloggen"
        || route == "/fout"
        || route.StartsWith("/status/", StringComparison.Ordinal);

    /// <summary>A demo value for a route parameter; a new parameter name fails here until it has one.</summary>
    private string DemoValue(string route, string parameter) =>
        parameter switch
        {
            // The demo school's pupil 3 has applied to the demo mbo and has a dossier at school.
            "key" => DemoData.PupilKey(SiteFactory.Today, 3),
            "id" when route.StartsWith("/routes/", StringComparison.Ordinal) => "vm2",
            "id" => "1",
            "categorie" => "leerresultaten",
            "account" => "decaan",
            "brin4" => site.Places.Mbo,
            "brin6" => site.Places.School,
            "code" when route.StartsWith("/status/", StringComparison.Ordinal) => "404",
            "code" => "geen-geldige-uitnodiging",
            _ => throw new InvalidOperationException($"{route}: no demo value for {{{parameter}}}; add one to EveryPageJourney.DemoValue"),
        };

    /// <summary>
    /// /account/verder moves on by a Refresh header (after a school sign-in); the page itself is checked, so the header is
    /// taken off its answer here.
    /// </summary>
    private static async Task KeepOnPageAsync(IPage page) => await page.RouteAsync("**/account/verder*", async route =>
        {
            var response = await route.FetchAsync();
            var headers = response.Headers.Where(h => !h.Key.Equals("refresh", StringComparison.OrdinalIgnoreCase)).ToDictionary(h => h.Key, h => h.Value);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });

    [GeneratedRegex(@"\{([a-z0-9]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Unsafe();
}
