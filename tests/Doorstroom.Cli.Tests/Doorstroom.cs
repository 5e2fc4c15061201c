using System.Diagnostics;
using System.Text;

namespace Doorstroom.Cli.Tests;

/// <summary>What one run of the doorstroom command left behind.</summary>
public sealed record Result(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Lines(Stdout);

    public string[] StderrLines => Lines(Stderr);

    private static string[] Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the `doorstroom` command with its own temporary working directory for the input files it reads. One instance
/// per test. <see cref="Run"/> calls the command's entry point (<see cref="Program.Run"/>) inside this process on
/// string writers, which is what most tests need: the same parsing, handlers and exit codes, without starting a .NET
/// process per call. <see cref="RunProcess"/> starts the real `dotnet doorstroom.dll …` for what only a process shows
/// (its exit code as the shell sees it, a real stdin pipe, a kill part-way).
/// </summary>
public sealed class Doorstroom : IDisposable
{
    // The default Timeout is generous: a 100,000-pupil simulation takes ~20 s alone but several times that while the
    // other test projects share CI's two cores.

    // The command resolves relative paths against the current directory, which belongs to the whole process: in-process
    // runs take turns, each in its own test's working directory. A run takes milliseconds, so the turns cost little.
    private static readonly SemaphoreSlim Turn = new(1, 1);

    public Doorstroom() => WorkDir = Directory.CreateTempSubdirectory("doorstroom-cli-tests-").FullName;

    /// <summary>The command's working directory; relative file names in arguments resolve here.</summary>
    public string WorkDir { get; }

    /// <summary>Writes a file (UTF-8, no BOM) under the working directory and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(WorkDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Runs the command in this process with an empty stdin.</summary>
    public Task<Result> Run(params string[] args) => InProcess("", args);

    /// <summary>Runs the command in this process with the given stdin.</summary>
    public Task<Result> RunWithStdin(string stdin, params string[] args) => InProcess(stdin, args);

    /// <summary>The longest a run may take before the test calls it hung (three minutes unless a test needs longer).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Runs the real command as a child process with an empty stdin.</summary>
    public Task<Result> RunProcess(params string[] args) => Start(null, args);

    /// <summary>Runs the real command as a child process, writing the given text to its stdin pipe.</summary>
    public Task<Result> RunProcessWithStdin(string stdin, params string[] args) => Start(stdin, args);

    private async Task<Result> InProcess(string stdin, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        await Turn.WaitAsync(TestContext.Current.CancellationToken);
        var before = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(WorkDir);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var run = Task.Run(() => Program.Run(args, Terminal.Redirected(stdin, stdout, stderr), timeout.Token), CancellationToken.None);
            if (await Task.WhenAny(run, Task.Delay(Timeout, TestContext.Current.CancellationToken)) != run)
            {
                // Stop it before the next run takes its turn (and the working directory).
                await timeout.CancelAsync();
                await Task.WhenAny(run);
                Assert.Fail($"doorstroom {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s (it hangs)");
            }
            return new Result(await run, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
            Turn.Release();
        }
    }

    private async Task<Result> Start(string? stdin, string[] args)
    {
        using var process = Process.Start(StartInfo(args, stdin: true)) ?? throw new InvalidOperationException("could not start dotnet");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            if (stdin is not null)
                await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"doorstroom {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s (it hangs)");
            throw;
        }
    }

    /// <summary>Starts the command without waiting, stdout and stderr redirected, for tests that stop it part-way.</summary>
    public Process StartDetached(params string[] args) =>
        Process.Start(StartInfo(args, stdin: false)) ?? throw new InvalidOperationException("could not start dotnet");

    private ProcessStartInfo StartInfo(string[] args, bool stdin)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "doorstroom.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project must reference Doorstroom.Cli");
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = WorkDir,
            RedirectStandardInput = stdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrWhiteSpace(host) && File.Exists(host) ? host : "dotnet";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>Assertions shared by the end-to-end tests.</summary>
public static class Expect
{
    /// <summary>
    /// The bad-input contract: exit 2, exactly one non-empty stderr line that starts with "doorstroom: ",
    /// no stack trace, and the line mentions every given fragment (the field and what was expected).
    /// </summary>
    public static string BadInput(Result r, params string[] mentions)
    {
        Assert.True(r.ExitCode == 2, $"expected exit 2 (bad input)\n{r}");
        var lines = r.StderrLines;
        Assert.True(lines.Length == 1, $"expected exactly one stderr line\n{r}");
        var line = lines[0];
        Assert.StartsWith("doorstroom: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
        foreach (var m in mentions)
            Assert.Contains(m, line, StringComparison.Ordinal);
        return line;
    }

    public static void Done(Result r) => Assert.True(r.ExitCode == 0, $"expected exit 0\n{r}");
}

/// <summary>Pupils used by several tests.</summary>
public static class Pupils
{
    /// <summary>The issue's example: vmbo bb, leerjaar 2, groen, sure of the choice, on 2011-09-01.</summary>
    public const string IssueExample = """
        { "on": "2011-09-01", "birthDate": "1998-10-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2, "sector": "groen",
          "goal": "startkwalificatie", "wantsSector": "groen", "sureOfChoice": true, "atRiskOfNoDiploma": false }
        """;
}
