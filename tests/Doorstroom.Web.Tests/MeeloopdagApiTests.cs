using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// /api/v1/meeloopdagen: a day published by the intake, a place and a waiting list filled by the decaan, the freed place going to the
/// first who waits, attendance once; another institution's intake and another school's decaan get the 404 of an unknown key.
/// </summary>
public sealed class MeeloopdagApiTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone();

    [Fact]
    public async Task A_day_with_one_place_gives_it_to_one_pupil_then_to_the_first_who_waits_and_records_attendance_once()
    {
        var intake = await site.Api("intake");
        var decaan = await site.Api("decaan");
        var crebo = MeeloopdagStore.Day(site.Site.Database, DemoData.MeeloopdagId(1))!.Day.Crebo;
        var location = DemoData.Places(site.Site.Database).MboLocations[0];

        using var published = await intake.PostAsJsonAsync(
            "/api/v1/meeloopdagen",
            new
            {
                location,
                crebo,
                date = "2026-11-30",
                places = 1,
            },
            Cancel
        );
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var id = (await Json(published)).GetProperty("id").GetString()!;

        using var first = await decaan.PostAsJsonAsync($"/api/v1/meeloopdagen/{id}/signups", new { pupil = Key(6) }, Cancel);
        using var second = await decaan.PostAsJsonAsync($"/api/v1/meeloopdagen/{id}/signups", new { pupil = Key(8) }, Cancel);
        Assert.Equal("aangemeld", (await Json(first)).GetProperty("status").GetString());
        var waiting = await Json(second);
        Assert.Equal(("wachtlijst", 1), (waiting.GetProperty("status").GetString(), waiting.GetProperty("waitingPlace").GetInt32()));

        using var off = await decaan.DeleteAsync($"/api/v1/meeloopdagen/{id}/signups/{Key(6)}", Cancel);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        using var mine = await decaan.GetAsync($"/api/v1/meeloopdagen/signups?pupil={Key(8)}", Cancel);
        var items = (await Json(mine)).GetProperty("items").EnumerateArray().Where(i => i.GetProperty("day").GetString() == id).ToList();
        Assert.Equal("aangemeld", Assert.Single(items).GetProperty("status").GetString());

        using var came = await intake.PostAsJsonAsync($"/api/v1/meeloopdagen/{id}/signups/{Key(8)}/attendance", new { came = true }, Cancel);
        using var again = await intake.PostAsJsonAsync($"/api/v1/meeloopdagen/{id}/signups/{Key(8)}/attendance", new { came = false }, Cancel);
        Assert.Equal("bijgewoond", (await Json(came)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(new EventStore(site.Site.Database).Stream(Key(8)), e => e.Kind == EventKind.MeeloopdagBijgewoond && e.Detail == id);
    }

    [Fact]
    public async Task Another_institution_and_another_school_get_the_404_of_an_unknown_key()
    {
        var other = await site.Api("intake2");
        using var signUps = await other.GetAsync($"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(2)}/signups", Cancel);
        using var cancel = await other.PostAsync($"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(1)}/cancel", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, signUps.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.DoesNotContain("DEMO-", await signUps.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var decaan = await site.Api("decaan");
        using var outside = await decaan.PostAsJsonAsync($"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(1)}/signups", new { pupil = Key(11) }, Cancel);
        using var unknown = await decaan.PostAsJsonAsync($"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(1)}/signups", new { pupil = "DEMO-0000-99" }, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(Without(await unknown.Content.ReadAsStringAsync(Cancel)), Without(await outside.Content.ReadAsStringAsync(Cancel)));

        var pupil = await site.Api("leerling");
        using var someoneElse = await pupil.DeleteAsync($"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(2)}/signups/{Key(6)}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, someoneElse.StatusCode);
        Assert.Equal(
            MeeloopStatus.Aangemeld,
            MeeloopdagStore.OfPupil(site.Site.Database, Key(6)).Single(m => m.Day.Day.Id == DemoData.MeeloopdagId(2)).SignUp.Status
        );
    }

    [Fact]
    public async Task Publishing_with_wrong_fields_names_each_field()
    {
        var intake = await site.Api("intake");
        using var response = await intake.PostAsJsonAsync(
            "/api/v1/meeloopdagen",
            new
            {
                location = "99XX01",
                crebo = 12,
                date = "2020-01-01",
                places = 0,
            },
            Cancel
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal(["crebo", "date", "location", "places"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static string Without(string body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }
}
