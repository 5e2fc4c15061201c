using System.Net;
using System.Text.Json.Nodes;
using Doorstroom.Web.Api;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The NL API Design Rules (decision 0032) as the API keeps them at run time: the major version in the URI, the full version
/// in an API-Version header on every answer, a 400 problem for a path parameter the API does not read, and the document
/// that says so. Spectral with Logius's ruleset lints the committed document in CI; these tests hold the served behaviour.
/// </summary>
public sealed class ApiDesignRulesTests(SiteFactory site)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answer_of_the_api_carries_the_full_version_success_not_modified_and_errors_alike()
    {
        using var api = await site.Api("decaan");
        using var ok = await api.GetAsync("/api/v1/catalogue/routes", Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalogue/routes");
        again.Headers.IfNoneMatch.Add(ok.Headers.ETag!);
        using var notModified = await api.SendAsync(again, Ct);
        using var anonymous = site.Anonymous();
        using var unauthorized = await anonymous.GetAsync("/api/v1/pupils", Ct);
        using var missing = await api.GetAsync("/api/v1/no-such-thing", Ct);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound],
            [ok.StatusCode, notModified.StatusCode, unauthorized.StatusCode, missing.StatusCode]
        );
        foreach (var response in new[] { ok, notModified, unauthorized, missing })
            Assert.Equal(["1.0.0"], response.Headers.GetValues("API-Version"));
    }

    [Fact]
    public async Task The_api_without_its_major_version_is_a_404_problem_not_a_page()
    {
        using var api = await site.Api("decaan");
        using var response = await api.GetAsync("/api/pupils", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_path_parameter_the_api_does_not_read_is_a_400_problem_that_names_it_and_not_its_value()
    {
        using var api = await site.Api("decaan");
        var tooLong = new string('K', 65);
        using var response = await api.GetAsync($"/api/v1/pupils/{tooLong}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"key\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(tooLong, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documents_contact_is_the_one_the_operator_set()
    {
        using var configured = site.WithWebHostBuilder(b =>
        {
            b.UseSetting("Doorstroom:Api:ContactName", "Servicedesk Testregio");
            b.UseSetting("Doorstroom:Api:ContactEmail", "api@testregio.example");
        });
        using var anonymous = configured.CreateClient();
        var contact = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct))!["info"]!["contact"]!;

        Assert.Equal("Servicedesk Testregio", (string?)contact["name"]);
        Assert.Equal("api@testregio.example", (string?)contact["email"]);
    }

    [Fact]
    public async Task The_document_puts_the_major_version_in_the_server_url_and_documents_headers_400s_and_dates()
    {
        using var anonymous = site.Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct))!;

        Assert.Equal("1.0.0", (string?)document["info"]!["version"]);
        Assert.Equal("/api/v1", (string?)document["servers"]![0]!["url"]);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            Assert.DoesNotContain("/api", path, StringComparison.Ordinal);
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '2' or '3'))
                    Assert.True(response!["headers"]?["API-Version"] is not null, $"{method} {path} {status}: no API-Version header documented");
                var takesInput = operation["parameters"] is JsonArray { Count: > 0 } || operation["requestBody"] is not null;
                Assert.True(!takesInput || responses.ContainsKey("400"), $"{method} {path}: takes input but documents no 400");
            }
        }
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.Equal("date", (string?)schemas["EventDto"]!["properties"]!["date"]!["format"]);
        Assert.Equal("date", (string?)schemas["PupilDocument"]!["properties"]!["birthDate"]!["format"]);
    }

    [Theory]
    [InlineData("date", true)]
    [InlineData("birthDate", true)]
    [InlineData("expiresDate", true)]
    [InlineData("update", false)]
    [InlineData("Date", false)]
    [InlineData("dateOfBirth", false)]
    public void A_property_is_a_date_by_its_name_as_the_design_rules_read_it(string name, bool isDate) => Assert.Equal(isDate, ApiDesignRules.IsDateName(name));
}
