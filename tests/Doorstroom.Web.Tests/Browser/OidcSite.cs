using System.Diagnostics;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// A real OpenID provider (panva's oidc-provider, tests/oidc-provider, run by node on 127.0.0.1) and Doorstroom on a real
/// Kestrel port configured with it as the school provider "school" (not in demo mode, its own empty store, the real
/// clock: the provider's tokens carry the real time), and Debian's Chromium. The browser opens Doorstroom as
/// http://localhost:PORT, so the provider (http://127.0.0.1:PORT) is another site, as a federation is: the SameSite
/// rules of the cookies are tested as they will work.
/// </summary>
public sealed class OidcSite : IAsyncLifetime
{
    public const string ProviderId = "school";
    public const string ProviderName = "Testschool";
    private const string ClientId = "doorstroom-test";
    private readonly string clientSecret = Guid.NewGuid().ToString("N");
    private readonly int providerPort = WebProcess.FreePort();
    private DoorstroomSite? factory;
    private Process? provider;
    private IPlaywright? playwright;
    private readonly List<string> providerOutput = [];

    public static string ProviderFolder => Path.Combine(BrowserSite.RepositoryRoot(), "tests", "oidc-provider");

    /// <summary>Why these journeys cannot run here, or null when they can.</summary>
    public static string? Missing =>
        Chromium.Missing
        ?? (Node is null ? "node is not on PATH (apt-get install nodejs npm): the school sign-in journeys against a real OpenID provider are skipped." : null)
        ?? (
            Directory.Exists(Path.Combine(ProviderFolder, "node_modules", "oidc-provider"))
                ? null
                : $"the test OpenID provider is not installed (cd {ProviderFolder} && npm ci; .ci/run does so): the school sign-in journeys are skipped."
        );

    private static string? Node =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The provider's issuer: the <c>iss</c> of its tokens.</summary>
    public string ProviderIssuer => $"http://127.0.0.1:{providerPort}";

    /// <summary>Doorstroom's address as the browser uses it (localhost).</summary>
    public string BaseUrl { get; private set; } = "";

    public Database Database => factory!.Services.GetRequiredService<SiteServices>().Database;

    /// <summary>What the provider printed (for a failing test's message).</summary>
    public string ProviderOutput
    {
        get
        {
            lock (providerOutput)
                return string.Join('\n', providerOutput);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (Missing is not null)
            return;
        factory = new DoorstroomSite(ProviderIssuer, clientSecret);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        BaseUrl = $"http://localhost:{address.Port}";
        await StartProviderAsync($"{BaseUrl}/account/oidc/{ProviderId}/terug");
        playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
    }

    private async Task StartProviderAsync(string redirectUri)
    {
        var info = new ProcessStartInfo(Node!)
        {
            WorkingDirectory = ProviderFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("server.js");
        info.ArgumentList.Add(providerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["OIDC_CLIENT_ID"] = ClientId;
        info.Environment["OIDC_CLIENT_SECRET"] = clientSecret;
        info.Environment["OIDC_REDIRECT_URIS"] = redirectUri;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider = new Process { StartInfo = info };
        provider.OutputDataReceived += (_, e) => Seen(e.Data, ready);
        provider.ErrorDataReceived += (_, e) => Seen(e.Data, ready);
        provider.Start();
        provider.BeginOutputReadLine();
        provider.BeginErrorReadLine();
        var exited = provider.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
            throw new InvalidOperationException($"the OpenID provider did not start on 127.0.0.1:{providerPort}:\n{ProviderOutput}");
    }

    private void Seen(string? line, TaskCompletionSource ready)
    {
        if (line is null)
            return;
        lock (providerOutput)
            providerOutput.Add(line);
        if (line.StartsWith("oidc-provider ready", StringComparison.Ordinal))
            ready.TrySetResult();
    }

    /// <summary>A fresh browser context (own cookies, no provider session) at Doorstroom's address.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = BaseUrl,
                Locale = "nl-NL",
                ViewportSize = new ViewportSize { Width = BrowserSite.Viewports[0].Width, Height = BrowserSite.Viewports[0].Height },
            }
        );
        context.SetDefaultTimeout(60_000); // a hang guard: the full CI run shares two cores between every test project
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
        if (provider is not null)
        {
            if (!provider.HasExited)
                provider.Kill(entireProcessTree: true);
            await provider.WaitForExitAsync();
            provider.Dispose();
        }
        if (factory is not null)
            await factory.DisposeAsync();
    }

    /// <summary>Doorstroom in Development (a provider over http is allowed only there), not in demo mode, with the provider configured.</summary>
    private sealed class DoorstroomSite(string authority, string secret) : WebApplicationFactory<Program>
    {
        private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-oidc-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Doorstroom:Database", Path.Combine(folder, "site.db"));
            builder.UseSetting("Doorstroom:Demo", "false");
            const string section = $"{SchoolSignIn.Section}:{ProviderId}";
            builder.UseSetting($"{section}:DisplayName", ProviderName);
            builder.UseSetting($"{section}:Authority", authority);
            builder.UseSetting($"{section}:ClientId", ClientId);
            builder.UseSetting($"{section}:ClientSecret", secret);
            builder.UseSetting($"{section}:Scopes", "openid email");
            builder.UseSetting($"{section}:LinkClaim", "email");
            builder.UseSetting($"{section}:RequireHttpsMetadata", "false");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                TempFolder.Delete(folder);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SchoolSignInJourneys : ICollectionFixture<OidcSite>
{
    public const string Name = "school sign-in";
}
