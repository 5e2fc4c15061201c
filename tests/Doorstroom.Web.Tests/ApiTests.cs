using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Doorstroom.Web.Tests;

public sealed class ApiTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_client_gets_a_bearer_token_for_client_credentials()
    {
        using var response = await site.RequestToken("demo-decaan", DemoData.ClientSecret);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_wrong_secret_and_an_unknown_client_alike()
    {
        using var wrong = await site.RequestToken("demo-decaan", "not-the-secret");
        using var unknown = await site.RequestToken("no-such-client", "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using var a = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync(Cancel));
        using var b = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("invalid_client", a.RootElement.GetProperty("error").GetString());
        Assert.Equal(a.RootElement.GetRawText(), b.RootElement.GetRawText());
        Assert.False(a.RootElement.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_signed_in_cookie_alone_does_not_open_the_api()
    {
        var browser = await site.SignedIn("decaan");
        using var response = await browser.GetAsync("/api/v1/pupils", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task Paging_walks_every_pupil_of_the_school_exactly_once()
    {
        var api = await site.Api("decaan");
        var seen = new List<string>();
        var url = "/api/v1/pupils?limit=7";
        var pages = 0;
        while (url is not null)
        {
            using var response = await api.GetAsync(url, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 7);
            seen.AddRange(items);
            pages++;
            var next = json.RootElement.GetProperty("next");
            if (next.ValueKind == JsonValueKind.Null)
            {
                Assert.False(response.Headers.Contains("Link"));
                url = null;
            }
            else
            {
                var link = Assert.Single(response.Headers.GetValues("Link"));
                Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
                url = link[1..link.IndexOf('>', StringComparison.Ordinal)];
                Assert.Contains("cursor=" + next.GetString(), url, StringComparison.Ordinal);
            }
        }
        var school = DemoData.Places(site.Site.Database).School;
        var expected = Storage
            .PupilDirectory.SchoolPupils(site.Site.Database, site.Site.Locations(school), null, null, Storage.PupilDirectory.MaxPage, SiteFactory.Today)
            .Items.Select(p => p.Key)
            .ToList();
        Assert.True(pages > 1, "the school's pupils must span more than one page for this test to mean anything");
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(expected, seen);
        Assert.Contains(DemoData.PupilKey(SiteFactory.Today, 1), seen);
    }

    [Fact]
    public async Task A_read_answers_304_when_the_client_holds_its_etag()
    {
        var api = await site.Api("decaan");
        var key = DemoData.PupilKey(SiteFactory.Today, 1);
        using var first = await api.GetAsync($"/api/v1/pupils/{key}", Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pupils/{key}");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await api.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Cancel));
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pupils/{key}");
        stale.Headers.IfNoneMatch.Add(new("\"not-the-tag\""));
        using var third = await api.SendAsync(stale, Cancel);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task An_event_without_its_required_institution_is_a_400_problem_naming_the_field()
    {
        var api = await site.Api("intake");
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        using var response = await api.PostAsJsonAsync(
            $"/api/v1/pupils/{key}/events",
            new
            {
                date = "2026-11-30",
                type = "Toegelaten",
                niveau = 9,
            },
            Cancel
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("institution", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("niveau", out _), errors.GetRawText());
    }

    [Fact]
    public async Task An_event_of_an_unknown_type_is_a_400_problem_naming_type()
    {
        var api = await site.Api("intake");
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        using var response = await api.PostAsJsonAsync($"/api/v1/pupils/{key}/events", new { type = "Geslaagd" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("type", out _));
    }

    [Fact]
    public async Task The_plan_endpoint_answers_the_plan_json_of_the_contract()
    {
        var api = await site.Api("leerling");
        using var content = new StringContent(
            """{ "on": "2026-11-30", "school": "vmbo", "leerweg": "kb", "leerjaar": 4 }""",
            System.Text.Encoding.UTF8,
            "application/json"
        );
        using var response = await api.PostAsync("/api/v1/plan", content, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("2026-11-30", json.RootElement.GetProperty("on").GetString());
        Assert.True(json.RootElement.GetProperty("routes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_pupil_document_with_an_unknown_field_is_a_400_problem_naming_it()
    {
        var api = await site.Api("leerling");
        using var content = new StringContent("""{ "on": "2026-11-30", "school": "vmbo", "leerwegg": "kb" }""", System.Text.Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/api/v1/plan", content, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("leerwegg", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitor_shows_no_count_from_1_to_4()
    {
        var api = await site.Api("analist");
        using var response = await api.GetAsync("/api/v1/monitor?by=cohort,leerweg", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var rows = json.RootElement.GetProperty("indicators").EnumerateArray().SelectMany(i => i.GetProperty("rows").EnumerateArray()).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            foreach (var name in new[] { "population", "hits" })
            {
                var text = row.GetProperty(name).GetString()!;
                Assert.True(text == "<5" || long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) is 0 or >= 5, $"{name} {text}");
            }
            var population = row.GetProperty("population").GetString()!;
            if (population == "<5" || long.Parse(population, System.Globalization.CultureInfo.InvariantCulture) < 10)
                Assert.Equal(JsonValueKind.Null, row.GetProperty("rate").ValueKind);
        }
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_a_page()
    {
        var api = await site.Api("decaan");
        using var response = await api.GetAsync("/api/v1/no-such-thing", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
