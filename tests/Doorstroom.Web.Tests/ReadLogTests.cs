using System.Net;
using System.Text.RegularExpressions;
using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Every read of a named pupil's data outside the dossier is in the audit log: who, which pupil, which view, when (issue 12,
/// finding 8): the pupil list (one entry per pupil shown), a timeline, the applicants, the pupils API; and the pupil reads it
/// in plain Dutch on /mijn-dossier/logboek. Each test signs in with an account of its own, so its lines are its own.
/// </summary>
public sealed partial class ReadLogTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DemoPlaces Places => DemoData.Places(site.Site.Database);

    private async Task<HttpClient> SignedIn(string username, string role, string? institution, string? pupil = null)
    {
        if (Accounts.Find(site.Site.Database, username) is null)
        {
            var accounts = site.Services.GetRequiredService<AccountService>();
            Accounts.Save(
                site.Site.Database,
                new UserAccount(username, accounts.Hash(DemoData.Password), role, institution, pupil, "test " + role, Demo: true)
            );
        }
        return await site.SignedIn(username);
    }

    /// <summary>The read entries by this actor about these pupils, as each pupil's log shows them, in order.</summary>
    private List<AuditEntry> Reads(string actor, params string[] pupils) =>
        [.. pupils.SelectMany(p => AuditLog.ForPupil(site.Site.Database, p)).Where(e => e.Actor == actor && e.Action == ReadLog.Action).OrderBy(e => e.Seq)];

    [Fact]
    public async Task The_pupil_list_logs_one_entry_per_pupil_shown_and_a_timeline_one_for_its_pupil()
    {
        using var decaan = await SignedIn("read-decaan", Roles.Decaan, Places.School);
        var list = await decaan.GetStringAsync("/leerlingen?aantal=10", Cancel);
        var shown = PupilLinks().Matches(list).Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(shown);
        var logged = Reads("read-decaan", [.. shown]);
        Assert.Equal(shown.Order(StringComparer.Ordinal), logged.Select(e => e.Pupil!).Order(StringComparer.Ordinal));
        Assert.All(logged, e =>
        {
            Assert.Equal(PupilView.SchoolList, e.Purpose);
            Assert.Equal(Roles.Decaan, e.Role);
            Assert.Equal(Places.School, e.Institution);
            Assert.Equal(SiteFactory.Now, e.At);
        });
        // One entry for the list, found from each pupil it showed; a pupil of another school is not in it.
        Assert.Single(logged.Select(e => e.Seq).Distinct());
        Assert.Empty(Reads("read-decaan", Key(11)));

        Assert.Equal(HttpStatusCode.OK, (await decaan.GetAsync("/leerlingen/" + Key(2), Cancel)).StatusCode);
        var timeline = Reads("read-decaan", Key(2)).Last();
        Assert.Equal((Key(2), PupilView.SchoolTimeline), (timeline.Pupil, timeline.Purpose));

        // A pupil outside the school is a 404 and no read.
        Assert.Equal(HttpStatusCode.NotFound, (await decaan.GetAsync("/leerlingen/" + Key(11), Cancel)).StatusCode);
        Assert.Empty(Reads("read-decaan", Key(11)));
        Assert.True(AuditLog.Verify(site.Site.Database).Intact);
    }

    [Fact]
    public async Task The_applicants_an_applicant_and_the_own_timeline_are_logged()
    {
        using var intake = await SignedIn("read-intake", Roles.Intake, Places.Mbo);
        await intake.GetStringAsync("/intake", Cancel);
        Assert.Contains(Reads("read-intake", Key(2)), e => e.Purpose == PupilView.Applicants);
        await intake.GetStringAsync("/intake/" + Key(3), Cancel);
        Assert.Equal(PupilView.Applicant, Reads("read-intake", Key(3))[^1].Purpose);

        using var pupil = await SignedIn("read-leerling", Roles.Leerling, null, Key(5));
        await pupil.GetStringAsync("/mijn-tijdlijn", Cancel);
        Assert.Equal(PupilView.OwnTimeline, Reads("read-leerling", Key(5))[^1].Purpose);
    }

    [Fact]
    public async Task The_pupils_api_logs_the_list_the_pupil_and_the_events()
    {
        DossierCalls.SaveClient(site.Services, "read-api-decaan", Roles.Decaan, Places.School, null);
        var api = await DossierCalls.Bearer(site, "read-api-decaan");
        var list = await api.Get("/api/v1/pupils?limit=7");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var keys = list.Json.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()!).ToList();
        Assert.Equal(7, keys.Count);
        Assert.Equal(keys, Reads("read-api-decaan", [.. keys]).Where(e => e.Purpose == PupilView.ApiList).Select(e => e.Pupil!));
        await api.Get($"/api/v1/pupils/{Key(2)}");
        await api.Get($"/api/v1/pupils/{Key(2)}/events");
        Assert.Equal(
            [PupilView.ApiPupil, PupilView.ApiEvents],
            Reads("read-api-decaan", Key(2)).Where(e => e.Purpose != PupilView.ApiList).Select(e => e.Purpose)
        );
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"/api/v1/pupils/{Key(11)}/events")).Status);
        Assert.Empty(Reads("read-api-decaan", Key(11)));
    }

    [Fact]
    public async Task The_pupil_reads_who_viewed_their_data_in_plain_Dutch()
    {
        using var decaan = await SignedIn("read-decaan-2", Roles.Decaan, Places.School);
        await decaan.GetStringAsync("/leerlingen/" + Key(1), Cancel);
        using var parent = await SignedIn("read-ouder", Roles.Ouder, null, Key(1));
        await parent.GetStringAsync("/mijn-dossier", Cancel);

        using var pupil = await site.SignedIn("leerling");
        var log = WebUtility.HtmlDecode(await pupil.GetStringAsync("/mijn-dossier/logboek", Cancel));
        var rows = Rows().Matches(log).Select(m => Regex.Replace(m.Value, "<[^>]+>", " ")).ToList();
        Assert.Contains(rows, r =>
            r.Contains("bekeken: je tijdlijn, bij de school", StringComparison.Ordinal)
            && r.Contains("Decaan / mentor", StringComparison.Ordinal)
            && r.Contains("30 november 2026 om 10:00", StringComparison.Ordinal)
        );
        Assert.Contains(rows, r => r.Contains("ingezien door ouder", StringComparison.Ordinal) && r.Contains("Ouder / verzorger", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("tijdlijn school", StringComparison.Ordinal));
    }

    [GeneratedRegex("href=\"/leerlingen/([^\"?/]+)\"")]
    private static partial Regex PupilLinks();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();
}
