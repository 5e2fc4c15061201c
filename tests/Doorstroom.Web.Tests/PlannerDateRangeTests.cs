using System.Net;
using System.Text.Json;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The contract's date range (docs/pupil-and-plan-json.md "Dates") in /api/v1/plan, /api/v1/admission and the planner page:
/// the last valid day is answered, the first invalid day is a 400 problem naming the field or a Dutch error at the
/// form's field — never a 500.
/// </summary>
public sealed class PlannerDateRangeTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Body)> Post(string path, string pupil)
    {
        var api = await site.Api("leerling");
        using var content = new StringContent(pupil, System.Text.Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(path, content, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json.RootElement.Clone());
    }

    private static void IsProblemNaming((HttpStatusCode Status, string? MediaType, JsonElement Body) r, string field, string mention)
    {
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("application/problem+json", r.MediaType);
        Assert.True(r.Body.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {r.Body}");
        Assert.Contains(mention, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1996-08-01")]
    [InlineData("2100-07-31")]
    public async Task The_plan_api_answers_on_the_first_and_last_day_of_the_range(string on)
    {
        var r = await Post(
            "/api/v1/plan",
            $$"""{ "on": "{{on}}", "school": "vmbo", "leerweg": "bb", "leerjaar": 1, "birthDate": "1900-01-01", "appliedOn": "{{on}}" }"""
        );

        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(on, r.Body.GetProperty("on").GetString());
        Assert.Equal(13, r.Body.GetProperty("routes").GetArrayLength());
    }

    [Theory]
    [InlineData("1996-07-31")]
    [InlineData("2100-08-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task The_plan_api_refuses_a_question_date_outside_the_range_with_a_400_naming_on(string on)
    {
        IsProblemNaming(
            await Post("/api/v1/plan", $$"""{ "on": "{{on}}", "school": "vmbo", "leerweg": "bb", "leerjaar": 2 }"""),
            "on",
            "1996-08-01 to 2100-07-31"
        );
    }

    [Fact]
    public async Task The_plan_api_refuses_a_birth_date_before_1900_an_application_after_the_range_and_a_diploma_year_after_2100()
    {
        IsProblemNaming(await Post("/api/v1/plan", """{ "on": "2026-11-30", "school": "none", "birthDate": "1899-12-31" }"""), "birthDate", "1900-01-01");
        IsProblemNaming(await Post("/api/v1/plan", """{ "on": "2026-11-30", "school": "none", "appliedOn": "2100-08-01" }"""), "appliedOn", "2100-07-31");
        IsProblemNaming(
            await Post("/api/v1/plan", """{ "on": "2026-11-30", "school": "none", "diplomas": [ { "kind": "vmbo-bb", "year": 2101 } ] }"""),
            "diplomas[0].year",
            "1950 to 2100"
        );
    }

    [Theory]
    [InlineData("2100-08-01")]
    [InlineData("9999-12-31")]
    public async Task The_admission_api_refuses_a_question_date_outside_the_range_with_a_400_naming_on(string on)
    {
        IsProblemNaming(
            await Post("/api/v1/admission?crebo=25502", $$"""{ "on": "{{on}}", "school": "none", "diplomas": [ { "kind": "vmbo-tl" } ] }"""),
            "on",
            "2100-07-31"
        );
    }

    [Fact]
    public async Task The_admission_api_answers_on_the_last_day_of_the_range()
    {
        Assert.SkipUnless(RealData.HasQualifications(site.Site.Options.DataDir), "the kwalificatiestructuur (real data) is absent");

        var r = await Post(
            "/api/v1/admission?crebo=25502",
            """{ "on": "2100-07-31", "school": "none", "diplomas": [ { "kind": "vmbo-tl", "year": 2100 } ] }"""
        );

        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("admissible", r.Body.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_planner_page_plans_the_last_day_of_the_range()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync(
            "/planner?op=2100-07-31&school=vmbo&leerweg=tl&leerjaar=4&geboortedatum=1900-01-01&aangemeld=2100-07-31",
            Cancel
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.DoesNotContain("field-error", html, StringComparison.Ordinal);
        Assert.Contains("Uitkomst op 31 juli 2100", html, StringComparison.Ordinal);
        Assert.Contains("id=\"open-routes\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("op=2100-08-01", "op", "Vul een datum in van 1 augustus 1996 tot en met 31 juli 2100")]
    [InlineData("op=1996-07-31", "op", "Vul een datum in van 1 augustus 1996 tot en met 31 juli 2100")]
    [InlineData("op=9999-12-31", "op", "Vul een datum in van 1 augustus 1996 tot en met 31 juli 2100")]
    [InlineData("op=0001-01-01", "op", "Vul een datum in van 1 augustus 1996 tot en met 31 juli 2100")]
    [InlineData("op=2026-11-30&geboortedatum=1899-12-31", "geboortedatum", "Vul een datum in van 1 januari 1900 tot en met")]
    [InlineData("op=2026-11-30&aangemeld=2100-08-01", "aangemeld", "Vul een datum in van 1 augustus 1996 tot en met 31 juli 2100")]
    public async Task The_planner_page_gives_a_Dutch_error_at_a_date_field_outside_the_range_and_no_plan(string query, string field, string message)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/planner?school=vmbo&leerweg=bb&leerjaar=2&" + query, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains($"<p class=\"field-error\" id=\"{field}-fout\">{message}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"open-routes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_planner_form_offers_the_contract_range_as_min_and_max_of_its_date_fields()
    {
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/planner", Cancel);

        Assert.Matches("id=\"op\"[^>]*min=\"1996-08-01\"[^>]*max=\"2100-07-31\"", html);
        Assert.Matches("id=\"geboortedatum\"[^>]*min=\"1900-01-01\"", html);
    }
}
