using System.Net;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>The register page /verbindingen against the demo: scope per role, per-field Dutch errors, nothing stored on error.</summary>
public sealed class ConnectionPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> Post(HttpClient client, string handler, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync("/verbindingen", Cancel);
        fields["__RequestVerificationToken"] = SiteFactory.Token(form);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/verbindingen?handler=" + handler, content, Cancel);
    }

    private Dictionary<string, string> Fields(string school, string description) =>
        new()
        {
            ["VoVestiging"] = school,
            ["Mbo"] = DemoData.Places(site.Site.Database).Mbo,
            ["Form"] = "zorglijn",
            ["Van"] = "2025-08-01",
            ["Beschrijving"] = description,
            ["Bron"] = "Paginatest",
        };

    [Fact]
    public async Task A_decaan_cannot_add_a_connection_for_another_school()
    {
        var places = DemoData.Places(site.Site.Database);
        using var client = await site.SignedIn("decaan");
        var description = "Paginatest andere school " + Guid.NewGuid().ToString("N")[..6];

        using var response = await Post(client, "toevoegen", Fields(places.OtherSchool, description));
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alleen verbindingen van uw eigen school", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionRegister.Stored(site.Site.Database), c => c.Description == description);
    }

    [Fact]
    public async Task A_decaan_adds_a_connection_for_their_own_school_and_it_is_audited()
    {
        var places = DemoData.Places(site.Site.Database);
        using var client = await site.SignedIn("decaan");
        var description = "Paginatest eigen school " + Guid.NewGuid().ToString("N")[..6];

        using var response = await Post(client, "toevoegen", Fields(places.School, description));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = Assert.Single(ConnectionRegister.Stored(site.Site.Database), c => c.Description == description);
        Assert.Equal((places.School, ConnectionForm.Zorglijn), (stored.VoVestiging, stored.Form));
    }

    [Fact]
    public async Task A_bad_field_gets_a_dutch_error_and_nothing_is_stored()
    {
        var places = DemoData.Places(site.Site.Database);
        using var client = await site.SignedIn("beheer");
        var description = "Paginatest fout " + Guid.NewGuid().ToString("N")[..6];
        var fields = Fields(places.School, description);
        fields["Form"] = "avo-leerlijn";
        fields["Onderwerp"] = "Engels";

        using var response = await Post(client, "toevoegen", fields);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Kies het vak: nederlands, rekenen of burgerschap.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionRegister.Stored(site.Site.Database), c => c.Description == description);
    }

    [Fact]
    public async Task An_intake_officer_sees_only_the_connections_of_their_own_institution()
    {
        var places = DemoData.Places(site.Site.Database);
        using var client = await site.SignedIn("intake");
        var html = await client.GetStringAsync("/verbindingen", Cancel);

        Assert.Contains("VM2-traject techniek", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Paardenklas in leerjaar 3", html, StringComparison.Ordinal);
        Assert.Contains(ConnectionRegister.Stored(site.Site.Database), c => c.Mbo == places.OtherMbo);
    }

    [Fact]
    public async Task An_upload_with_one_bad_row_stores_nothing_and_names_file_line_and_column()
    {
        var places = DemoData.Places(site.Site.Database);
        using var client = await site.SignedIn("beheer");
        var form = await client.GetStringAsync("/verbindingen", Cancel);
        var csv =
            "id;vo_vestiging;mbo;form;from;description;source\n"
            + $"upload-goed;{places.School};{places.Mbo};zorglijn;2025-08-01;Goed;Test\n"
            + $"upload-fout;{places.School};{places.Mbo};zorglijn;2025-13-01;Fout;Test\n";
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SiteFactory.Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "Bestand", "mijn.csv" },
        };

        using var response = await client.PostAsync("/verbindingen?handler=importeren", content, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("mijn.csv:3: from: a date as yyyy-mm-dd", html, StringComparison.Ordinal);
        Assert.Null(ConnectionRegister.Find(site.Site.Database, "upload-goed"));
    }

    [Fact]
    public async Task A_pupil_may_not_open_the_register()
    {
        using var client = await site.SignedIn("leerling");
        using var response = await client.GetAsync("/verbindingen", Cancel);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
