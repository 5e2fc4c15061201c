using System.Diagnostics;
using System.Net;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Doorstroom.Web.Tests;

/// <summary>
/// A seeded random walk over the dossier API on a site of its own (fresh store, the same stopped clock), so that no other
/// test changes the consents it keeps track of. Consents are changed by the right and the wrong person, requests made by
/// every role, and each read's answer is compared with an oracle written here from rulebook §10 as data (not by calling
/// <see cref="DossierRules"/>): a 200 only when the pupil applied, the request is the reader's own, names the category, holds
/// today, and the category is OKR (from 1 August 2020) or its latest consent was given by the right person; every other
/// answer is 403 or 404 and carries no dossier text.
/// </summary>
public sealed class DossierPropertyTests
{
    private const int Seed = 20261130;
    private const int Reads = 1000;

    private static readonly DateOnly Today = SiteFactory.Today;
    private static readonly DateOnly Statutory = new(2020, 8, 1);
    private static readonly string[] Categories = ["administratief", "leerresultaten", "begeleiding", "verzuim", "loopbaan", "advies", "zorg"];

    /// <summary>The accounts that read and request: the mbo roles of both institutions, and roles that may not.</summary>
    private static readonly string[] Readers =
    [
        "intake",
        "zorg",
        "intake2",
        "intake",
        "zorg",
        "intake2",
        "intake",
        "zorg",
        "zorgvo",
        "decaan",
        "leerling16",
        "ouder",
        "analist",
    ];

    private static string Key(int n) => DemoData.PupilKey(Today, n);

    private sealed record Consent(string Pupil, string Category, string Institution, bool Given, string By, DateOnly On);

    private sealed record Request(string Id, string Pupil, string Institution, HashSet<string> Categories, DateOnly On, DateOnly Expires);

