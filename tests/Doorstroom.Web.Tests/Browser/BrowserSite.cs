using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The demo site on a real Kestrel port (its own fresh store, the same stopped clock) and Debian's Chromium driven by
/// Playwright (never a downloaded browser). Screenshots go to artifacts/screenshots/ at the repository root.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>The two viewports every page is shot at: a laptop and a phone.</summary>
    public static readonly (int Width, int Height)[] Viewports = [(1280, 800), (390, 844)];

    private readonly SiteFactory factory = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The schools and institutions the demo accounts are bound to.</summary>
    public DemoPlaces Places => DemoData.Places(factory.Site.Database);

    /// <summary>The site's store, to check what a page shows against it.</summary>
    public Storage.Database Database => factory.Site.Database;

    /// <summary>The site's clock, at <see cref="SiteFactory.Now"/>; a journey that moves it moves it back when done.</summary>
    public TestClock Clock => factory.Clock;

    /// <summary>The running site's services (its routing, authorization and store).</summary>
    public IServiceProvider Services => factory.Services;

    public string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (Chromium.Missing is not null)
            return;
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh browser context (own cookies) with a page at the laptop viewport, Dutch locale.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = BaseUrl,
                Locale = "nl-NL",
                ViewportSize = new ViewportSize { Width = Viewports[0].Width, Height = Viewports[0].Height },
            }
        );
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
        await factory.DisposeAsync();
    }

    internal static string RepositoryRoot() => Catalogue.DataPaths.RepositoryRoot() ?? Directory.GetCurrentDirectory();
}

[CollectionDefinition(Name)]
public sealed class BrowserJourneys : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser";
}
