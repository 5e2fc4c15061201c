using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Doorstroom.Web.Tests;

/// <summary>Access tokens of the demo API clients (demo-&lt;account&gt;), fetched once per client from /connect/token.</summary>
public static class ApiClients
{
    private static readonly ConcurrentDictionary<string, Task<string>> Tokens = new(StringComparer.Ordinal);

    /// <summary>The token request for a client id and secret.</summary>
    public static Task<HttpResponseMessage> RequestToken(this SiteFactory site, string clientId, string secret)
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = site.Anonymous();
        return client.PostAsync(
            "/connect/token",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = secret,
                }
            ),
            TestContext.Current.CancellationToken
        );
    }

    /// <summary>An access token of demo client demo-<paramref name="account"/>.</summary>
    public static Task<string> Token(this SiteFactory site, string account) => Tokens.GetOrAdd(account, async a =>
        {
            using var response = await site.RequestToken("demo-" + a, DemoData.ClientSecret);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"no token for demo-{a}: {(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("access_token").GetString()!;
        });

    /// <summary>A client without cookies that sends the bearer token of demo-<paramref name="account"/>, or no token when null.</summary>
    public static async Task<HttpClient> Api(this SiteFactory site, string? account)
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = site.Anonymous();
        if (account is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await site.Token(account));
        return client;
    }
}
