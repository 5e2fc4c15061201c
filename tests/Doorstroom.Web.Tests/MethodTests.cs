using System.Net;

namespace Doorstroom.Web.Tests;

/// <summary>A method a page or endpoint does not take is 405 with Allow, not 404 or 400 (issue 12, finding 10).</summary>
public sealed class MethodTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("DELETE", "/api/v1/catalogue/routes", "GET")]
    [InlineData("POST", "/api/v1/institutions/vo", "GET")]
    [InlineData("GET", "/api/v1/plan", "POST")]
    [InlineData("PUT", "/api/v1/pupils/DEMO-2027-06/events", "GET, POST")]
    public async Task A_wrong_method_on_an_api_path_is_a_405_problem(string method, string path, string allow)
    {
        using var api = await site.Api("decaan");
        using var response = await api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("DELETE", "/routes", "GET, HEAD")]
    [InlineData("PUT", "/planner", "GET, HEAD")]
    [InlineData("PATCH", "/account/inloggen", "GET, HEAD, POST")]
    public async Task A_wrong_method_on_a_page_is_a_405_page(string method, string path, string allow)
    {
        using var client = site.Anonymous();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow.Order(StringComparer.Ordinal)));
        Assert.Contains("Niet toegestaan", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_with_a_valid_token_to_a_page_without_a_form_handler_is_405_not_the_page()
    {
        using var client = site.Anonymous();
        var form = await client.GetStringAsync("/account/inloggen", Cancel);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SiteFactory.Token(form) });
        using var response = await client.PostAsync("/routes", content, Cancel);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_path_without_a_token_is_still_a_404_problem()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/api/v1/no-such-thing", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
