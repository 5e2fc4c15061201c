using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>A call's status and body.</summary>
public sealed record Answer(HttpStatusCode Status, string Body, string? MediaType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The rule a 403 problem names.</summary>
    public string? Rule => Json.TryGetProperty("rule", out var rule) ? rule.GetString() : null;
}

/// <summary>Calls on the dossier API of any test site, and API clients made for a test.</summary>
public static class DossierCalls
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<Answer> Send(this HttpClient api, HttpMethod method, string url, object? json = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(method, url);
        if (json is string raw)
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (json is not null)
            request.Content = JsonContent.Create(json);
        using var response = await api.SendAsync(request, Cancel);
        return new(response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<Answer> Get(this HttpClient api, string url) => api.Send(HttpMethod.Get, url);

    public static Task<Answer> Post(this HttpClient api, string url, object json) => api.Send(HttpMethod.Post, url, json);

    /// <summary>Stores an API client (secret <see cref="DemoData.ClientSecret"/>) bound as given; a second call changes nothing.</summary>
    public static void SaveClient(IServiceProvider services, string clientId, string role, string? institution, string? pupil)
    {
        var site = services.GetRequiredService<SiteServices>();
        if (Accounts.FindClient(site.Database, clientId) is not null)
            return;
        var hash = services.GetRequiredService<AccountService>().Hash(DemoData.ClientSecret);
        Accounts.SaveClient(site.Database, new ApiClient(clientId, hash, role, institution, pupil, "test client " + role, Demo: true));
    }

    /// <summary>A client of the site that sends the bearer token of API client <paramref name="clientId"/>.</summary>
    public static async Task<HttpClient> Bearer<TEntry>(WebApplicationFactory<TEntry> site, string clientId)
        where TEntry : class
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = DemoData.ClientSecret,
            }
        );
        using var response = await client.PostAsync("/connect/token", form, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"no token for {clientId}: {(int)response.StatusCode} {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()
        );
        return client;
    }

    /// <summary>Writes an entry as <paramref name="school"/> and releases it (or not); returns the entry's id.</summary>
    public static async Task<long> WriteEntry(this HttpClient school, string pupil, string category, string body, bool release = true)
    {
        var written = await school.Post(
            $"/api/v1/pupils/{pupil}/dossier",
            new
            {
                category,
                kind = "notitie",
                date = "2026-11-02",
                body,
            }
        );
        Assert.True(written.Status == HttpStatusCode.Created, written.Body);
        var id = written.Json.GetProperty("id").GetInt64();
        if (release)
        {
            var released = await school.Post($"/api/v1/pupils/{pupil}/dossier/{id}/release", new { released = true });
            Assert.True(released.Status == HttpStatusCode.OK, released.Body);
        }
        return id;
    }
}

