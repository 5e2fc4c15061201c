using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Doorstroom.Catalogue;

namespace Doorstroom.Web.Tests;

/// <summary>
/// POST /api/v1/plan answers exactly the bytes of the plan JSON writer (PlanJson.Write, compact), whatever way the API
/// serialises them; and the bench's echo (SiteOptions.BenchEcho) exists only on a demo site that switches it on.
/// </summary>
public sealed class PlanAnswerBytesTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{ "on": "2026-11-30", "school": "vmbo", "leerweg": "kb", "leerjaar": 4 }""")]
    [InlineData("""{ "on": "2026-11-30", "school": "vmbo", "leerweg": "tl", "leerjaar": 3, "sector": "economie", "goal": "havo" }""")]
    [InlineData("""{ "on": "2026-05-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 4, "birthDate": "2010-03-01", "goal": "mbo-2" }""")]
    [InlineData("""{ "on": "2026-11-30", "school": "none", "birthDate": "2008-07-15" }""")]
    public async Task The_plan_endpoint_answers_the_plan_json_writer_byte_for_byte(string pupil)
    {
        var api = await site.Api("leerling");
        using var content = new StringContent(pupil, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/api/v1/plan", content, Cancel);
        var answer = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(answer));
        var situation = PupilJson.Parse(Encoding.UTF8.GetBytes(pupil), "body").Situation!;
        var expected = Encoding.UTF8.GetBytes(PlanJson.Write(site.Site.Planner.Plan(situation), indented: false));
        Assert.Equal(expected, answer);
    }

    [Fact]
    public async Task The_bench_echo_is_not_there_unless_switched_on()
    {
        var api = await site.Api("decaan");
        using var content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/api/v1/bench/echo", content, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_bench_echo_switched_on_answers_the_body_to_a_token_and_401_without()
    {
        using var bench = site.WithWebHostBuilder(b => b.UseSetting("Doorstroom:BenchEcho", "true"));
        var token = await site.Token("decaan");
        const string Body = """{"on":"2026-11-30","school":"vmbo","naam":"Zoë"}""";
        using var client = bench.CreateClient();
        using (
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bench/echo") { Content = new StringContent(Body, Encoding.UTF8, "application/json") }
        )
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Encoding.UTF8.GetBytes(Body), await response.Content.ReadAsByteArrayAsync(Cancel));
        }
        using var anonymous = new StringContent(Body, Encoding.UTF8, "application/json");
        using var refused = await client.PostAsync("/api/v1/bench/echo", anonymous, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
