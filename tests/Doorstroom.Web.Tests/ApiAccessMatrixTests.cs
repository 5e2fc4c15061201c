using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Every API endpoint × every role (a demo API client each, or no token) × a pupil of the caller's own or another school or
/// institution. Each cell is one test case named by its rule. A refused answer, and a 404 for a pupil outside the caller's
/// scope, carries no pupil key, no pupil name and no count.
/// </summary>
public sealed class ApiAccessMatrixTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The accounts of the demo API clients (demo-&lt;account&gt;); "none" sends no token.</summary>
    private static readonly string[] Accounts = ["none", "leerling", "decaan", "decaan2", "intake", "intake2", "zorg", "analist", "beheer"];

    private static readonly string[] Signed = [.. Accounts.Skip(1)];

    /// <summary>
    /// The demo pupils the matrix asks about (DEMO-&lt;examyear&gt;-NN, see DemoData.Stories): 01 at the demo school, no application
    /// (the demo leerling); 02 demo school, applied to the demo mbo; 03 demo school, intake held at the demo mbo; 07 demo school,
    /// applied to the other mbo; 11 the other school, applied to the demo mbo; 14 demo school (last year), refused at the demo mbo and
    /// placed at the other mbo.
    /// </summary>
    private static readonly int[] Targets = [1, 2, 3, 7, 11, 14];

    /// <summary>
    /// Whom each role may see, written out by hand from the demo's stories (not computed by the code under test). The demo
    /// leerling's API client is bound to pupil 01, and sees only that pupil.
    /// </summary>
    private static readonly Dictionary<string, int[]> Visible = new(StringComparer.Ordinal)
    {
        ["leerling"] = [1],
        ["decaan"] = [1, 2, 3, 7, 14],
        ["decaan2"] = [11],
        ["intake"] = [2, 3, 11, 14],
        ["zorg"] = [2, 3, 11, 14],
        ["intake2"] = [7, 14],
        ["analist"] = [],
        ["beheer"] = [],
    };

    /// <summary>
    /// The stored event the matrix re-posts for each target (re-posting an event already in the stream changes nothing: 200), and
    /// who may record it: 01 Bevorderd at the demo school, 02 Aangemeld at the demo mbo, 03 IntakeGehouden at the demo mbo, 07 Aangemeld
    /// at the other mbo, 11 Bevorderd at the other school, 14 IntakeGehouden at the other mbo.
    /// </summary>
    private static readonly Dictionary<int, (EventKind Kind, string[] MayRecord)> Reposted = new()
    {
        [1] = (EventKind.Bevorderd, ["decaan"]),
        [2] = (EventKind.Aangemeld, ["decaan"]),
        [3] = (EventKind.IntakeGehouden, ["intake"]),
        [7] = (EventKind.Aangemeld, ["decaan"]),
        [11] = (EventKind.Bevorderd, ["decaan2"]),
        [14] = (EventKind.IntakeGehouden, ["intake2"]),
    };

    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    public static IEnumerable<TheoryDataRow<string, string, string, int>> Cells()
    {
        static TheoryDataRow<string, string, string, int> Cell(string account, string endpoint, string target, int expected, string why) =>
            new(account, endpoint, target, expected)
            {
                TestDisplayName = $"{account}: {endpoint}{(target.Length > 0 ? " " + target : "")} → {expected} " + $"({why})",
            };

        string[] open =
        [
            "GET /api/v1/catalogue/routes",
            "GET /api/v1/catalogue/routes/{id}",
            "POST /api/v1/plan",
            "POST /api/v1/admission",
            "GET /api/v1/institutions/vo",
            "GET /api/v1/institutions/mbo",
        ];
        foreach (var account in Accounts)
        {
            var none = account == "none";
            foreach (var endpoint in open)
                yield return none ? Cell(account, endpoint, "", 401, "no token") : Cell(account, endpoint, "", 200, "any signed-in role");

            yield return Cell(
                account,
                "GET /api/v1/monitor",
                "",
                none ? 401
                    : account == "analist" ? 200
                    : 403,
                none ? "no token"
                    : account == "analist" ? "aggregates are the analist's"
                    : "only the analist reads aggregates"
            );

            yield return Cell(
                account,
                "GET /api/v1/monitor/signals",
                "",
                none ? 401
                    : account == "analist" ? 200
                    : 403,
                none ? "no token"
                    : account == "analist" ? "the doubt signals measured are aggregates, the analist's"
                    : "only the analist reads aggregates"
            );
            // Where to connect: the analist any school or institution; a decaan the own school, intake the own institution; another is 404.
            var connects = account is "analist" or "decaan" or "decaan2" or "intake" or "intake2";
            foreach (
                var (endpoint, owner) in new[] { ("GET /api/v1/where-to-connect?school", "decaan"), ("GET /api/v1/where-to-connect?institution", "intake") }
            )
            {
                yield return none ? Cell(account, endpoint, "", 401, "no token")
                : !connects ? Cell(account, endpoint, "", 403, "this role reads no flows")
                : account == "analist" || account == owner ? Cell(account, endpoint, "", 200, "aggregates in its own scope")
                : Cell(account, endpoint, "", 404, "outside its scope, as if unknown");
            }

            var readsPupils = account is "leerling" or "decaan" or "decaan2" or "intake" or "intake2" or "zorg";
            yield return Cell(
                account,
                "GET /api/v1/pupils",
                "",
                none ? 401
                    : readsPupils ? 200
                    : 403,
                none ? "no token"
                    : readsPupils ? "lists its own scope"
                    : "this role reads no pupil"
            );

            foreach (var n in Targets)
            {
                var target = $"DEMO-{n:D2}";
                var visible = !none && Visible[account].Contains(n);
                foreach (var endpoint in new[] { "GET /api/v1/pupils/{key}", "GET /api/v1/pupils/{key}/events" })
                {
                    yield return none ? Cell(account, endpoint, target, 401, "no token")
                    : !readsPupils ? Cell(account, endpoint, target, 403, "this role reads no pupil")
                    : visible ? Cell(account, endpoint, target, 200, "in its own scope")
                    : Cell(account, endpoint, target, 404, "outside its scope, as if unknown");
                }

                yield return none ? Cell(account, "GET /api/v1/pupils/{key}/doubt-signals", target, 401, "no token")
                : !readsPupils ? Cell(account, "GET /api/v1/pupils/{key}/doubt-signals", target, 403, "this role reads no pupil")
                : account is not ("decaan" or "decaan2")
                    ? Cell(account, "GET /api/v1/pupils/{key}/doubt-signals", target, 403, "only a decaan reads doubt signals")
                : visible ? Cell(account, "GET /api/v1/pupils/{key}/doubt-signals", target, 200, "a pupil of its own school")
                : Cell(account, "GET /api/v1/pupils/{key}/doubt-signals", target, 404, "outside its school, as if unknown");

                var (kind, mayRecord) = Reposted[n];
                var writes = account is "decaan" or "decaan2" or "intake" or "intake2";
                yield return none ? Cell(account, "POST /api/v1/pupils/{key}/events", target, 401, "no token")
                : !writes ? Cell(account, "POST /api/v1/pupils/{key}/events", target, 403, "this role records no event")
                : !visible ? Cell(account, "POST /api/v1/pupils/{key}/events", target, 404, "outside its scope, as if unknown")
                : mayRecord.Contains(account)
                    ? Cell(account, "POST /api/v1/pupils/{key}/events", target, 200, $"may record {kind} here; already stored, so " + $"nothing changes")
                : Cell(account, "POST /api/v1/pupils/{key}/events", target, 403, $"may not record {kind} at that institution");
                // The matrix names an event no pupil has: the beheerder's answer is the 404 of an unknown event, nothing is voided.
                yield return none ? Cell(account, "POST /api/v1/pupils/{key}/events/{id}/void", target, 401, "no token")
                : account == "beheer" ? Cell(account, "POST /api/v1/pupils/{key}/events/{id}/void", target, 404, "the beheerder voids events; this id is none")
                : Cell(account, "POST /api/v1/pupils/{key}/events/{id}/void", target, 403, "only the beheerder voids an event");

                // The loopbaandossier: the pupil reads and writes their own, a decaan reads the school's and remarks; an mbo only
                // through a dossier request. The writes send a bad field: in scope that is a 400 and nothing is stored.
                var readsLoopbaan = account is "leerling" or "decaan" or "decaan2";
                yield return none ? Cell(account, "GET /api/v1/pupils/{key}/loopbaan", target, 401, "no token")
                : !readsLoopbaan ? Cell(account, "GET /api/v1/pupils/{key}/loopbaan", target, 403, "this role reads no loopbaandossier by key")
                : visible ? Cell(account, "GET /api/v1/pupils/{key}/loopbaan", target, 200, "in its own scope")
                : Cell(account, "GET /api/v1/pupils/{key}/loopbaan", target, 404, "outside its scope, as if unknown");
                foreach (var endpoint in new[] { "POST /api/v1/pupils/{key}/loopbaan/activiteiten", "POST /api/v1/pupils/{key}/loopbaan/keuzes" })
                {
                    yield return none ? Cell(account, endpoint, target, 401, "no token")
                    : account != "leerling" ? Cell(account, endpoint, target, 403, "only the pupil records activities and choices")
                    : visible ? Cell(account, endpoint, target, 400, "own key: the bad field is refused, nothing stored")
                    : Cell(account, endpoint, target, 404, "another pupil, as if unknown");
                }
                yield return none ? Cell(account, "POST /api/v1/pupils/{key}/loopbaan/opmerkingen", target, 401, "no token")
                : account is not ("decaan" or "decaan2") ? Cell(account, "POST /api/v1/pupils/{key}/loopbaan/opmerkingen", target, 403, "only a decaan remarks")
                : visible ? Cell(account, "POST /api/v1/pupils/{key}/loopbaan/opmerkingen", target, 400, "own school: the empty remark is refused")
                : Cell(account, "POST /api/v1/pupils/{key}/loopbaan/opmerkingen", target, 404, "outside its school, as if unknown");
            }

            // The register of connections (issue 16): decaan and intake read and write their own, analist reads, beheerder all.
            var readsConnections = account is "decaan" or "decaan2" or "intake" or "intake2" or "analist" or "beheer";
            yield return none ? Cell(account, "GET /api/v1/connections", "", 401, "no token")
            : readsConnections ? Cell(account, "GET /api/v1/connections", "", 200, "reads the register in its scope")
            : Cell(account, "GET /api/v1/connections", "", 403, "this role does not read the register");
            var ownConnection = account is "decaan" or "intake" or "beheer";
            foreach (var endpoint in new[] { "POST /api/v1/connections", "POST /api/v1/connections/{id}/end" })
            {
                yield return none ? Cell(account, endpoint, "", 401, "no token")
                : ownConnection
                    ? Cell(
                        account,
                        endpoint,
                        "",
                        endpoint.EndsWith("end", StringComparison.Ordinal) ? 200 : 201,
                        "the demo school with the demo mbo is in its scope"
                    )
                : Cell(
                    account,
                    endpoint,
                    "",
                    403,
                    account is "decaan2" or "intake2" ? "another school's or institution's connection" : "this role writes no connection"
                );
            }
        }

        // Meeloopdagen: demo day 1 (to come) and 3 (past, closed) are the demo mbo's; a sign-up or attendance on the closed day is a
        // 409 for whoever may act for the pupil, so the matrix changes nothing.
        foreach (var account in Accounts)
        {
            var none = account == "none";
            var intake = account is "intake" or "intake2";
            var seesDays = account is "leerling" or "decaan" or "decaan2" or "intake" or "intake2";
            var forPupils = account is "leerling" or "decaan" or "decaan2";
            yield return none ? Cell(account, "GET /api/v1/meeloopdagen", "", 401, "no token")
            : seesDays ? Cell(account, "GET /api/v1/meeloopdagen", "", 200, "pupils, decanen and intake see the days to come")
            : Cell(account, "GET /api/v1/meeloopdagen", "", 403, "this role has no meeloopdagen");
            yield return none ? Cell(account, "GET /api/v1/meeloopdagen/institution", "", 401, "no token")
            : intake ? Cell(account, "GET /api/v1/meeloopdagen/institution", "", 200, "its own institution's days")
            : Cell(account, "GET /api/v1/meeloopdagen/institution", "", 403, "only intake publishes days");
            var at = account == "intake2" ? "other-mbo" : "mbo";
            yield return none ? Cell(account, "POST /api/v1/meeloopdagen", at, 401, "no token")
            : intake ? Cell(account, "POST /api/v1/meeloopdagen", at, 201, "publishes at its own location")
            : Cell(account, "POST /api/v1/meeloopdagen", at, 403, "only intake publishes days");
            yield return none ? Cell(account, "GET /api/v1/meeloopdagen/{id}/signups", "", 401, "no token")
            : account == "intake" ? Cell(account, "GET /api/v1/meeloopdagen/{id}/signups", "", 200, "its own day's sign-ups")
            : account == "intake2" ? Cell(account, "GET /api/v1/meeloopdagen/{id}/signups", "", 404, "another institution's day, as if unknown")
            : Cell(account, "GET /api/v1/meeloopdagen/{id}/signups", "", 403, "only intake sees who signed up");
            yield return none ? Cell(account, "POST /api/v1/meeloopdagen/{id}/cancel", "", 401, "no token")
            : account == "intake" ? Cell(account, "POST /api/v1/meeloopdagen/{id}/cancel", "", 409, "its own day, but past")
            : account == "intake2" ? Cell(account, "POST /api/v1/meeloopdagen/{id}/cancel", "", 404, "another institution's day, as if unknown")
            : Cell(account, "POST /api/v1/meeloopdagen/{id}/cancel", "", 403, "only intake cancels a day");
            foreach (var n in Targets)
            {
                var target = $"DEMO-{n:D2}";
                var visible = !none && Visible[account].Contains(n);
                foreach (var endpoint in new[] { "POST /api/v1/meeloopdagen/{id}/signups", "DELETE /api/v1/meeloopdagen/{id}/signups/{key}" })
                {
                    yield return none ? Cell(account, endpoint, target, 401, "no token")
                    : !forPupils ? Cell(account, endpoint, target, 403, "only a pupil or a decaan signs up")
                    : visible ? Cell(account, endpoint, target, 409, "may act for the pupil; the day is past")
                    : Cell(account, endpoint, target, 404, "may not act for the pupil, as if unknown");
                }
                yield return none ? Cell(account, "GET /api/v1/meeloopdagen/signups?pupil={key}", target, 401, "no token")
                : !forPupils ? Cell(account, "GET /api/v1/meeloopdagen/signups?pupil={key}", target, 403, "only a pupil or a decaan")
                : visible ? Cell(account, "GET /api/v1/meeloopdagen/signups?pupil={key}", target, 200, "its own pupil")
                : Cell(account, "GET /api/v1/meeloopdagen/signups?pupil={key}", target, 404, "outside its scope, as if unknown");
                yield return none ? Cell(account, "POST /api/v1/meeloopdagen/{id}/signups/{key}/attendance", target, 401, "no token")
                : account == "intake"
                    ? Cell(account, "POST /api/v1/meeloopdagen/{id}/signups/{key}/attendance", target, 409, "its own day; this pupil has no place")
                : account == "intake2" ? Cell(account, "POST /api/v1/meeloopdagen/{id}/signups/{key}/attendance", target, 404, "another institution's day")
                : Cell(account, "POST /api/v1/meeloopdagen/{id}/signups/{key}/attendance", target, 403, "only intake records attendance");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Access(string account, string endpoint, string target, int expected)
    {
        var api = await site.Api(account == "none" ? null : account);
        using var request = await Request(endpoint, target);
        using var response = await api.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        if (expected == 200 && endpoint == "POST /api/v1/admission" && !RealData.HasQualifications(site.Site.Options.DataDir))
            expected = 503; // the kwalificatiestructuur is real data; without it admission answers 503 to every role that may ask
        Assert.True(expected == (int)response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            AssertLeaksNothing(body);
        }
    }

    [Theory]
    [InlineData("decaan", 11, "GET /api/v1/pupils/{key}")]
    [InlineData("decaan", 11, "GET /api/v1/pupils/{key}/events")]
    [InlineData("decaan", 11, "POST /api/v1/pupils/{key}/events")]
    [InlineData("decaan2", 1, "GET /api/v1/pupils/{key}")]
    [InlineData("intake", 7, "GET /api/v1/pupils/{key}")]
    [InlineData("intake", 7, "GET /api/v1/pupils/{key}/events")]
    [InlineData("intake2", 2, "POST /api/v1/pupils/{key}/events")]
    [InlineData("leerling", 2, "GET /api/v1/pupils/{key}")]
    public async Task A_pupil_outside_the_scope_gets_the_same_404_as_an_unknown_key(string account, int other, string endpoint)
    {
        var api = await site.Api(account);
        using var outside = await Request(endpoint, $"DEMO-{other:D2}");
        using var unknown = await Request(endpoint, "DEMO-99");
        using var a = await api.SendAsync(outside, Cancel);
        using var b = await api.SendAsync(unknown, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, a.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
        var bodyA = await a.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(WithoutTrace(await b.Content.ReadAsStringAsync(Cancel)), WithoutTrace(bodyA));
        Assert.Equal(a.Content.Headers.ContentType?.ToString(), b.Content.Headers.ContentType?.ToString());
        AssertLeaksNothing(bodyA);
    }

    [Theory]
    [InlineData("leerling")]
    [InlineData("decaan")]
    [InlineData("decaan2")]
    [InlineData("intake")]
    [InlineData("intake2")]
    [InlineData("zorg")]
    public async Task The_pupil_list_holds_exactly_the_demo_pupils_in_the_callers_scope(string account)
    {
        var api = await site.Api(account);
        var keys = new List<string>();
        string? url = "/api/v1/pupils?limit=500";
        while (url is not null)
        {
            using var response = await api.GetAsync(url, Cancel);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            keys.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!));
            url = json.RootElement.GetProperty("next").GetString() is { } next ? "/api/v1/pupils?limit=500&cursor=" + next : null;
        }
        foreach (var n in Targets)
        {
            if (Visible[account].Contains(n))
                Assert.Contains(Key(n), keys);
            else
                Assert.DoesNotContain(Key(n), keys);
        }
    }

    [Fact]
    public async Task An_intake_officer_reads_only_the_events_at_their_own_institution()
    {
        var places = DemoData.Places(site.Site.Database);
        var own = site.Site.Locations(places.Mbo);
        var api = await site.Api("intake");
        using var response = await api.GetAsync($"/api/v1/pupils/{Key(14)}/events", Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var at = json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("institution").GetString()!).ToList();
        Assert.NotEmpty(at);
        Assert.All(at, institution => Assert.Contains(institution, own));
        // The pupil was placed at the other mbo and went to the demo school: the store holds both, the intake officer sees neither.
        var stored = new EventStore(site.Site.Database).Stream(Key(14));
        Assert.Contains(stored, e => e.Institution == places.OtherMboLocation);
        Assert.Contains(stored, e => e.Institution == places.School);
    }

    private async Task<HttpRequestMessage> Request(string endpoint, string target)
    {
        var key = target.StartsWith("DEMO-", StringComparison.Ordinal)
            ? Key(int.Parse(target[5..], System.Globalization.CultureInfo.InvariantCulture))
            : target;
        const string pupil = """{ "on": "2026-11-30", "school": "vmbo", "leerweg": "kb", "leerjaar": 4 }""";
        return endpoint switch
        {
            "GET /api/v1/catalogue/routes" => new(HttpMethod.Get, "/api/v1/catalogue/routes?on=2026-11-30"),
            "GET /api/v1/catalogue/routes/{id}" => new(HttpMethod.Get, "/api/v1/catalogue/routes/vm2"),
            "POST /api/v1/plan" => Post("/api/v1/plan", pupil),
            "POST /api/v1/admission" => Post($"/api/v1/admission?crebo={await Crebo()}", pupil),
            "GET /api/v1/institutions/vo" => new(HttpMethod.Get, "/api/v1/institutions/vo?limit=5"),
            "GET /api/v1/institutions/mbo" => new(HttpMethod.Get, "/api/v1/institutions/mbo?limit=5"),
            "GET /api/v1/monitor" => new(HttpMethod.Get, "/api/v1/monitor"),
            "GET /api/v1/where-to-connect?school" => new(HttpMethod.Get, $"/api/v1/where-to-connect?school={DemoData.Places(site.Site.Database).School}"),
            "GET /api/v1/where-to-connect?institution" => new(
                HttpMethod.Get,
                $"/api/v1/where-to-connect?institution={DemoData.Places(site.Site.Database).Mbo}"
            ),
            "GET /api/v1/pupils" => new(HttpMethod.Get, "/api/v1/pupils?limit=5"),
            "GET /api/v1/pupils/{key}" => new(HttpMethod.Get, $"/api/v1/pupils/{key}"),
            "GET /api/v1/pupils/{key}/events" => new(HttpMethod.Get, $"/api/v1/pupils/{key}/events"),
            "GET /api/v1/monitor/signals" => new(HttpMethod.Get, "/api/v1/monitor/signals"),
            "GET /api/v1/pupils/{key}/doubt-signals" => new(HttpMethod.Get, $"/api/v1/pupils/{key}/doubt-signals"),
            "POST /api/v1/pupils/{key}/events" => Post($"/api/v1/pupils/{key}/events", EventBody(key)),
            "POST /api/v1/pupils/{key}/events/{id}/void" => Post($"/api/v1/pupils/{key}/events/0000000000000000/void", """{ "reason": "matrix" }"""),
            "GET /api/v1/connections" => new(HttpMethod.Get, "/api/v1/connections"),
            "POST /api/v1/connections" => Post("/api/v1/connections", ConnectionBody()),
            "POST /api/v1/connections/{id}/end" => Post("/api/v1/connections/demo-zorg/end", """{ "until": "2099-07-31" }"""),
            "GET /api/v1/pupils/{key}/loopbaan" => new(HttpMethod.Get, $"/api/v1/pupils/{key}/loopbaan"),
            "POST /api/v1/pupils/{key}/loopbaan/activiteiten" => Post($"/api/v1/pupils/{key}/loopbaan/activiteiten", """{ "activity": "kermis" }"""),
            "POST /api/v1/pupils/{key}/loopbaan/keuzes" => Post($"/api/v1/pupils/{key}/loopbaan/keuzes", """{ "sure": "heel-zeker" }"""),
            "POST /api/v1/pupils/{key}/loopbaan/opmerkingen" => Post($"/api/v1/pupils/{key}/loopbaan/opmerkingen", """{ "text": "" }"""),
            "GET /api/v1/meeloopdagen" => new(HttpMethod.Get, "/api/v1/meeloopdagen"),
            "GET /api/v1/meeloopdagen/institution" => new(HttpMethod.Get, "/api/v1/meeloopdagen/institution"),
            "POST /api/v1/meeloopdagen" => Post("/api/v1/meeloopdagen", PublishBody(key)),
            "GET /api/v1/meeloopdagen/{id}/signups" => new(HttpMethod.Get, $"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(1)}/signups"),
            "POST /api/v1/meeloopdagen/{id}/cancel" => new(HttpMethod.Post, $"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(3)}/cancel"),
            "POST /api/v1/meeloopdagen/{id}/signups" => Post($"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(3)}/signups", $$"""{ "pupil": "{{key}}" }"""),
            "DELETE /api/v1/meeloopdagen/{id}/signups/{key}" => new(HttpMethod.Delete, $"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(3)}/signups/{key}"),
            "GET /api/v1/meeloopdagen/signups?pupil={key}" => new(HttpMethod.Get, $"/api/v1/meeloopdagen/signups?pupil={key}"),
            "POST /api/v1/meeloopdagen/{id}/signups/{key}/attendance" => Post(
                $"/api/v1/meeloopdagen/{DemoData.MeeloopdagId(3)}/signups/{key}/attendance",
                """{ "came": false }"""
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "not an endpoint of the matrix"),
        };

        static HttpRequestMessage Post(string url, string json) =>
            new(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    /// <summary>A meeloopdag to publish at a location of the demo mbo ("mbo") or of the other mbo ("other-mbo").</summary>
    private string PublishBody(string mbo)
    {
        var places = DemoData.Places(site.Site.Database);
        var location = mbo == "other-mbo" ? places.OtherMboLocation : places.MboLocations[0];
        var crebo = MeeloopdagStore.Day(site.Site.Database, DemoData.MeeloopdagId(1))!.Day.Crebo;
        return $$"""{ "location": "{{location}}", "crebo": {{crebo}}, "date": "2027-02-01", "places": 5 }""";
    }

    /// <summary>The stored event the matrix re-posts for a target (any valid event for a pupil outside it).</summary>
    private string EventBody(string key)
    {
        var n = Targets.FirstOrDefault(t => Key(t) == key);
        var stream = new EventStore(site.Site.Database).Stream(key);
        var e =
            n == 0 || stream.Count == 0
                ? new TransitionEvent(key, SiteFactory.Today, EventKind.IntakeGehouden, DemoData.Places(site.Site.Database).MboLocations[0], Detail: "positief")
                : stream.First(x => x.Kind == Reposted[n].Kind);
        return new JsonObject
        {
            ["date"] = PlanJson.Iso(e.Date),
            ["type"] = EventNames.Kind(e.Kind),
            ["institution"] = e.Institution,
            ["leerweg"] = e.Leerweg is { } l ? EventNames.Leerweg(l) : null,
            ["leerjaar"] = e.Leerjaar,
            ["niveau"] = e.Niveau,
            ["crebo"] = e.Crebo,
            ["route"] = e.Route,
            ["detail"] = e.Detail,
        }.ToJsonString();
    }

    /// <summary>A connection between the demo school and the demo mbo, the same each time (re-entering it replaces it).</summary>
    private string ConnectionBody()
    {
        var places = DemoData.Places(site.Site.Database);
        return new JsonObject
        {
            ["id"] = "matrix-verbinding",
            ["voVestiging"] = places.School,
            ["mbo"] = places.Mbo,
            ["form"] = "onderwijsproject",
            ["from"] = "2025-08-01",
            ["description"] = "Matrixproject",
            ["source"] = "Matrixtest",
        }.ToJsonString();
    }

    private Task<string> Crebo()
    {
        using var connection = site.Site.Database.ConnectMigrated();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(crebo) FROM kwalificatie WHERE niveau = 3";
        return Task.FromResult(Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!);
    }

    /// <summary>A refusal or 404 says nothing about a pupil: no key, no name, no number but its own status code.</summary>
    private void AssertLeaksNothing(string body)
    {
        Assert.DoesNotContain("DEMO-", body, StringComparison.Ordinal);
        foreach (var n in Enumerable.Range(1, 15))
        {
            if (PupilRegister.Personal(site.Site.Database, Key(n)) is not { } person)
                continue;
            if (person.GivenName is { Length: > 0 } given)
                Assert.DoesNotContain(given, body, StringComparison.Ordinal);
            if (person.FamilyName is { Length: > 0 } family)
                Assert.DoesNotContain(family, body, StringComparison.Ordinal);
        }
        using var json = JsonDocument.Parse(body);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            Assert.Contains(property.Name, new[] { "type", "title", "status", "detail", "traceId", "errors" });
            if (property.Name is "title" or "detail")
                Assert.DoesNotMatch("[0-9]", property.Value.GetString() ?? "");
        }
    }

    private static string WithoutTrace(string body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }
}
