using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;

namespace Doorstroom.Web.Tests;

/// <summary>A production site whose store breaks after start: the tables behind the pages and endpoints below are gone.</summary>
public sealed class BrokenStoreSite : ProductionSite, IAsyncLifetime
{
    /// <summary>A token fetched while the store still worked.</summary>
    public string Token { get; private set; } = "";

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        using var client = Client();
        using var response = await client.PostAsync(
            "/connect/token",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = ClientId,
                    ["client_secret"] = ClientSecret,
                }
            )
        );
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Token = json.RootElement.GetProperty("access_token").GetString()!;
        using var connection = Site.Database.ConnectMigrated();
        connection.Execute("PRAGMA foreign_keys = OFF; DROP TABLE account; DROP TABLE vo_vestiging; DROP TABLE pupil;");
    }
}

/// <summary>A server fault in Production is a 500 for every method: problem+json under /api, the error page elsewhere (issue 12, finding 4).</summary>
public sealed class ServerFaultTests(BrokenStoreSite site) : IClassFixture<BrokenStoreSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Api()
    {
        var client = site.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Token);
        return client;
    }

    private static async Task AssertProblem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(500, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("An error occurred on the server", json.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("traceId").GetString()));
        AssertNoTrace(body);
    }

    private static async Task AssertErrorPage(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Er ging iets mis", body, StringComparison.Ordinal);
        AssertNoTrace(body);
    }

    private static void AssertNoTrace(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("no such table", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Doorstroom", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_api_get_is_a_500_problem_not_a_page()
    {
        using var client = Api();
        using var response = await client.GetAsync("/api/v1/institutions/vo", Cancel);
        await AssertProblem(response);
    }

    [Fact]
    public async Task A_failing_api_post_is_a_500_problem_not_an_empty_400()
    {
        using var client = Api();
        using var content = new StringContent("""{"type":"aangemeld","date":"2026-11-01"}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/v1/pupils/P-1/events", content, Cancel);
        await AssertProblem(response);
    }

    [Fact]
    public async Task A_failing_page_get_is_the_500_error_page()
    {
        using var client = site.Client();
        using var response = await client.GetAsync("/instellingen", Cancel);
        await AssertErrorPage(response);
    }

    [Fact]
    public async Task A_failing_page_post_is_the_500_error_page()
    {
        using var session = new Session(site.Client());
        using var response = await session.SignInAsync(ProductionSite.Username, ProductionSite.Password);
        await AssertErrorPage(response);
    }
}
