using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Doorstroom.Web.Tests;

/// <summary>
/// One site instance (a web node) on a given store, with a content root of its own and extra settings: two of them on one
/// store stand for two nodes, or for a release in another folder, or a restored store on another host.
/// </summary>
public sealed class Node(string database, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Issuer = "https://doorstroom.test/";

    private readonly string contentRoot = Directory.CreateTempSubdirectory("doorstroom-node-").FullName;

    public SiteServices Site => Services.GetRequiredService<SiteServices>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(environment);
        builder.UseContentRoot(contentRoot);
        builder.UseSetting("Doorstroom:Database", database);
        builder.UseSetting("Doorstroom:Demo", "false");
        builder.UseSetting("Doorstroom:Issuer", Issuer);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new TestClock(SiteFactory.Now))));
    }

    /// <summary>A token for a client id and secret, or null with the refusal's status.</summary>
    public async Task<(HttpStatusCode Status, string? Token)> Token(string clientId, string secret)
    {
        using var client = CreateClient();
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }
        );
        using var response = await client.PostAsync("/connect/token", form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString() : null);
    }

    /// <summary>A GET with a bearer token.</summary>
    public async Task<(HttpStatusCode Status, string Body)> Get(string path, string token)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TempFolder.Delete(contentRoot);
        }
    }
}

