using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>Issue 12, finding 5 through the API: a date outside the contract is a 400; a beheerder voids a wrong event.</summary>
/// <remarks>
/// These tests add events to the shared demo store; the monitor page tests compare the page with a computation of their
/// own on that store, so both run in one collection (one after the other).
/// </remarks>
[Collection(StoreWriters)]
public sealed class PoisonedEventApiTests(SiteFactory site)
{
    /// <summary>The collection of the tests that write the demo store's events and those that need them still.</summary>
    public const string StoreWriters = "demo store events";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9998-09-01")]
    public async Task An_event_dated_outside_the_contract_is_a_400_problem_naming_date_and_is_not_stored(string date)
    {
        var api = await site.Api("intake");
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        var location = DemoData.Places(site.Site.Database).MboLocations[0];

        using var response = await api.PostAsJsonAsync(
            $"/api/v1/pupils/{key}/events",
            new
            {
                date,
                type = "IntakeGehouden",
                institution = location,
                detail = "positief",
            },
            Cancel
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var errors = json.RootElement.GetProperty("errors");
        Assert.Contains("1996-08-01 to 2100-07-31", errors.GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        using var connection = site.Site.Database.ConnectMigrated();
        Assert.Equal(
            0,
            connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM event e JOIN pupil p ON p.id = e.pupil_id WHERE p.pkey = @key AND e.on_date = " + "@date",
                new { key, date }
            )
        );
    }

    [Fact]
    public async Task A_beheerder_voids_a_wrong_event_and_it_no_longer_shows_for_the_decaan()
    {
        var decaan = await site.Api("decaan");
        var key = DemoData.PupilKey(SiteFactory.Today, 2);
        var school = DemoData.Places(site.Site.Database).School;
        using (
            var posted = await decaan.PostAsJsonAsync(
                $"/api/v1/pupils/{key}/events",
                new
                {
                    date = "2026-11-02",
                    type = "Gedoubleerd",
                    institution = school,
                    leerweg = "kb",
                    leerjaar = 4,
                },
                Cancel
            )
        )
        {
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Cancel));
        }
        var wrong = (await Events(decaan, key)).Single(e =>
            e.GetProperty("type").GetString() == "Gedoubleerd" && e.GetProperty("date").GetString() == "2026-11-02"
        );
        var id = wrong.GetProperty("id").GetString();

        var beheer = await site.Api("beheer");
        using var refused = await beheer.PostAsJsonAsync($"/api/v1/pupils/{key}/events/{id}/void", new { reason = "" }, Cancel);
        using var notMine = await decaan.PostAsJsonAsync($"/api/v1/pupils/{key}/events/{id}/void", new { reason = "fout" }, Cancel);
        using var voided = await beheer.PostAsJsonAsync($"/api/v1/pupils/{key}/events/{id}/void", new { reason = "verkeerde leerling" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, voided.StatusCode);
        Assert.DoesNotContain(await Events(decaan, key), e => e.GetProperty("id").GetString() == id);
        Assert.Contains(AuditLog.ForPupil(site.Site.Database, key), a => a.Action == EventCorrections.AuditAction && a.Purpose == "verkeerde leerling");
    }

    [Fact]
    public async Task A_stored_row_the_api_cannot_read_is_left_out_and_counted_instead_of_a_500()
    {
        var key = DemoData.PupilKey(SiteFactory.Today, 7);
        Poison(key, "Bevorderd", "9998-09-01", 77);
        var decaan = await site.Api("decaan");

        using var list = await decaan.GetAsync("/api/v1/pupils?limit=500", Cancel);
        using var pupil = await decaan.GetAsync($"/api/v1/pupils/{key}", Cancel);
        using var events = await decaan.GetAsync($"/api/v1/pupils/{key}/events", Cancel);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pupil.StatusCode);
        using var json = JsonDocument.Parse(await events.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, json.RootElement.GetProperty("skipped").GetInt32());
        // The pupil and the list say so too.
        using var one = JsonDocument.Parse(await pupil.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, one.RootElement.GetProperty("skipped").GetInt32());
        using var page = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Cancel));
        Assert.Contains(page.RootElement.GetProperty("items").EnumerateArray(), p =>
            p.GetProperty("key").GetString() == key && p.GetProperty("skipped").GetInt32() == 1
        );
    }

    [Fact]
    public async Task The_pupil_list_and_timeline_pages_skip_a_row_they_cannot_read_and_say_so()
    {
        var key = DemoData.PupilKey(SiteFactory.Today, 3);
        Poison(key, "Ingeschreven", "0001-01-01", 78);
        using var client = await site.SignedIn("decaan");

        using var list = await client.GetAsync("/leerlingen?aantal=500", Cancel);
        using var timeline = await client.GetAsync("/leerlingen/" + key, Cancel);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        Assert.Contains("1 opgeslagen gebeurtenis kon niet worden gelezen", await timeline.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitor_page_leaves_out_a_row_it_cannot_read_and_says_so()
    {
        Poison(DemoData.PupilKey(SiteFactory.Today, 14), "Uitgeschreven", "2026-13-45", 79);
        using var client = await site.SignedIn("analist");

        using var page = await client.GetAsync("/monitor", Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("niet worden gelezen", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>Puts a row in as SQL would, past every check (each test its own pupil and digest: the store is shared).</summary>
    private void Poison(string key, string kind, string date, long digest)
    {
        using var connection = site.Site.Database.ConnectMigrated();
        connection.Execute(
            """
            INSERT INTO event (pupil_id, kind, on_date, institution, leerweg, leerjaar, digest)
            SELECT id, @kind, @date, @school, 'kb', 4, @digest FROM pupil WHERE pkey = @key
            """,
            new
            {
                key,
                kind,
                date,
                digest,
                school = DemoData.Places(site.Site.Database).School,
            }
        );
    }

    private static async Task<List<JsonElement>> Events(HttpClient api, string key)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/pupils/{key}/events", Cancel));
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }
}
