using Microsoft.Playwright;

namespace Doorstroom.Testing;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>), headless, driven by Microsoft.Playwright's bundled driver: never a
/// browser Playwright would download. Where it is not installed, the browser tests skip with <see cref="Missing"/>.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        File.Exists(Path) ? null : $"{Path} is not installed (apt-get install chromium; .ci/run does so): the browser tests are " + $"skipped.";

    /// <summary>Skips the calling test where Chromium is not installed.</summary>
    public static void Require() => Assert.SkipWhen(Missing is not null, Missing ?? "");

    /// <summary>Starts headless Chromium.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = Path,
                Headless = true,
                Args = ["--no-sandbox"],
            }
        );
    }
}
