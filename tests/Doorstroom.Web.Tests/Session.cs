using System.Text.RegularExpressions;

namespace Doorstroom.Web.Tests;

/// <summary>
/// A browser's session made by hand: an HttpClient without its own cookie handling that keeps the cookies it is sent,
/// so that a test can read a cookie's attributes, copy its value, and replay an old value after signing out.
/// </summary>
public sealed partial class Session(HttpClient client) : IDisposable
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header seen, as sent.</summary>
    public List<string> SetCookies { get; } = [];

    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IDictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
            request.Content = new FormUrlEncodedContent(form);
        if (Cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => c.Key + "=" + c.Value)));
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                SetCookies.Add(value);
                var match = CookiePattern().Match(value);
                if (!match.Success)
                    continue;
                var expired = value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (expired || match.Groups[2].Value.Length == 0)
                    Cookies.Remove(match.Groups[1].Value);
                else
                    Cookies[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }
        return response;
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in through the form; the response of the POST.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password)
    {
        var form = await GetStringAsync("/account/inloggen");
        return await SendAsync(
            HttpMethod.Post,
            "/account/inloggen",
            new Dictionary<string, string>
            {
                ["Username"] = username,
                ["Password"] = password,
                ["__RequestVerificationToken"] = SiteFactory.Token(form),
            }
        );
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("^([^=;]+)=([^;]*)")]
    private static partial Regex CookiePattern();
}