    [Fact]
    public async Task Every_read_is_allowed_exactly_when_the_rules_allow_it_and_a_refusal_leaks_no_dossier_text()
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"seed {Seed}");
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("doorstroom-dossier-").FullName;
        try
        {
            using var root = new WebApplicationFactory<Program>();
            using var site = root.WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("Doorstroom:Database", Path.Combine(folder, "site.db"));
                builder.UseSetting("Doorstroom:Demo", "true");
                builder.UseSetting("Doorstroom:DemoPupilsPerCohort", "20");
                builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new TestClock(SiteFactory.Now))));
            });
            await Walk(site, new Random(Seed), output);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { }
        }
        output?.WriteLine($"{Reads} reads in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task Walk(WebApplicationFactory<Program> site, Random random, ITestOutputHelper? output)
    {
        var database = site.Services.GetRequiredService<SiteServices>().Database;
        var places = DemoData.Places(database);

        // The demo's stories as data: where each pupil applied (BRIN4) by today, and who consents for them (P4: 03 is 16).
        var applied = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var n = 1; n <= 11; n++)
            applied[Key(n)] =
                n is 2 or 3 or 4 or 5 or 6 or 8 or 11 ? [places.Mbo]
                : n == 7 ? [places.OtherMbo]
                : [];
        string RightPerson(string pupil) => pupil == Key(3) ? "leerling" : "ouder";
        var brin4 = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["intake"] = places.Mbo,
            ["zorg"] = places.Mbo,
            ["intake2"] = places.OtherMbo,
        };
        const string Unknown = "DEMO-2027-99";
        string[] pupils = [.. Enumerable.Range(1, 11).Select(Key), Unknown];

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        async Task<HttpClient> As(string clientId) =>
            clients.TryGetValue(clientId, out var c) ? c : clients[clientId] = await DossierCalls.Bearer(site, clientId);

        // Every pupil gets a released and a held-back entry in every category, written by their own school, beside what the
        // demo seed released already (read through the school's own view first, so the oracle knows every released body).
        var released = new Dictionary<(string Pupil, string Category), List<string>>();
        var secrets = new List<string>();
        List<string> Released(string pupil, string category) => released.TryGetValue((pupil, category), out var list) ? list : released[(pupil, category)] = [];
        for (var n = 1; n <= 11; n++)
        {
            var school = await As(n == 11 ? "demo-decaan2" : "demo-zorgvo");
            var before = await school.Get($"/api/v1/pupils/{Key(n)}/dossier");
            Assert.True(before.Status == HttpStatusCode.OK, before.Body);
            foreach (var entry in before.Json.GetProperty("items").EnumerateArray())
            {
                var body = entry.GetProperty("body").GetString()!;
                secrets.Add(body);
                if (entry.GetProperty("released").GetBoolean())
                    Released(Key(n), entry.GetProperty("category").GetString()!).Add(body);
            }
            foreach (var category in Categories)
            {
                var shared = $"BODY {Key(n)} {category} released {random.Next():x8}";
                var held = $"BODY {Key(n)} {category} held {random.Next():x8}";
                await school.WriteEntry(Key(n), category, shared);
                await school.WriteEntry(Key(n), category, held, release: false);
                Released(Key(n), category).Add(shared);
                secrets.Add(shared);
                secrets.Add(held);
            }
        }

        // Consent: the hand-written history holds none; two consents by the person who is wrong today are stored as if from
        // the past (a parent's for 03 before she turned 16; the 15-year-olds' own), then test clients of a leerling and an
        // ouder for every pupil change consents through the API.
        var consents = new List<Consent>();
        void Stored(string pupil, string by, DateOnly on)
        {
            var e = new TransitionEvent(pupil, on, EventKind.ToestemmingGegeven, places.MboLocations[0], Detail: $"zorg/{by}");
            new EventStore(database).Append([PupilDirectory.Record(database, e)!]);
            consents.Add(new(pupil, "zorg", places.Mbo, true, by, on));
        }
        Stored(Key(3), "ouder", new DateOnly(2026, 5, 1));
        foreach (var n in new[] { 4, 5, 6, 8, 11 })
            Stored(Key(n), "leerling", new DateOnly(2026, 10, n));
        foreach (var pupil in pupils.Take(11))
        {
            DossierCalls.SaveClient(site.Services, "prop-leerling " + pupil, Roles.Leerling, null, pupil);
            DossierCalls.SaveClient(site.Services, "prop-ouder " + pupil, Roles.Ouder, null, pupil);
        }

        // Requests with other dates than today's: expired yesterday, last day today, not yet made (dated tomorrow).
        var requests = new List<Request>();
        foreach (var pupil in pupils.Where(p => applied.TryGetValue(p, out var at) && at.Length > 0))
        {
            foreach (
                var (on, expires) in new[]
                {
                    (new DateOnly(2026, 9, 1), Today.AddDays(-1)),
                    (new DateOnly(2026, 9, 1), Today),
                    (Today.AddDays(1), new DateOnly(2028, 7, 31)),
                }
            )
            {
                var chosen = Categories.Where(_ => random.Next(2) == 0).DefaultIfEmpty("zorg").ToHashSet(StringComparer.Ordinal);
                var request = new Request(Guid.NewGuid().ToString("n"), pupil, applied[pupil][0], chosen, on, expires);
                Assert.True(
                    DossierStore.AddRequest(
                        database,
                        new DossierRequest(
                            request.Id,
                            pupil,
                            request.Institution,
                            "plaatsing",
                            [.. chosen.Select(c => DossierRules.TryCategory(c, out var dc) ? dc : throw new InvalidOperationException(c))],
                            on,
                            expires
                        ),
                        "prop"
                    )
                );
                requests.Add(request);
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = 0;
        while (read < Reads)
        {
            var step = random.Next(10);
            if (step < 1)
                await ChangeConsent();
            else if (step < 2)
                await MakeRequest();
            else
            {
                await ReadOne();
                read++;
            }
        }
        output?.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")));
        // The walk reached every kind of answer.
        foreach (var outcome in new[] { "200 P3", "200 P5", "403 P1", "403 P2", "403 P4", "403 P5", "403 role", "404" })
            Assert.True(counts.ContainsKey(outcome), $"the walk never saw {outcome}");

        async Task ChangeConsent()
        {
            var pupil = pupils[random.Next(11)];
            var by = random.Next(2) == 0 ? "leerling" : "ouder";
            var category = random.Next(3) == 0 ? Categories[random.Next(Categories.Length)] : "zorg";
            var institution = random.Next(4) == 0 ? places.OtherMbo : places.Mbo;
            var given = random.Next(3) != 0;
            var answer = await (await As($"prop-{by} {pupil}")).Post(
                "/api/v1/me/consents",
                new
                {
                    category,
                    institution,
                    given,
                }
            );
            var history = consents.Where(c => c.Pupil == pupil && c.Category == category && c.Institution == institution).OrderBy(c => c.On).ToList();
            var latest = history.LastOrDefault();
            HttpStatusCode expected;
            if (!applied[pupil].Contains(institution))
                expected = HttpStatusCode.NotFound;
            else if (by != RightPerson(pupil))
                expected = HttpStatusCode.Forbidden;
            else if (latest is null ? !given : latest.Given == given && latest.By == by)
                expected = HttpStatusCode.OK; // nothing changes
            else
            {
                expected = HttpStatusCode.OK;
                consents.Add(new(pupil, category, institution, given, by, Today));
            }
            Assert.True(
                expected == answer.Status,
                $"consent {pupil} by {by} {category} at {institution} given={given}: expected {(int)expected}, got " + $"{(int)answer.Status}: {answer.Body}"
            );
        }

        async Task MakeRequest()
        {
            var account = Readers[random.Next(Readers.Length)];
            var pupil = pupils[random.Next(pupils.Length)];
            var chosen = Categories.Where(_ => random.Next(3) == 0).DefaultIfEmpty("zorg").ToHashSet(StringComparer.Ordinal);
            var answer = await (await As("demo-" + account)).Post(
                "/api/v1/dossier-requests",
                new
                {
                    pupil,
                    purpose = "plaatsing",
                    categories = chosen,
                }
            );
            var institution = brin4.GetValueOrDefault(account);
            var expected =
                account is not ("intake" or "zorg" or "intake2" or "zorgvo") ? HttpStatusCode.Forbidden
                : institution is null || pupil == Unknown ? HttpStatusCode.NotFound
                : applied[pupil].Contains(institution) ? HttpStatusCode.Created
                : HttpStatusCode.Forbidden;
            Assert.True(expected == answer.Status, $"{account} requests {pupil}: expected {(int)expected}, got {(int)answer.Status}: {answer.Body}");
            AssertNoText(answer);
            if (answer.Status == HttpStatusCode.Created)
            {
                Assert.Equal("2028-07-31", answer.Json.GetProperty("expires").GetString());
                requests.Add(new(answer.Json.GetProperty("id").GetString()!, pupil, institution!, chosen, Today, new DateOnly(2028, 7, 31)));
            }
            else if (answer.Status == HttpStatusCode.Forbidden && account is "intake" or "zorg" or "intake2")
            {
                Assert.Equal("P2", answer.Rule);
            }
        }

        async Task ReadOne()
        {
            var account = Readers[random.Next(Readers.Length)];
            var request = random.Next(20) == 0 ? null : requests[random.Next(requests.Count)];
            var category = random.Next(2) == 0 ? "zorg" : Categories[random.Next(Categories.Length)];
            var answer = await (await As("demo-" + account)).Get($"/api/v1/dossier-requests/{request?.Id ?? "no-such-request"}/{category}");
            var (status, rule) = Expected(account, request, category);
            var outcome = $"{(int)status} {rule ?? ""}".Trim();
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            var what =
                $"{account} reads {category} of {request?.Pupil ?? "no request"} (request by {request?.Institution}, "
                + $"{request?.On}–{request?.Expires}, [{string.Join(",", request?.Categories ?? [])}])";
            Assert.True(status == answer.Status, $"{what}: expected {outcome}, got {(int)answer.Status}: {answer.Body}");
            if (status == HttpStatusCode.OK)
            {
                Assert.Equal(rule, answer.Json.GetProperty("rule").GetString());
                var bodies = answer.Json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("body").GetString()).ToList();
                Assert.Equal(Released(request!.Pupil, category).Order(StringComparer.Ordinal), bodies.Order(StringComparer.Ordinal));
            }
            else
            {
                Assert.Equal("application/problem+json", answer.MediaType);
                if (rule is { Length: 2 })
                    Assert.Equal(rule, answer.Rule);
                AssertNoText(answer);
            }
        }

        (HttpStatusCode Status, string? Rule) Expected(string account, Request? request, string category)
        {
            if (account is not ("intake" or "zorg" or "intake2" or "zorgvo"))
                return (HttpStatusCode.Forbidden, "role");
            if (brin4.GetValueOrDefault(account) is not { } reader || request is null || request.Institution != reader)
                return (HttpStatusCode.NotFound, null);
            Assert.Contains(reader, applied[request.Pupil]); // a request exists only after an application (P2)
            if (!request.Categories.Contains(category))
                return (HttpStatusCode.Forbidden, "P1");
            if (Today < request.On)
                return (HttpStatusCode.Forbidden, "P2");
            if (Today > request.Expires)
                return (HttpStatusCode.Forbidden, "P1");
            if (category != "zorg" && Today >= Statutory)
                return (HttpStatusCode.OK, "P3");
            var latest = consents
                .Where(c => c.Pupil == request.Pupil && c.Category == category && c.Institution == reader && c.On <= Today)
                .OrderBy(c => c.On)
                .LastOrDefault();
            var ground = category == "zorg" ? "P5" : "P3";
            if (latest is null || !latest.Given)
                return (HttpStatusCode.Forbidden, ground);
            if (latest.By != RightPerson(request.Pupil))
                return (HttpStatusCode.Forbidden, "P4");
            return (HttpStatusCode.OK, ground);
        }

        void AssertNoText(Answer answer)
        {
            if (answer.Status is HttpStatusCode.OK or HttpStatusCode.Created)
                return;
            Assert.DoesNotContain("BODY ", answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(secrets, s => answer.Body.Contains(s, StringComparison.Ordinal));
        }
    }
}
