using System.Net;
using Doorstroom.Domain;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The analyst's page of the doubt signals measured (issue 16 item 3): only the analist reaches it; it shows every signal
/// with its method, says that it is an association, and on the demo's simulated pupils that it measures the simulator's
/// assumptions; no pupil key appears.
/// </summary>
[Collection(PoisonedEventApiTests.StoreWriters)]
public sealed class SignalMeasuresPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_analist_sees_every_signal_as_an_association_measured_on_synthetic_pupils()
    {
        using var client = await site.SignedIn("analist");
        using var response = await client.GetAsync("/monitor/signalen", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("samenhang, geen effect", html, StringComparison.Ordinal);
        Assert.Contains("Katz", html, StringComparison.Ordinal);
        Assert.Contains("aannames van de simulator", html, StringComparison.Ordinal);
        foreach (var rule in DoubtSignals.Rules)
            Assert.Contains($"id=\"signaal-{Pages.Leerlingen.DoubtFilter.Value(rule.Kind)}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("DEMO-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SIM-", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decaan")]
    [InlineData("intake")]
    public async Task A_signed_in_user_without_the_analist_role_is_refused(string username)
    {
        using var client = await site.SignedIn(username);
        using var response = await client.GetAsync("/monitor/signalen", Cancel);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
