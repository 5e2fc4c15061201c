using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The restore test with a real process: the store copied to a new folder, the site started there as
/// <c>dotnet Doorstroom.Web.dll</c> with a new, empty HOME and working folder, reads a care entry sealed before the copy.
/// </summary>
public sealed class RestoreProcessTests(SiteFactory site) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-restore-").FullName;

    [Fact]
    public async Task A_store_restored_to_a_new_folder_and_a_new_home_reads_a_sealed_care_entry()
    {
        var original = Path.Combine(folder, "original.db");
        using (var connection = site.Site.Database.ConnectMigrated())
            connection.Execute("VACUUM INTO @original", new { original });
        var text = "Zorg voor de back-up " + Guid.NewGuid().ToString("n");
        var pupil = DemoData.PupilKey(SiteFactory.Today, 3);
        string secret;
        using (var node = new Node(original))
        {
            var places = DemoData.Places(node.Site.Database);
            node.Services.GetRequiredService<DossierService>()
                .Write(
                    new Caller("zorgvo", Roles.Zorgcoordinator, places.School, null),
                    pupil,
                    DossierCategory.Zorg,
                    DossierStore.Note,
                    SiteFactory.Today,
                    text
                );
            secret = AccountAdmin.AddClient(node.Site.Database, "herstel-app", Roles.Zorgcoordinator, places.School, null, null, "test").Secret!;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var restoredFolder = Directory.CreateDirectory(Path.Combine(folder, "new-host", "srv")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(folder, "new-host", "home")).FullName;
        var restored = Path.Combine(restoredFolder, "doorstroom.db");
        File.Copy(original, restored);

        var port = WebProcess.FreePort();
        var info = WebProcess.StartInfo(
            restoredFolder,
            "Development",
            [
                "--urls",
                $"http://127.0.0.1:{port}",
                "--contentRoot",
                restoredFolder,
                "--Doorstroom:Database",
                restored,
                "--Doorstroom:Demo",
                "false",
                "--Doorstroom:Issuer",
                Node.Issuer,
            ]
        );
        info.Environment["HOME"] = home;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WebProcess.WaitForHealth(http, process, "the restored site");
            using var form = new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = "herstel-app",
                    ["client_secret"] = secret,
                }
            );
            using var tokenResponse = await http.PostAsync("connect/token", form, TestContext.Current.CancellationToken);
            var tokenBody = await tokenResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(tokenResponse.IsSuccessStatusCode, tokenBody);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/pupils/{pupil}/dossier");
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Bearer",
                JsonDocument.Parse(tokenBody).RootElement.GetProperty("access_token").GetString()
            );
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains(text, body, StringComparison.Ordinal);
            Assert.False(
                Directory.Exists(Path.Combine(home, ".aspnet", "DataProtection-Keys"))
                    && Directory.EnumerateFiles(Path.Combine(home, ".aspnet", "DataProtection-Keys")).Any(),
                "no key was written to the home folder"
            );
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine(await output + await errors);
        }
    }

    public void Dispose()
    {
        TempFolder.Delete(folder);
    }
}
