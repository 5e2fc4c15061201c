using System.Net;
using System.Text.RegularExpressions;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>The pupil's own timeline: their stream, whole, and no one else's.</summary>
public sealed class MyTimelineTests(SiteFactory site)
{
    [Fact]
    public async Task The_pupil_sees_every_event_of_their_own_stream_and_a_link_to_the_planner()
    {
        using var client = await site.SignedIn("leerling");
        var html = await client.GetStringAsync("/mijn-tijdlijn", TestContext.Current.CancellationToken);
        var own = new EventStore(site.Site.Database).Stream(DemoData.PupilKey(SiteFactory.Today, 1)).Where(e => e.Date <= SiteFactory.Today).ToList();
        Assert.NotEmpty(own);
        Assert.Equal(own.Count, Regex.Count(html, "<li class=\"event\">"));
        Assert.Contains("Bevorderd naar leerjaar 4", html, StringComparison.Ordinal);
        Assert.Contains("Nog geen aanmeldingen.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/planner\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pupil_cannot_ask_for_another_pupils_stream()
    {
        using var client = await site.SignedIn("leerling");
        var html = await client.GetStringAsync("/mijn-tijdlijn?key=" + DemoData.PupilKey(SiteFactory.Today, 6), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Afgewezen", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Aangemeld bij", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decaan_has_no_pupil_timeline()
    {
        using var client = await site.SignedIn("decaan");
        await PageText.AssertForbidden(client, await client.GetAsync("/mijn-tijdlijn", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/mijn-tijdlijn", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/inloggen", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
