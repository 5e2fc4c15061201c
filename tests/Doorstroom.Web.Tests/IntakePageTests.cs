using System.Net;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>The intake officer's applicant list, the applicant page and recording an intake, against the demo data.</summary>
public sealed class IntakePageTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private int StoredEvents(string key) => new EventStore(site.Site.Database).Stream(key).Count;

    private static async Task<HttpResponseMessage> Record(HttpClient client, string key, Dictionary<string, string> fields)
    {
        // Any form of the site gives the signed-in caller's antiforgery token (the zorgcoördinator's page has no form).
        var form = await client.GetStringAsync("/account/inloggen", TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = SiteFactory.Token(form);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/intake/" + key, content, TestContext.Current.CancellationToken);
    }

    private string Application(string key)
    {
        var application = Domain.Applications.Of(new EventStore(site.Site.Database).Stream(key)).Single();
        return $"{application.Institution}:{application.Crebo}";
    }

    [Fact]
    public async Task The_intake_officer_sees_an_applicant_to_the_institution_but_not_one_who_applied_elsewhere()
    {
        using var client = await site.SignedIn("intake");
        var keys = await PageText.Keys(client, "/intake?aantal=500", "/intake/");
        Assert.Contains(Key(2), keys);
        Assert.DoesNotContain(Key(7), keys);
        using var response = await client.GetAsync("/intake/" + Key(7), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_status_filter_keeps_only_applicants_with_that_status()
    {
        using var client = await site.SignedIn("intake");
        var refused = await PageText.Keys(client, "/intake?status=Afgewezen&aantal=500", "/intake/");
        Assert.Contains(Key(6), refused);
        Assert.DoesNotContain(Key(5), refused);
        var admitted = await PageText.Keys(client, "/intake?status=Toegelaten&aantal=500", "/intake/");
        Assert.Contains(Key(5), admitted);
        Assert.DoesNotContain(Key(6), admitted);
    }

    [Fact]
    public async Task The_intake_officer_does_not_see_the_vo_history_of_an_applicant()
    {
        using var client = await site.SignedIn("intake");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/intake/" + Key(6), TestContext.Current.CancellationToken));
        var school = InstitutionNames.All(site.Site.Database)[DemoData.Places(site.Site.Database).School];
        Assert.Contains("Aangemeld bij een mbo-opleiding", html, StringComparison.Ordinal);
        Assert.Contains("Afgewezen, reden: opleiding vol", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Bevorderd naar leerjaar", html, StringComparison.Ordinal);
        Assert.DoesNotContain(school, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_an_intake_and_then_an_admission_changes_the_status()
    {
        using var client = await site.SignedIn("intake");
        var key = Key(2);
        var application = Application(key);
        using (
            var first = await Record(
                client,
                key,
                new()
                {
                    ["Aanmelding"] = application,
                    ["Datum"] = Day(SiteFactory.Today.AddDays(-2)),
                    ["Uitkomst"] = "positief",
                    ["Besluit"] = "",
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            var page = await client.GetStringAsync(first.Headers.Location!, TestContext.Current.CancellationToken);
            Assert.Contains("De intake is vastgelegd.", page, StringComparison.Ordinal);
            Assert.Equal(["intake gehouden"], PageText.Statuses(page));
        }
        using (
            var second = await Record(
                client,
                key,
                new()
                {
                    ["Aanmelding"] = application,
                    ["Datum"] = Day(SiteFactory.Today),
                    ["Uitkomst"] = "",
                    ["Besluit"] = "toegelaten",
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
            var page = await client.GetStringAsync(second.Headers.Location!, TestContext.Current.CancellationToken);
            Assert.Equal(["toegelaten"], PageText.Statuses(page));
        }
        var stream = new EventStore(site.Site.Database).Stream(key);
        Assert.Contains(stream, e => e.Kind == Domain.EventKind.IntakeGehouden && e.Detail == "positief" && e.Date == SiteFactory.Today.AddDays(-2));
        Assert.Contains(stream, e => e.Kind == Domain.EventKind.Toegelaten && e.Date == SiteFactory.Today);
    }

    [Fact]
    public async Task A_refusal_without_a_reason_is_a_field_error_and_nothing_is_stored()
    {
        using var client = await site.SignedIn("intake");
        var key = Key(3);
        var before = StoredEvents(key);
        using var response = await Record(
            client,
            key,
            new()
            {
                ["Aanmelding"] = Application(key),
                ["Datum"] = Day(SiteFactory.Today),
                ["Uitkomst"] = "",
                ["Besluit"] = "afgewezen",
                ["Reden"] = " ",
            }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "Geef de reden van de afwijzing.",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal
        );
        Assert.Equal(before, StoredEvents(key));
    }

    [Fact]
    public async Task A_refusal_reason_of_500_characters_is_stored_and_an_absurd_one_is_a_field_error()
    {
        // A copy of pupil 03 (an open application after a positive intake), so refusing it leaves the shared demo data alone.
        var key = "DEMO-REDEN-500";
        var store = new EventStore(site.Site.Database);
        store.Append(
            [.. store.Stream(Key(3)).Select(e => new EventRecord(e with { Pupil = key }, Synthetic: true))],
            cancellationToken: TestContext.Current.CancellationToken
        );
        using var client = await site.SignedIn("intake");
        var before = StoredEvents(key);
        using (
            var tooLong = await Record(
                client,
                key,
                new()
                {
                    ["Aanmelding"] = Application(key),
                    ["Datum"] = Day(SiteFactory.Today),
                    ["Uitkomst"] = "negatief",
                    ["Besluit"] = "afgewezen",
                    ["Reden"] = new string('r', Domain.EventShapes.MaxDetailLength + 1),
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
            Assert.Contains(
                $"De reden is te lang: hoogstens {Domain.EventShapes.MaxDetailLength} " + $"tekens.",
                await tooLong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
                StringComparison.Ordinal
            );
            Assert.Equal(before, StoredEvents(key));
        }
        var reason = "De opleiding is vol en " + new string('x', 480) + " einde.";
        Assert.True(reason.Length >= 500);
        using var stored = await Record(
            client,
            key,
            new()
            {
                ["Aanmelding"] = Application(key),
                ["Datum"] = Day(SiteFactory.Today),
                ["Uitkomst"] = "negatief",
                ["Besluit"] = "afgewezen",
                ["Reden"] = reason,
            }
        );
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Contains(new EventStore(site.Site.Database).Stream(key), e => e.Kind == Domain.EventKind.Afgewezen && e.Detail == reason);
    }

    [Theory]
    [InlineData(1, "De datum ligt in de toekomst")]
    [InlineData(-400, "De datum ligt vóór de aanmelding")]
    public async Task An_intake_date_in_the_future_or_before_the_application_is_refused(int days, string message)
    {
        using var client = await site.SignedIn("intake");
        var key = Key(3);
        var before = StoredEvents(key);
        using var response = await Record(
            client,
            key,
            new()
            {
                ["Aanmelding"] = Application(key),
                ["Datum"] = Day(SiteFactory.Today.AddDays(days)),
                ["Uitkomst"] = "negatief",
                ["Besluit"] = "",
            }
        );
        Assert.Contains(
            message,
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            StringComparison.Ordinal
        );
        Assert.Equal(before, StoredEvents(key));
    }

    [Fact]
    public async Task A_zorgcoordinator_sees_the_applicant_but_cannot_record_an_intake()
    {
        using var client = await site.SignedIn("zorg");
        var key = Key(3);
        var page = await client.GetStringAsync("/intake/" + key, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Intake en uitkomst vastleggen", page, StringComparison.Ordinal);
        var before = StoredEvents(key);
        await PageText.AssertForbidden(
            client,
            await Record(
                client,
                key,
                new()
                {
                    ["Aanmelding"] = Application(key),
                    ["Datum"] = Day(SiteFactory.Today),
                    ["Uitkomst"] = "negatief",
                }
            )
        );
        Assert.Equal(before, StoredEvents(key));
    }

    [Fact]
    public async Task An_intake_officer_of_another_institution_cannot_see_or_record_for_the_applicant()
    {
        using var client = await site.SignedIn("intake2");
        var key = Key(3);
        using var page = await client.GetAsync("/intake/" + key, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var form = await client.GetStringAsync("/account/inloggen", TestContext.Current.CancellationToken);
        var before = StoredEvents(key);
        using var content = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Aanmelding"] = Application(key),
                ["Datum"] = Day(SiteFactory.Today),
                ["Uitkomst"] = "negatief",
                ["__RequestVerificationToken"] = SiteFactory.Token(form),
            }
        );
        using var response = await client.PostAsync("/intake/" + key, content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, StoredEvents(key));
    }

    [Fact]
    public async Task A_decaan_has_no_access_to_the_intake_pages()
    {
        using var client = await site.SignedIn("decaan");
        await PageText.AssertForbidden(client, await client.GetAsync("/intake", TestContext.Current.CancellationToken));
    }
}
