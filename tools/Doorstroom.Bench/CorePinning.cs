using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Doorstroom.Bench;

/// <summary>
/// Pins a bench to one core with <c>taskset</c> (util-linux): the bench starts itself again under <c>taskset -c N</c>, so
/// that every thread of the process — the measuring thread, the JIT's background compiler, the GC and the finalizer — runs
/// on core N. Setting <see cref="Process.ProcessorAffinity"/> from inside would pin the main thread only (Linux applies
/// sched_setaffinity to the one thread whose id is the process id); the threads the runtime started before would still roam.
/// </summary>
internal static class CorePinning
{
    /// <summary>Set in the child that taskset starts, to the core it was asked for: the child measures, it does not start again.</summary>
    private const string Marker = "DOORSTROOM_BENCH_PINNED_TO";

    /// <summary>The cores this process may run on, from <c>/proc/self/status</c> (Cpus_allowed_list); empty when not Linux.</summary>
    public static IReadOnlyList<int> AllowedCores()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
            return [];
        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        return line is null ? [] : ParseList(line["Cpus_allowed_list:".Length..].Trim());
    }

    /// <summary>Reads a Linux CPU list such as <c>0-1,4</c>.</summary>
    internal static IReadOnlyList<int> ParseList(string list)
    {
        var cores = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', 2);
            var from = int.Parse(range[0], CultureInfo.InvariantCulture);
            var to = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : from;
            for (var c = from; c <= to; c++)
                cores.Add(c);
        }
        return cores;
    }

    /// <summary>True when this process is the child that taskset started.</summary>
    public static bool IsPinnedChild => Environment.GetEnvironmentVariable(Marker) is { Length: > 0 };

    /// <summary>The taskset program on the PATH, or null.</summary>
    public static string? Taskset() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "taskset"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs this very command again under <c>taskset -c core</c>, the child's output going straight to ours, and returns its
    /// exit code.
    /// </summary>
    public static int RunAgainPinned(string taskset, int core)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the bench cannot find its own program");
        var args = new List<string> { "-c", core.ToString(CultureInfo.InvariantCulture), self };
        // Started as `dotnet doorstroom-bench.dll …`: the child needs the dll too; the apphost needs nothing more.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            args.Add(Assembly.GetEntryAssembly()!.Location);
        args.AddRange(Environment.GetCommandLineArgs().Skip(1));
        var start = new ProcessStartInfo(taskset, args) { UseShellExecute = false };
        start.Environment[Marker] = core.ToString(CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("taskset did not start");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>
    /// One line on how this process runs: pinned by taskset to core N (checked against the cores the kernel allows it), or
    /// why not.
    /// </summary>
    public static string Describe()
    {
        var allowed = AllowedCores();
        var asked = Environment.GetEnvironmentVariable(Marker);
        if (asked is not null && allowed.Count == 1 && allowed[0].ToString(CultureInfo.InvariantCulture) == asked)
            return $"pinned with taskset -c {asked}: every thread on core {asked} (Cpus_allowed_list {asked})";
        if (asked is not null)
            return $"NOT pinned: taskset was asked for core {asked} but the kernel allows cores {string.Join(",", allowed)}";
        return allowed.Count == 1
            ? $"on core {allowed[0]} only (pinned from outside)"
            : $"NOT pinned (no taskset): the threads may run on cores {string.Join(",", allowed)}";
    }

    /// <summary>Pins every thread a running process has now to <paramref name="core"/> (<c>taskset -a -p -c</c>); threads it starts later inherit it.</summary>
    public static void PinRunning(string taskset, int pid, int core)
    {
        var start = new ProcessStartInfo(taskset, ["-a", "-p", "-c", core.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(start) ?? throw new InvalidOperationException("taskset did not start");
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"taskset -a -p -c {core} {pid} failed: {output.Trim()}");
    }

    /// <summary>The distinct Cpus_allowed_list of every thread of a process, from <c>/proc/&lt;pid&gt;/task/*/status</c>; "?" when unreadable.</summary>
    public static string ThreadCores(int pid)
    {
        var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
            return "?";
        var lists = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var line = File.ReadLines(Path.Combine(task, "status")).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
                if (line is not null)
                    lists.Add(line["Cpus_allowed_list:".Length..].Trim());
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }
        return string.Join(" | ", lists);
    }
}