/// <summary>
/// The transfer-dossier API (rulebook §10) on the shared test site: each rule through the endpoints, bad input as 400
/// problems naming the field, and text that would be SQL or script stored and returned exactly as given.
/// </summary>
public sealed class DossierApiTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private DemoPlaces Places => DemoData.Places(site.Site.Database);

    private async Task<HttpClient> As(string account) => await site.Api(account);

    /// <summary>A test API client bound as given (made once), with its token.</summary>
    private async Task<HttpClient> Bound(string clientId, string role, string? institution, string? pupil)
    {
        DossierCalls.SaveClient(site.Services, clientId, role, institution, pupil);
        return await DossierCalls.Bearer(site, clientId);
    }

    private async Task<string> RequestAs(string account, int pupil, params string[] categories)
    {
        var made = await (await As(account)).Post(
            "/api/v1/dossier-requests",
            new
            {
                pupil = Key(pupil),
                purpose = "plaatsing en begeleiding",
                categories,
            }
        );
        Assert.True(made.Status == HttpStatusCode.Created, made.Body);
        return made.Json.GetProperty("id").GetString()!;
    }

    private static void AssertRefused(Answer answer, HttpStatusCode status, string? rule, params string[] secrets)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.MediaType);
        if (rule is not null)
            Assert.Equal(rule, answer.Rule);
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_before_the_pupil_applied_to_the_institution_is_refused_by_P2()
    {
        var intake = await As("intake");
        // 01 applied nowhere; 07 applied only to the other mbo.
        foreach (var n in new[] { 1, 7 })
        {
            var refused = await intake.Post(
                "/api/v1/dossier-requests",
                new
                {
                    pupil = Key(n),
                    purpose = "plaatsing",
                    categories = new[] { "leerresultaten" },
                }
            );
            AssertRefused(refused, HttpStatusCode.Forbidden, "P2");
            Assert.Contains("aangemeld", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var unknown = await intake.Post(
            "/api/v1/dossier-requests",
            new
            {
                pupil = "DEMO-2027-99",
                purpose = "plaatsing",
                categories = new[] { "leerresultaten" },
            }
        );
        AssertRefused(unknown, HttpStatusCode.NotFound, null, "DEMO-2027-99");
        // After the application to the other mbo, the other mbo may ask.
        var other = await As("intake2");
        var allowed = await other.Post(
            "/api/v1/dossier-requests",
            new
            {
                pupil = Key(7),
                purpose = "plaatsing",
                categories = new[] { "leerresultaten" },
            }
        );
        Assert.True(allowed.Status == HttpStatusCode.Created, allowed.Body);
        Assert.Equal("2028-07-31", allowed.Json.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Care_data_without_consent_is_refused_by_P5_while_an_OKR_category_passes_by_P3()
    {
        var school = await As("zorgvo");
        var care = "zorg-04 " + Guid.NewGuid();
        var marks = "cijfers-04 " + Guid.NewGuid();
        await school.WriteEntry(Key(4), "zorg", care);
        await school.WriteEntry(Key(4), "leerresultaten", marks);
        var id = await RequestAs("intake", 4, "zorg", "leerresultaten");
        var intake = await As("intake");

        var refused = await intake.Get($"/api/v1/dossier-requests/{id}/zorg");
        AssertRefused(refused, HttpStatusCode.Forbidden, "P5", care, marks);
        Assert.Contains("toestemming", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var okr = await intake.Get($"/api/v1/dossier-requests/{id}/leerresultaten");
        Assert.True(okr.Status == HttpStatusCode.OK, okr.Body);
        Assert.Equal("P3", okr.Json.GetProperty("rule").GetString());
        Assert.Contains(okr.Json.GetProperty("entries").EnumerateArray(), e => e.GetProperty("body").GetString() == marks);
        Assert.DoesNotContain(care, okr.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_category_outside_the_purpose_of_the_request_is_refused_by_P1()
    {
        var school = await As("zorgvo");
        var advice = "advies-05 " + Guid.NewGuid();
        await school.WriteEntry(Key(5), "advies", advice);
        var id = await RequestAs("intake", 5, "verzuim");
        AssertRefused(await (await As("intake")).Get($"/api/v1/dossier-requests/{id}/advies"), HttpStatusCode.Forbidden, "P1", advice);
    }

    [Fact]
    public async Task Leerling16_consents_to_care_the_mbo_reads_it_and_after_withdrawal_the_next_read_is_refused()
    {
        var care = "zorg-03 " + Guid.NewGuid();
        await (await As("zorgvo")).WriteEntry(Key(3), "zorg", care);
        var id = await RequestAs("zorg", 3, "zorg");
        var pupil = await As("leerling16");
        var mbo = await As("zorg");

        var given = await pupil.Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.Mbo,
                given = true,
            }
        );
        Assert.True(given.Status == HttpStatusCode.OK, given.Body);
        Assert.Equal("leerling", given.Json.GetProperty("by").GetString());
        var read = await mbo.Get($"/api/v1/dossier-requests/{id}/zorg");
        Assert.True(read.Status == HttpStatusCode.OK, read.Body);
        Assert.Equal("P5", read.Json.GetProperty("rule").GetString());
        Assert.Contains(read.Json.GetProperty("entries").EnumerateArray(), e => e.GetProperty("body").GetString() == care);

        var withdrawn = await pupil.Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.Mbo,
                given = false,
            }
        );
        Assert.True(withdrawn.Status == HttpStatusCode.OK, withdrawn.Body);
        var refused = await mbo.Get($"/api/v1/dossier-requests/{id}/zorg");
        AssertRefused(refused, HttpStatusCode.Forbidden, "P5", care);
        Assert.Contains("ingetrokken", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Consent given again on the day it was withdrawn counts from the next read, and so does the next withdrawal.
        var again = await pupil.Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.Mbo,
                given = true,
            }
        );
        Assert.True(again.Status == HttpStatusCode.OK, again.Body);
        var reread = await mbo.Get($"/api/v1/dossier-requests/{id}/zorg");
        Assert.True(reread.Status == HttpStatusCode.OK, reread.Body);
        var withdrawnAgain = await pupil.Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.Mbo,
                given = false,
            }
        );
        Assert.True(withdrawnAgain.Status == HttpStatusCode.OK, withdrawnAgain.Body);
        AssertRefused(await mbo.Get($"/api/v1/dossier-requests/{id}/zorg"), HttpStatusCode.Forbidden, "P5", care);

        // The pupil sees the request, both changes, and the reads in the audit trail.
        var shares = await pupil.Get("/api/v1/me/shares");
        Assert.Contains(shares.Json.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.Contains(shares.Json.GetProperty("consents").EnumerateArray(), c => !c.GetProperty("given").GetBoolean());
        var audit = await pupil.Get("/api/v1/me/audit");
        Assert.Contains(audit.Json.GetProperty("items").EnumerateArray(), a =>
            a.GetProperty("action").GetString() == "gelezen"
            && a.GetProperty("outcome").GetString() == "geweigerd"
            && a.GetProperty("actor").GetString() == "demo-zorg"
        );
        Assert.DoesNotContain(care, audit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_request_is_refused_by_P1()
    {
        var marks = "cijfers-06 " + Guid.NewGuid();
        await (await As("zorgvo")).WriteEntry(Key(6), "leerresultaten", marks);
        var id = "expired-" + Guid.NewGuid().ToString("n");
        Assert.True(
            DossierStore.AddRequest(
                site.Site.Database,
                new DossierRequest(
                    id,
                    Key(6),
                    Places.Mbo,
                    "plaatsing",
                    [DossierCategory.Leerresultaten],
                    new DateOnly(2026, 9, 1),
                    SiteFactory.Today.AddDays(-1)
                ),
                "demo-intake"
            )
        );
        var refused = await (await As("intake")).Get($"/api/v1/dossier-requests/{id}/leerresultaten");
        AssertRefused(refused, HttpStatusCode.Forbidden, "P1", marks);
        Assert.Contains("verlopen", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_institution_gets_404_for_a_request_it_did_not_make()
    {
        var marks = "cijfers-02 " + Guid.NewGuid();
        await (await As("zorgvo")).WriteEntry(Key(2), "leerresultaten", marks);
        var id = await RequestAs("intake", 2, "leerresultaten");
        var other = await As("intake2");
        var answer = await other.Get($"/api/v1/dossier-requests/{id}/leerresultaten");
        var unknown = await other.Get("/api/v1/dossier-requests/no-such-request/leerresultaten");
        AssertRefused(answer, HttpStatusCode.NotFound, null, marks, Key(2));
        Assert.Equal(unknown.Json.GetProperty("detail").GetString(), answer.Json.GetProperty("detail").GetString());
        Assert.DoesNotContain(id, (await other.Get("/api/v1/dossier-requests")).Body, StringComparison.Ordinal);
        Assert.Contains(id, (await (await As("intake")).Get("/api/v1/dossier-requests")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parent_consents_for_a_pupil_under_16_and_the_pupil_herself_is_refused_by_P4()
    {
        var care = "zorg-02 " + Guid.NewGuid();
        await (await As("zorgvo")).WriteEntry(Key(2), "zorg", care);
        var id = await RequestAs("zorg", 2, "zorg");
        var pupil = await Bound("test-leerling-02", Roles.Leerling, null, Key(2));
        var own = await pupil.Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.Mbo,
                given = true,
            }
        );
        AssertRefused(own, HttpStatusCode.Forbidden, "P4");
        AssertRefused(await (await As("zorg")).Get($"/api/v1/dossier-requests/{id}/zorg"), HttpStatusCode.Forbidden, null, care);

        var parent = await (await As("ouder")).Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.Mbo,
                given = true,
            }
        );
        Assert.True(parent.Status == HttpStatusCode.OK, parent.Body);
        Assert.Equal("ouder", parent.Json.GetProperty("by").GetString());
        var read = await (await As("zorg")).Get($"/api/v1/dossier-requests/{id}/zorg");
        Assert.True(read.Status == HttpStatusCode.OK, read.Body);
        Assert.Contains(read.Json.GetProperty("entries").EnumerateArray(), e => e.GetProperty("body").GetString() == care);
    }

    [Fact]
    public async Task A_16_year_old_is_refused_a_parents_consent_by_P4()
    {
        var parent = await Bound("test-ouder-03", Roles.Ouder, null, Key(3));
        AssertRefused(
            await parent.Post(
                "/api/v1/me/consents",
                new
                {
                    category = "zorg",
                    institution = Places.Mbo,
                    given = true,
                }
            ),
            HttpStatusCode.Forbidden,
            "P4"
        );
    }

    [Fact]
    public async Task Consent_to_an_institution_the_pupil_did_not_apply_to_is_404()
    {
        var answer = await (await As("ouder")).Post(
            "/api/v1/me/consents",
            new
            {
                category = "zorg",
                institution = Places.OtherMbo,
                given = true,
            }
        );
        AssertRefused(answer, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Only_released_entries_go_with_a_request_and_the_school_sees_all_of_them()
    {
        var school = await As("zorgvo");
        var held = "loopbaan-held " + Guid.NewGuid();
        var released = "loopbaan-released " + Guid.NewGuid();
        await school.WriteEntry(Key(8), "loopbaan", held, release: false);
        await school.WriteEntry(Key(8), "loopbaan", released);
        var id = await RequestAs("intake", 8, "loopbaan");
        var read = await (await As("intake")).Get($"/api/v1/dossier-requests/{id}/loopbaan");
        Assert.Contains(released, read.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(held, read.Body, StringComparison.Ordinal);
        var view = await school.Get($"/api/v1/pupils/{Key(8)}/dossier");
        Assert.Contains(released, view.Body, StringComparison.Ordinal);
        Assert.Contains(held, view.Body, StringComparison.Ordinal);
        // Another school's decaan sees nothing of it, as for an unknown key.
        AssertRefused(await (await As("decaan2")).Get($"/api/v1/pupils/{Key(8)}/dossier"), HttpStatusCode.NotFound, null, held, released);
    }

    [Fact]
    public async Task The_pupil_reads_their_own_entries_and_exports_everything()
    {
        var note = "advies-03 " + Guid.NewGuid();
        await (await As("zorgvo")).WriteEntry(Key(3), "advies", note, release: false);
        var pupil = await As("leerling16");
        Assert.Contains(note, (await pupil.Get("/api/v1/me/dossier")).Body, StringComparison.Ordinal);
        var export = await pupil.Get("/api/v1/me/export");
        Assert.True(export.Status == HttpStatusCode.OK, export.Body);
        Assert.Equal(Key(3), export.Json.GetProperty("pupil").GetString());
        Assert.Contains(export.Json.GetProperty("dossier").EnumerateArray(), e => e.GetProperty("body").GetString() == note);
        Assert.Contains(export.Json.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "Aangemeld");
        Assert.NotEqual(0, export.Json.GetProperty("audit").GetArrayLength());
        // An mbo role has no "me".
        AssertRefused(await (await As("intake")).Get("/api/v1/me/dossier"), HttpStatusCode.Forbidden, null);
    }

    [Theory]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"zorg\", \"body\": ", "body")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"geheim\", \"body\": \"x\" }", "category")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"zorg\", \"body\": \"\" }", "body")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"zorg\", \"body\": \"x\", \"date\": \"30-11-2026\" }", "date")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"zorg\", \"body\": \"x\", \"date\": \"2026-02-30\" }", "date")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"zorg\", \"body\": \"x\", \"kind\": \"roddel\" }", "kind")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier", "{ \"category\": \"zorg\", \"body\": 42 }", "body")]
    [InlineData("POST", "/api/v1/pupils/{key}/dossier/1/release", "{ }", "released")]
    [InlineData("POST", "/api/v1/dossier-requests", "{ \"pupil\": \"{key}\", \"purpose\": \"\", \"categories\": [\"zorg\"] }", "purpose")]
    [InlineData("POST", "/api/v1/dossier-requests", "{ \"pupil\": \"{key}\", \"purpose\": \"   \", \"categories\": [\"zorg\"] }", "purpose")]
    [InlineData(
        "POST",
        "/api/v1/dossier-requests",
        "{ \"pupil\": \"{key}\", \"purpose\": \"plaatsing\", \"categories\": [\"zorg\", \"roddels\"] }",
        "categories"
    )]
    [InlineData("POST", "/api/v1/dossier-requests", "{ \"pupil\": \"{key}\", \"purpose\": \"plaatsing\", \"categories\": [] }", "categories")]
    [InlineData("POST", "/api/v1/dossier-requests", "[1, 2", "body")]
    [InlineData("GET", "/api/v1/dossier-requests/x/geheim", "", "category")]
    [InlineData("POST", "/api/v1/me/consents", "{ \"category\": \"zorg\", \"institution\": \"ROC\", \"given\": true }", "institution")]
    [InlineData("POST", "/api/v1/me/consents", "{ \"category\": \"zorg\", \"institution\": \"00AA\" }", "given")]
    [InlineData("POST", "/api/v1/me/consents", "{ \"category\": \"Zorg\", \"institution\": \"00AA\", \"given\": true }", "category")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string method, string url, string json, string field)
    {
        var account =
            url.StartsWith("/api/v1/pupils", StringComparison.Ordinal) ? "zorgvo"
            : url.StartsWith("/api/v1/me", StringComparison.Ordinal) ? "leerling16"
            : "intake";
        var api = await As(account);
        // A request that names a pupil gets the demo pupil's key through the JSON model; the malformed bodies stay as written.
        var body = json.Contains("\"{key}\"", StringComparison.Ordinal) ? JsonFixture.Edit(json, r => r["pupil"] = Key(2)) : json;
        var answer = await api.Send(new HttpMethod(method), url.Replace("{key}", Key(2), StringComparison.Ordinal), method == "GET" ? null : body);
        AssertRefused(answer, HttpStatusCode.BadRequest, null);
        Assert.True(answer.Json.GetProperty("errors").TryGetProperty(field, out _), answer.Body);
    }

    [Fact]
    public async Task Text_longer_than_the_limits_is_a_400_problem_naming_the_field()
    {
        var body = await (await As("zorgvo")).Post($"/api/v1/pupils/{Key(2)}/dossier", new { category = "advies", body = new string('x', 4001) });
        AssertRefused(body, HttpStatusCode.BadRequest, null);
        Assert.True(body.Json.GetProperty("errors").TryGetProperty("body", out _), body.Body);
        var purpose = await (await As("intake")).Post(
            "/api/v1/dossier-requests",
            new
            {
                pupil = Key(2),
                purpose = new string('x', 201),
                categories = new[] { "advies" },
            }
        );
        AssertRefused(purpose, HttpStatusCode.BadRequest, null);
        Assert.True(purpose.Json.GetProperty("errors").TryGetProperty("purpose", out _), purpose.Body);
        // The limits themselves are allowed.
        Assert.Equal(
            HttpStatusCode.Created,
            (await (await As("zorgvo")).Post($"/api/v1/pupils/{Key(2)}/dossier", new { category = "advies", body = new string('é', 4000) })).Status
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await (await As("intake")).Post(
                    "/api/v1/dossier-requests",
                    new
                    {
                        pupil = Key(2),
                        purpose = new string('p', 200),
                        categories = new[] { "advies" },
                    }
                )
            ).Status
        );
    }

    public static TheoryData<string> Payloads() =>
        [
            "'); DROP TABLE event; --",
            "'; DELETE FROM dossier_entry WHERE '1'='1",
            "<script>alert(1)</script>",
            "\" onmouseover=\"x",
            "Zoë — 日本語 🚸 \u202Ebidi\u202C \\u0000 {{x}} ${x} %s",
        ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Sql_and_script_in_every_text_field_are_stored_exactly_and_come_back_inert(string payload)
    {
        var marker = payload + " " + Guid.NewGuid();
        // The author is the caller: an API client whose id is the payload.
        var clientId = "test-decaan " + payload;
        var author = await Bound(clientId, Roles.Decaan, Places.School, null);
        var written = await author.Post(
            $"/api/v1/pupils/{Key(4)}/dossier",
            new
            {
                category = "begeleiding",
                kind = "warme-overdracht",
                body = marker,
            }
        );
        Assert.True(written.Status == HttpStatusCode.Created, written.Body);
        Assert.Equal(marker, written.Json.GetProperty("body").GetString());
        Assert.Equal(clientId, written.Json.GetProperty("author").GetString());
        var id = written.Json.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await author.Post($"/api/v1/pupils/{Key(4)}/dossier/{id}/release", new { released = true })).Status);

        var intake = await As("intake");
        var made = await intake.Post(
            "/api/v1/dossier-requests",
            new
            {
                pupil = Key(4),
                purpose = marker,
                categories = new[] { "begeleiding" },
            }
        );
        Assert.True(made.Status == HttpStatusCode.Created, made.Body);
        Assert.Equal(marker, made.Json.GetProperty("purpose").GetString());
        var request = made.Json.GetProperty("id").GetString()!;
        var listed = (await intake.Get("/api/v1/dossier-requests"))
            .Json.GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == request);
        Assert.Equal(marker, listed.GetProperty("purpose").GetString());
        var read = await intake.Get($"/api/v1/dossier-requests/{request}/begeleiding");
        var entry = read.Json.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        Assert.Equal(marker, entry.GetProperty("body").GetString());
        Assert.Equal(clientId, entry.GetProperty("author").GetString());

        // Stored as given, and the tables are all still there.
        var stored = DossierStore.Entries(site.Site.Database, Key(4)).Single(e => e.Id == id);
        Assert.Equal(marker, stored.Body);
        Assert.Equal(marker, DossierStore.Request(site.Site.Database, request)!.Purpose);
        using var connection = site.Site.Database.ConnectMigrated();
        foreach (var table in new[] { "event", "pupil", "dossier_entry", "dossier_request", "audit_log" })
            Assert.True(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}") > 0, table);
        Assert.True(AuditLog.Verify(site.Site.Database).Intact);
    }
}
