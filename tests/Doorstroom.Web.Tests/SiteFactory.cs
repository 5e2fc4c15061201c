using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

[assembly: AssemblyFixture(typeof(Doorstroom.Web.Tests.SiteFactory))]

namespace Doorstroom.Web.Tests;

/// <summary>
/// The site in demo mode on a fresh SQLite file, its clock stopped at <see cref="Now"/>, seeded once for the whole test
/// assembly: real institutions where ../shared/data/real is at hand, else the synthetic set.
/// </summary>
public sealed partial class SiteFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The instant every test runs at: Monday 30 November 2026, 10:00 in Amsterdam.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => new(2026, 11, 30);

    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-web-").FullName;

    public string DatabaseFile => Path.Combine(folder, "site.db");

    public SiteServices Site => Services.GetRequiredService<SiteServices>();

    /// <summary>The site's clock: stopped at <see cref="Now"/> unless a test moves it (and back) on a site of its own.</summary>
    public TestClock Clock { get; } = new(Now);

    /// <summary>Starts the one server before the tests: tests in parallel must not each build a host (and seed the store) of their own.</summary>
    public ValueTask InitializeAsync()
    {
        _ = Services;
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Doorstroom:Database", DatabaseFile);
        builder.UseSetting("Doorstroom:Demo", "true");
        builder.UseSetting("Doorstroom:DemoPupilsPerCohort", "300");
        // Hundreds of tests sign in and ask tokens from one (test) address: the guessing limits are tested on a site of their own.
        builder.UseSetting("Doorstroom:SignIn:PerAddressPerMinute", "1000000");
        builder.UseSetting("Doorstroom:SignIn:PerAccountPerMinute", "1000000");
        builder.UseSetting("Doorstroom:SignIn:MaxFailures", "1000000");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client without cookies of its own that does not follow redirects.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a demo account (password <see cref="DemoData.Password"/>), keeping its cookie.</summary>
    public async Task<HttpClient> SignedIn(string username)
    {
        var client = Anonymous();
        var form = await client.GetStringAsync("/account/inloggen");
        using var content = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Username"] = username,
                ["Password"] = DemoData.Password,
                ["__RequestVerificationToken"] = Token(form),
            }
        );
        using var response = await client.PostAsync("/account/inloggen", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {username} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>The antiforgery token of the first form in a page.</summary>
    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("the page has no antiforgery token");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
