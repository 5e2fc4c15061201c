using System.Net;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The site as it runs in production: the Production environment, not in demo mode, on a fresh empty store with one
/// account and one API client of its own, served at https://doorstroom.example behind a TLS proxy at 10.0.0.1. A test
/// names the client address of a request with the header <see cref="AddressHeader"/> (TestServer has no sockets).
/// </summary>
public class ProductionSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Host = "doorstroom.example";
    public const string Proxy = "10.0.0.1";
    public const string AddressHeader = "X-Test-Address";
    public const string Username = "mentor";
    public const string Password = "een-lang-wachtwoord";
    public const string ClientId = "sis-school";
    public const string ClientSecret = "een-lang-geheim";
    public const string Institution = "00AA";

    public static readonly Uri Https = new($"https://{Host}/");
    public static readonly Uri Http = new($"http://{Host}/");

    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-prod-").FullName;

    public string DatabaseFile => Path.Combine(folder, "site.db");

    public SiteServices Site => Services.GetRequiredService<SiteServices>();

    public ValueTask InitializeAsync()
    {
        var accounts = Services.GetRequiredService<AccountService>();
        Accounts.Save(Site.Database, new UserAccount(Username, accounts.Hash(Password), Roles.Decaan, Institution, null, "Mentor", Demo: false));
        Accounts.SaveClient(Site.Database, new ApiClient(ClientId, accounts.Hash(ClientSecret), Roles.Decaan, Institution, null, "SIS", Demo: false));
        return ValueTask.CompletedTask;
    }

    /// <summary>Settings a test site adds to (or changes in) the production configuration.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Doorstroom:Database", DatabaseFile);
        builder.UseSetting("Doorstroom:Demo", "false");
        builder.UseSetting("AllowedHosts", Host);
        builder.UseSetting("Doorstroom:Proxies:0", Proxy);
        builder.UseSetting("https_port", "443");
        // Production refuses to start without a key certificate and an issuer (decision 0018); a test store may keep its
        // keys unprotected, the issuer is the test host's.
        builder.UseSetting("Doorstroom:Keys:AllowUnprotected", "true");
        builder.UseSetting("Doorstroom:Issuer", $"https://{Host}/");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new TestClock(SiteFactory.Now)));
            services.AddTransient<IStartupFilter, TestAddress>();
        });
    }

    /// <summary>A client at <paramref name="baseAddress"/> (default https) from a client address, without cookies or redirects.</summary>
    public HttpClient Client(Uri? baseAddress = null, string address = "192.0.2.10")
    {
        var client = CreateClient(
            new WebApplicationFactoryClientOptions
            {
                BaseAddress = baseAddress ?? Https,
                AllowAutoRedirect = false,
                HandleCookies = false,
            }
        );
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TempFolder.Delete(folder);
        }
    }

    /// <summary>Sets the connection's remote address from <see cref="AddressHeader"/>, as a socket would.</summary>
    private sealed class TestAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(
                    (HttpContext http, RequestDelegate then) =>
                    {
                        if (IPAddress.TryParse(http.Request.Headers[AddressHeader].ToString(), out var address))
                            http.Connection.RemoteIpAddress = address;
                        return then(http);
                    }
                );
                next(app);
            };
    }
}
