using System.Diagnostics;
using System.Text;

namespace Doorstroom.Bench.Tests;

/// <summary>
/// Runs the real <c>doorstroom-bench</c> (<c>dotnet doorstroom-bench.dll …</c>) as a child process: its exit code and one-line
/// errors are what these tests hold, and <c>plan</c> pins its own process to one core, which must not be the test host.
/// </summary>
internal static class BenchProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    public static async Task<Outcome> Run(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "doorstroom-bench.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project must reference tools/Doorstroom.Bench");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var info = new ProcessStartInfo(File.Exists(host) ? host : "dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
