using System.Net;
using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// From the pupil's 16th birthday the pupil decides (P4, issue 12 finding 6): a parent no longer sees the dossier, its log,
/// its shares or the AVG export, unless the pupil gives them access on /mijn-dossier or through the API, which is audited and
/// can be withdrawn. The tests in this class share the demo pupil of 16 and run one after another.
/// </summary>
public sealed class ParentAtSixteenTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A parent account bound to the 16-year-old demo pupil (03), made once.</summary>
    private async Task<HttpClient> Parent()
    {
        if (Accounts.Find(site.Site.Database, "ouder16-p4") is null)
        {
            var accounts = site.Services.GetRequiredService<AccountService>();
            Accounts.Save(
                site.Site.Database,
                new UserAccount("ouder16-p4", accounts.Hash(DemoData.Password), Roles.Ouder, null, Key(3), "Ouder van Noor (16)", Demo: true)
            );
        }
        return await site.SignedIn("ouder16-p4");
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync("/mijn-dossier", Cancel);
        var content = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", SiteFactory.Token(html)) };
        using var form = new FormUrlEncodedContent(content);
        return await client.PostAsync(action, form, Cancel);
    }

    private async Task SetAccess(bool given)
    {
        using var pupil = await site.SignedIn("leerling16");
        using var response = await Post(pupil, "/mijn-dossier?handler=ouderinzage", new() { ["geven"] = given ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task P4_a_parent_of_a_pupil_of_16_sees_no_dossier_log_or_export_until_the_pupil_gives_access()
    {
        await SetAccess(false);
        var care = DossierStore.Entries(site.Site.Database, Key(3)).Where(e => e.Kind == DossierStore.WarmHandOver).ToList();
        Assert.NotEmpty(care);
        using var parent = await Parent();

        var closed = WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-dossier", Cancel));
        Assert.Contains("Je kind is 16 jaar of ouder en beslist nu zelf over het overstapdossier", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("warme overdracht", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=export", closed, StringComparison.Ordinal);
        using (var export = await parent.GetAsync("/mijn-dossier?handler=export", Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
            Assert.DoesNotContain(Key(3), await export.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        using (var printable = await parent.GetAsync("/mijn-dossier/export", Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, printable.StatusCode);
            var body = WebUtility.HtmlDecode(await printable.Content.ReadAsStringAsync(Cancel));
            Assert.Contains("Je kind is 16 jaar of ouder", body, StringComparison.Ordinal);
            Assert.DoesNotContain("warme overdracht", body, StringComparison.Ordinal);
        }
        var log = WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-dossier/logboek", Cancel));
        Assert.Contains("Je kind is 16 jaar of ouder", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ingezien door", log, StringComparison.Ordinal);

        // The pupil gives access: the parent reads the dossier and the export; the pupil's log shows who did what.
        await SetAccess(true);
        var open = WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-dossier", Cancel));
        Assert.Contains("warme overdracht", open, StringComparison.Ordinal);
        using (var export = await parent.GetAsync("/mijn-dossier?handler=export", Cancel))
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var pupil = await site.SignedIn("leerling16");
        var own = WebUtility.HtmlDecode(await pupil.GetStringAsync("/mijn-dossier", Cancel));
        Assert.Contains("Op dit moment mag dat: je hebt het toegestaan.", own, StringComparison.Ordinal);
        var trail = WebUtility.HtmlDecode(await pupil.GetStringAsync("/mijn-dossier/logboek", Cancel));
        Assert.Contains("inzage voor ouder gegeven", trail, StringComparison.Ordinal);
        Assert.Contains("ingezien door ouder", trail, StringComparison.Ordinal);

        // Withdrawn: closed again at once.
        await SetAccess(false);
        Assert.Contains("Je kind is 16 jaar of ouder", WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-dossier", Cancel)), StringComparison.Ordinal);
        var refusals = AuditLog.ForPupil(site.Site.Database, Key(3)).Where(e => e.Role == Roles.Ouder && e.Outcome == "geweigerd" && e.Rule == "P4");
        Assert.Contains(refusals, e => e.Action == "export");
    }

    [Fact]
    public async Task P4_the_api_refuses_a_parent_of_a_pupil_of_16_and_the_pupil_gives_and_withdraws_access()
    {
        await SetAccess(false);
        DossierCalls.SaveClient(site.Services, "p4-ouder-03", Roles.Ouder, null, Key(3));
        DossierCalls.SaveClient(site.Services, "p4-leerling-03", Roles.Leerling, null, Key(3));
        DossierCalls.SaveClient(site.Services, "p4-leerling-02", Roles.Leerling, null, Key(2));
        var parent = await DossierCalls.Bearer(site, "p4-ouder-03");
        var pupil = await DossierCalls.Bearer(site, "p4-leerling-03");

        foreach (var path in new[] { "/api/v1/me/dossier", "/api/v1/me/shares", "/api/v1/me/audit", "/api/v1/me/export" })
        {
            var refused = await parent.Get(path);
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{path}: {(int)refused.Status} {refused.Body}");
            Assert.Equal("P4", refused.Rule);
            Assert.DoesNotContain(Key(3), refused.Body, StringComparison.Ordinal);
        }

        var given = await pupil.Post("/api/v1/me/parent-access", new { given = true });
        Assert.True(given.Status == HttpStatusCode.OK, given.Body);
        Assert.True(given.Json.GetProperty("given").GetBoolean());
        Assert.Equal("P4", given.Json.GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.OK, (await parent.Get("/api/v1/me/export")).Status);
        Assert.Equal(HttpStatusCode.OK, (await parent.Get("/api/v1/me/dossier")).Status);

        var withdrawn = await pupil.Post("/api/v1/me/parent-access", new { given = false });
        Assert.False(withdrawn.Json.GetProperty("given").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await parent.Get("/api/v1/me/dossier")).Status);

        // Under 16 there is nothing to decide (the parent sees the dossier anyway); a parent cannot grant themselves access.
        var young = await (await DossierCalls.Bearer(site, "p4-leerling-02")).Post("/api/v1/me/parent-access", new { given = true });
        Assert.Equal(HttpStatusCode.Forbidden, young.Status);
        Assert.Equal("P4", young.Rule);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.Post("/api/v1/me/parent-access", new { given = true })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await pupil.Post("/api/v1/me/parent-access", new { })).Status);
    }

    [Fact]
    public async Task A_parent_of_a_pupil_under_16_still_reads_the_dossier_and_is_logged_as_parent()
    {
        using var parent = await site.SignedIn("ouder");
        var page = WebUtility.HtmlDecode(await parent.GetStringAsync("/mijn-dossier", Cancel));
        Assert.DoesNotContain("Je kind is 16 jaar of ouder", page, StringComparison.Ordinal);
        Assert.Contains("Wat er in het dossier staat", page, StringComparison.Ordinal);
        var last = AuditLog.ForPupil(site.Site.Database, Key(2)).Last(e => e.Role == Roles.Ouder);
        Assert.Equal("ingezien door ouder", last.Action);
    }
}
