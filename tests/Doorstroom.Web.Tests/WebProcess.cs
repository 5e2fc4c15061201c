using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Doorstroom.Web.Tests;

/// <summary>The site as an operator starts it: <c>dotnet Doorstroom.Web.dll</c> from the test output, in a process of its own.</summary>
public static class WebProcess
{
    /// <summary>
    /// A start of the site in <paramref name="workingDirectory"/> in the given environment, with these command-line
    /// settings, without the tester's <c>DOORSTROOM_DB</c>; output and errors redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, string environment, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Doorstroom.Web.dll"));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment.Remove("DOORSTROOM_DB");
        return info;
    }

    /// <summary>
    /// Waits (90 s at most) until the site at <paramref name="http"/>'s address answers <c>/health</c> with success; the
    /// test fails when <paramref name="process"/> stops first or the time runs out. <paramref name="what"/> names the site
    /// in the failure, <paramref name="output"/> (when given) adds what the process wrote.
    /// </summary>
    public static async Task WaitForHealth(HttpClient http, Process process, string what, Func<string>? output = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(process);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"{what} stopped before it answered /health{Said(output)}");
            try
            {
                using var health = await http.GetAsync("health", TestContext.Current.CancellationToken);
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"{what} did not answer /health within 90 s{Said(output)}");
    }

    private static string Said(Func<string>? output) => output is null ? "" : ":\n" + output();

    /// <summary>A TCP port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
