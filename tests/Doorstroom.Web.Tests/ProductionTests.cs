using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Doorstroom.Web.Tests;

/// <summary>Transport and headers in the Production environment (issue 12, finding 3); Development stays on plain http.</summary>
public sealed class ProductionTests(ProductionSite site, SiteFactory development) : IClassFixture<ProductionSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> TokenAsync()
    {
        using var client = site.Client();
        using var response = await client.PostAsync("/connect/token", Form(), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static FormUrlEncodedContent Form() =>
        new(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ProductionSite.ClientId,
                ["client_secret"] = ProductionSite.ClientSecret,
            }
        );

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_https_answers_with_hsts()
    {
        using var http = site.Client(ProductionSite.Http);
        using var redirected = await http.GetAsync("/routes", Cancel);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal($"https://{ProductionSite.Host}/routes", redirected.Headers.Location?.ToString());

        using var https = site.Client();
        using var served = await https.GetAsync("/routes", Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(",", served.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Behind_the_configured_proxy_a_forwarded_https_request_is_https_and_from_elsewhere_it_is_not()
    {
        using var viaProxy = site.Client(ProductionSite.Http, address: ProductionSite.Proxy);
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.55");
        using var served = await viaProxy.GetAsync("/routes", Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True(served.Headers.Contains("Strict-Transport-Security"));

        using var spoofed = site.Client(ProductionSite.Http, address: "192.0.2.99");
        spoofed.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var refused = await spoofed.GetAsync("/routes", Cancel);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, refused.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/routes")]
    [InlineData("/account/inloggen")]
    [InlineData("/site.css")]
    [InlineData("/bestaat-niet")]
    [InlineData("/api/v1/catalogue/routes")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = site.Client();
        using var response = await client.GetAsync(path, Cancel);
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_pages_need_no_inline_script_or_style_so_the_policy_holds()
    {
        using var client = site.Client();
        foreach (var path in new[] { "/", "/routes", "/planner?op=2026-11-30&school=vmbo&leerweg=kb&leerjaar=3", "/instellingen", "/account/inloggen" })
        {
            var html = await client.GetStringAsync(path, Cancel);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("analist", "/monitor")]
    [InlineData("analist", "/monitor?indicator=switch")]
    [InlineData("decaan", "/leerlingen")]
    [InlineData("decaan", "/leerlingen/DEMO-2027-06")]
    [InlineData("leerling16", "/mijn-dossier")]
    [InlineData("zorgvo", "/dossier/DEMO-2027-03")]
    [InlineData("beheer", "/beheer/accounts")]
    [InlineData("beheer", "/beheer/clients")]
    public async Task The_signed_in_pages_and_their_charts_need_no_inline_script_or_style_either(string account, string path)
    {
        using var client = await development.SignedIn(account);
        var html = await client.GetStringAsync(path, Cancel);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_session_and_antiforgery_cookies_are_secure_httponly_and_samesite_strict()
    {
        using var session = new Session(site.Client());
        using (var signIn = await session.SignInAsync(ProductionSite.Username, ProductionSite.Password))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(session.SetCookies, c => c.StartsWith("doorstroom=", StringComparison.Ordinal));
        Assert.Contains(session.SetCookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        foreach (var cookie in session.SetCookies)
        {
            var attributes = cookie.ToLowerInvariant();
            Assert.Contains("; secure", attributes, StringComparison.Ordinal);
            Assert.Contains("; httponly", attributes, StringComparison.Ordinal);
            Assert.Contains("; samesite=strict", attributes, StringComparison.Ordinal);
        }
        // A signed-in page is not kept by the browser (the back button after signing out shows nothing).
        using var page = await session.SendAsync(HttpMethod.Get, "/");
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_issued_over_https_only()
    {
        using var http = site.Client(ProductionSite.Http);
        using var refused = await http.PostAsync("/connect/token", Form(), Cancel);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("access_token", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await TokenAsync()));
    }

    [Fact]
    public async Task A_bearer_token_counts_in_the_authorization_header_only_never_in_the_query_string()
    {
        var token = await TokenAsync();
        using var client = site.Client();
        using (var inQuery = await client.GetAsync("/api/v1/catalogue/routes?access_token=" + Uri.EscapeDataString(token), Cancel))
            Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var inHeader = await client.GetAsync("/api/v1/catalogue/routes", Cancel);
        Assert.Equal(HttpStatusCode.OK, inHeader.StatusCode);
    }

    [Fact]
    public async Task A_host_that_is_not_allowed_is_refused()
    {
        using var client = site.Client(new Uri("https://elders.example/"));
        using var response = await client.GetAsync("/routes", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Development_stays_on_plain_http_without_redirect_hsts_or_secure_cookies()
    {
        using var client = development.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await client.GetAsync("/account/inloggen", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", string.Join(";", response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        using var token = await development.RequestToken("demo-analist", DemoData.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}

/// <summary>A production site behind a TLS proxy with no <c>https_port</c> set: plain http must still be redirected, not fail.</summary>
public sealed class NoHttpsPortSite : ProductionSite
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("https_port", "")];
}

public sealed class HttpsPortDefaultTests(NoHttpsPortSite site) : IClassFixture<NoHttpsPortSite>
{
    [Theory]
    [InlineData("/routes")]
    [InlineData("/account/inloggen")]
    public async Task Without_an_https_port_setting_plain_http_is_redirected_to_the_default_https_port(string path)
    {
        using var http = site.Client(ProductionSite.Http);
        using var redirected = await http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal($"https://{ProductionSite.Host}{path}", redirected.Headers.Location?.ToString());
    }
}