/// <summary>
/// Keys in the store (decision 0018): the Data Protection key ring and the token keys live in the store, so a second node,
/// another release folder or a restored copy of the store reads sealed care entries and accepts tokens; outside
/// Development the keys are encrypted with a configured certificate or the site does not start.
/// </summary>
public sealed class StoredKeysTests(SiteFactory site) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-keys-").FullName;

    /// <summary>A consistent copy of the demo store (its key ring included) in a folder of its own.</summary>
    private string CopyOfDemoStore(string name)
    {
        var target = Path.Combine(folder, name, "site.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var connection = site.Site.Database.ConnectMigrated();
        connection.Execute("VACUUM INTO @target", new { target });
        return target;
    }

    private static DossierEntry WriteCare(Node node, string text)
    {
        var places = DemoData.Places(node.Site.Database);
        var school = new Caller("zorgvo", Roles.Zorgcoordinator, places.School, null);
        return node
            .Services.GetRequiredService<DossierService>()
            .Write(school, DemoData.PupilKey(SiteFactory.Today, 3), DossierCategory.Zorg, DossierStore.Note, SiteFactory.Today, text)
            .Value!;
    }

    private static string? ReadCare(Node node, long id) =>
        node
            .Services.GetRequiredService<DossierService>()
            .OwnEntries(new Caller("leerling16", Roles.Leerling, null, DemoData.PupilKey(SiteFactory.Today, 3)))!
            .Value.SingleOrDefault(e => e.Id == id)
            ?.Body;

    [Fact]
    public void A_care_entry_sealed_by_one_node_is_read_by_a_second_node_with_another_content_root()
    {
        var store = CopyOfDemoStore("two-nodes");
        using var first = new Node(store);
        using var second = new Node(store);
        var text = "Zorg-notitie " + Guid.NewGuid().ToString("n");
        var entry = WriteCare(first, text);

        Assert.Equal(text, ReadCare(second, entry.Id));
        using var connection = first.Site.Database.ConnectMigrated();
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM data_protection_key") > 0, "the key ring is in the store");
        Assert.DoesNotContain(
            text,
            connection.ExecuteScalar<string>("SELECT body FROM dossier_entry WHERE id = " + "@id", new { id = entry.Id }),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_restored_copy_of_the_store_in_a_new_folder_reads_the_sealed_care_entries()
    {
        var store = CopyOfDemoStore("before");
        long id;
        var text = "Zorg-notitie " + Guid.NewGuid().ToString("n");
        using (var node = new Node(store))
            id = WriteCare(node, text).Id;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var restored = Path.Combine(folder, "restored", "elsewhere.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(store, restored);

        using var after = new Node(restored);
        Assert.Equal(text, ReadCare(after, id));
        // The demo's own care entries, sealed by the demo site long before, open too.
        var own = after
            .Services.GetRequiredService<DossierService>()
            .OwnEntries(new Caller("leerling16", Roles.Leerling, null, DemoData.PupilKey(SiteFactory.Today, 3)))!;
        Assert.Contains(own.Value, e => e.Category == DossierCategory.Zorg && e.Body.Contains("faalangst", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_issued_by_one_node_is_accepted_by_another_and_not_by_a_site_on_another_store()
    {
        var store = CopyOfDemoStore("tokens");
        using var first = new Node(store);
        using var second = new Node(store);
        var places = DemoData.Places(first.Site.Database);
        var secret = AccountAdmin.AddClient(first.Site.Database, "zorg-app", Roles.Zorgcoordinator, places.School, null, null, "test").Secret!;
        var written = WriteCare(first, "Zorg via de API " + Guid.NewGuid().ToString("n"));

        var (status, token) = await first.Token("zorg-app", secret);
        Assert.Equal(HttpStatusCode.OK, status);
        var (read, body) = await second.Get($"/api/v1/pupils/{DemoData.PupilKey(SiteFactory.Today, 3)}/dossier", token!);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Contains(written.Body, body, StringComparison.Ordinal);

        using var elsewhere = new Node(Path.Combine(folder, "empty.db"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Get($"/api/v1/pupils/{DemoData.PupilKey(SiteFactory.Today, 3)}/dossier", token!)).Status);
    }

    [Fact]
    public async Task A_revoked_client_gets_no_token_and_a_rotated_secret_replaces_the_old_one()
    {
        using var node = new Node(Path.Combine(folder, "clients.db"));
        var database = node.Site.Database;
        var secret = AccountAdmin.AddClient(database, "analyse", Roles.Analist, null, null, null, "test").Secret!;
        Assert.Equal(HttpStatusCode.OK, (await node.Token("analyse", secret)).Status);

        var rotated = AccountAdmin.RotateClient(database, "analyse", "test").Secret!;
        Assert.Null((await node.Token("analyse", secret)).Token);
        Assert.Equal(HttpStatusCode.OK, (await node.Token("analyse", rotated)).Status);

        AccountAdmin.RevokeClient(database, "analyse", "test");
        Assert.Null((await node.Token("analyse", rotated)).Token);
    }

    [Fact]
    public void A_disabled_account_cannot_sign_in_and_an_enabled_one_can_again()
    {
        using var node = new Node(Path.Combine(folder, "accounts.db"));
        var database = node.Site.Database;
        const string password = "lang-genoeg-wachtwoord-7";
        Assert.True(AccountAdmin.AddAccount(database, "beheer1", Roles.Beheerder, null, null, null, password, "test").Done);
        var accounts = node.Services.GetRequiredService<AccountService>();
        Assert.NotNull(accounts.SignIn("beheer1", password));

        AccountAdmin.SetDisabled(database, "beheer1", true, "test");
        Assert.Null(accounts.SignIn("beheer1", password));
        AccountAdmin.SetDisabled(database, "beheer1", false, "test");
        Assert.NotNull(accounts.SignIn("beheer1", password));
        AccountAdmin.ResetPassword(database, "beheer1", "een-nieuw-wachtwoord-9", "test");
        Assert.Null(accounts.SignIn("beheer1", password));
        Assert.NotNull(accounts.SignIn("beheer1", "een-nieuw-wachtwoord-9"));
    }

    [Fact]
    public void Production_starts_without_a_certificate_when_unprotected_keys_are_allowed()
    {
        // The refusals themselves (no certificate, no issuer, ...) are StartupCheckTests: one line and exit 2, no host built.
        using var allowed = new Node(
            Path.Combine(folder, "p3.db"),
            "Production",
            new Dictionary<string, string> { ["Doorstroom:Keys:AllowUnprotected"] = "true" }
        );
        Assert.NotNull(allowed.Services.GetRequiredService<SiteServices>());
    }

    [Fact]
    public void With_a_certificate_the_keys_are_encrypted_at_rest_and_only_a_node_with_the_certificate_reads_them()
    {
        var pfx = Path.Combine(folder, "keys.pfx");
        TestPfx.Write(pfx, "pfx-wachtwoord");
        var store = Path.Combine(folder, "protected.db");
        var withCertificate = new Dictionary<string, string>
        {
            ["Doorstroom:Keys:Certificate"] = pfx,
            ["Doorstroom:Keys:CertificatePassword"] = "pfx-wachtwoord",
        };
        string sealedText;
        using (var first = new Node(store, "Production", withCertificate))
            sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("geheim");

        using (var connection = Database.Open(store).ConnectMigrated())
        {
            var xml = connection.QuerySingle<string>("SELECT xml FROM data_protection_key");
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }

        using (var second = new Node(store, "Production", withCertificate))
            Assert.Equal("geheim", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
        using var without = new Node(store);
        Assert.ThrowsAny<CryptographicException>(() =>
            without.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText)
        );
    }

    public void Dispose()
    {
        TempFolder.Delete(folder);
    }
}
