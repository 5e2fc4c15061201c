using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Where to connect (/verbindingen/waar, GET /api/v1/where-to-connect): the analist any school or institution and the national map, a decaan
/// the own school, intake the own institution, anything else not found; the map is an SVG image with a title, a description and a table;
/// the outcomes are labelled as association; a connection in the register shows along its flow.
/// </summary>
[Collection(PoisonedEventApiTests.StoreWriters)]
public sealed partial class WhereToConnectPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DemoPlaces Places => DemoData.Places(site.Site.Database);

    [Fact]
    public async Task The_analist_without_a_choice_sees_the_national_map_as_an_image_with_a_table_alternative()
    {
        using var client = await site.SignedIn("analist");
        var html = await client.GetStringAsync("/verbindingen/waar", Cancel);
        Assert.Matches(MapImage(), html);
        Assert.Contains("<desc id=\"kaart-svg-uitleg\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"f-school\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"f-instelling\"", html, StringComparison.Ordinal);
        Assert.Contains("synthetisch", html, StringComparison.Ordinal);
        Assert.DoesNotContain("DEMO-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_analist_opens_a_school_and_sees_its_flows_gaps_outcomes_as_association_and_its_map()
    {
        using var client = await site.SignedIn("analist");
        using var response = await client.GetAsync($"/verbindingen/waar?school={Places.School}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("id=\"tabel-partners\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"gaten\"", html, StringComparison.Ordinal);
        Assert.Contains("Samenhang, geen effect.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tabel-uitkomsten\"", html, StringComparison.Ordinal);
        Assert.Matches(MapImage(), html);
        // The school itself is on the map, as the highlighted point with its name.
        Assert.Matches("<circle[^>]*r=\"7\"[^>]*><title>", html);
        Assert.DoesNotContain("DEMO-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decaan_sees_the_own_school_and_another_school_is_not_found()
    {
        using var client = await site.SignedIn("decaan");
        using var own = await client.GetAsync("/verbindingen/waar", Cancel);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(
            InstitutionNames.Of(site.Site.Database, Places.School).Split(' ')[0],
            await own.Content.ReadAsStringAsync(Cancel),
            StringComparison.Ordinal
        );
        using var other = await client.GetAsync($"/verbindingen/waar?school={Places.OtherSchool}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var institution = await client.GetAsync($"/verbindingen/waar?instelling={Places.Mbo}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, institution.StatusCode);
    }

    [Fact]
    public async Task Intake_sees_the_own_institution_and_its_feeder_schools_and_nothing_else()
    {
        using var client = await site.SignedIn("intake");
        using var own = await client.GetAsync("/verbindingen/waar", Cancel);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Vmbo-vestiging</th>", await own.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        using var school = await client.GetAsync($"/verbindingen/waar?school={Places.School}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, school.StatusCode);
        using var other = await client.GetAsync($"/verbindingen/waar?instelling={Places.OtherMbo}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("leerling")]
    [InlineData("zorg")]
    [InlineData("beheer")]
    public async Task Other_roles_do_not_reach_the_page(string account)
    {
        using var client = await site.SignedIn(account);
        using var response = await client.GetAsync("/verbindingen/waar", Cancel);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)response.StatusCode is 302 or 403, $"got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_connection_in_the_register_shows_along_its_flow_in_the_api()
    {
        var api = await site.Api("analist");
        using var before = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/where-to-connect?school={Places.School}", Cancel));
        var partner = before.RootElement.GetProperty("partners").EnumerateArray().FirstOrDefault();
        var mbo = partner.ValueKind == JsonValueKind.Object ? partner.GetProperty("code").GetString()! : Places.Mbo;
        var id = $"flows-test-{Guid.NewGuid():N}"[..24];
        ConnectionRegister.Put(
            site.Site.Database,
            new Connection(id, Places.School, mbo, ConnectionForm.WervingVoorlichtingLoopbaan, new DateOnly(2024, 8, 1), null, "Voorlichting", "test"),
            "test",
            SiteFactory.Now
        );
        string json;
        try
        {
            json = await api.GetStringAsync($"/api/v1/where-to-connect?school={Places.School}", Cancel);
        }
        finally
        {
            // The shared demo store keeps no test connection: other tests read the register too.
            using var connection = site.Site.Database.ConnectMigrated();
            Dapper.SqlMapper.Execute(connection, "DELETE FROM connection WHERE id = @id", new { id });
        }
        using var after = JsonDocument.Parse(json);
        var root = after.RootElement;
        Assert.Equal("vo-vestiging", root.GetProperty("side").GetString());
        Assert.True(root.GetProperty("synthetic").GetBoolean());
        var row = root.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("code").GetString() == mbo);
        Assert.Contains(row.GetProperty("connections").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.Contains(row.GetProperty("gap").GetString(), new[] { "verbonden", "verbinding-bij-kleine-stroom" });
        Assert.Contains("association, not an effect", root.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_analist_must_name_a_school_or_an_institution_in_the_api()
    {
        var api = await site.Api("analist");
        using var response = await api.GetAsync("/api/v1/where-to-connect", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var both = await api.GetAsync($"/api/v1/where-to-connect?school={Places.School}&institution={Places.Mbo}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [GeneratedRegex("<svg[^>]* role=\"img\" aria-labelledby=\"kaart-svg-titel kaart-svg-uitleg\"")]
    private static partial Regex MapImage();
}
