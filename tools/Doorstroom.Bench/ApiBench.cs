using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dapper;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;
using Spectre.Console;

namespace Doorstroom.Bench;

/// <summary>One wrk run: requests per second, latency percentiles and errors, as wrk's Lua <c>done</c> hook reports them.</summary>
internal sealed record LoadResult(string Name, long Requests, double Seconds, double P50Ms, double P95Ms, double P99Ms, long Errors)
{
    /// <summary>The open connections the load kept.</summary>
    public int Connections { get; init; }

    public double PerSecond => Requests / Seconds;

    /// <summary>Reads the line the Lua <c>done</c> hook prints: <c>RESULT requests=… duration_us=… p50=… p95=… p99=… errors=…</c> (µs).</summary>
    public static LoadResult? Parse(string name, string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (line is null)
            return null;
        var values = line[7..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return new(
            name,
            (long)values["requests"],
            values["duration_us"] / 1e6,
            values["p50"] / 1000,
            values["p95"] / 1000,
            values["p99"] / 1000,
            (long)values["errors"]
        );
    }
}

/// <summary>
/// <c>doorstroom-bench api</c>: the running web application under load from wrk on 127.0.0.1, on a national-scale
/// simulated store: a trivial endpoint as the baseline, plan requests, and a decaan's page of 500 pupils.
/// </summary>
internal static class ApiBench
{
    private const double TargetPlanPerSecond = 5000,
        TargetPlanP99Ms = 50,
        TargetPageP95Ms = 100;

    private const string Lua = """
        -- Written by doorstroom-bench api. Cycles through the bodies file (one JSON per line) when BODIES is set.
        local bodies = {}
        local path = os.getenv("BODIES")
        if path ~= nil and path ~= "" then
          for line in io.lines(path) do bodies[#bodies + 1] = line end
        end
        local token = os.getenv("TOKEN")
        local method = os.getenv("METHOD") or "GET"
        local target = os.getenv("TARGET") or "/"
        local i = 0
        request = function()
          -- As a TLS proxy on this machine would send it: the Production site serves tokens and pages over https only.
          local headers = { ["Accept"] = "application/json", ["X-Forwarded-Proto"] = "https" }
          if token ~= nil and token ~= "" then headers["Authorization"] = "Bearer " .. token end
          if #bodies > 0 then
            i = (i % #bodies) + 1
            headers["Content-Type"] = "application/json"
            return wrk.format(method, target, headers, bodies[i])
          end
          return wrk.format(method, target, headers)
        end
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("RESULT requests=%d duration_us=%d p50=%d p95=%d p99=%d errors=%d\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
            e.connect + e.read + e.write + e.status + e.timeout))
        end
        """;

    internal static Command Create()
    {
        var db = new Option<string>("--db")
        {
            Description = "The store to serve (SQLite file or PostgreSQL); filled with a national-scale simulation when it " + "has fewer pupils",
            DefaultValueFactory = _ => "doorstroom-bench-api.db",
        };
        var cohorts = new Option<int>("--cohorts") { Description = "Simulated cohorts when the store must be filled", DefaultValueFactory = _ => 4 };
        var pupils = new Option<int>("--pupils")
        {
            Description = "Simulated vmbo leavers per cohort (national: about " + "100,000)",
            DefaultValueFactory = _ => 100_000,
        };
        var duration = new Option<int>("--duration") { Description = "Seconds of load per endpoint (after 5 s of warm-up)", DefaultValueFactory = _ => 10 };
        var connections = new Option<int>("--connections") { Description = "Open connections for /health and /api/v1/plan", DefaultValueFactory = _ => 16 };
        var pageConnections = new Option<int>("--page-connections")
        {
            Description = "Open connections for the page of 500 pupils (decanen loading their list " + "at the same moment)",
            DefaultValueFactory = _ => 2,
        };
        var threads = new Option<int>("--threads") { Description = "wrk threads", DefaultValueFactory = _ => 1 };
        var wrk = new Option<string>("--wrk") { Description = "The wrk program (Debian package wrk)", DefaultValueFactory = _ => "wrk" };
        var web = new Option<string?>("--web") { Description = "Doorstroom.Web.dll to run (default: build src/Doorstroom.Web in Release and run that)" };
        var cmd = new Command(
            "api",
            "Start the web application on 127.0.0.1 over a national-scale simulated store and load it with wrk: the anonymous /health endpoint as "
                + "baseline (health), POST /api/v1/plan with varied pupils (plan), and GET /api/v1/pupils?limit=500 for a decaan (pupils page of 500); "
                + "req/s, p50/p95/p99 and errors, ratios to the baseline."
        )
        {
            db,
            cohorts,
            pupils,
            duration,
            connections,
            pageConnections,
            threads,
            wrk,
            web,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var seconds = parse.GetValue(duration);
                if (seconds is < 1 or > 600)
                    throw new BadInputException($"--duration: {seconds} is out of range; expected 1 to 600 seconds");
                if (parse.GetValue(connections) is < 1 or > 1000)
                    throw new BadInputException("--connections: expected 1 to 1000");
                if (parse.GetValue(pageConnections) is < 1 or > 1000)
                    throw new BadInputException("--page-connections: expected 1 to 1000");
                var options = new ApiBenchOptions(
                    parse.GetValue(db)!,
                    parse.GetValue(cohorts),
                    parse.GetValue(pupils),
                    seconds,
                    parse.GetValue(connections),
                    parse.GetValue(pageConnections),
                    Math.Max(1, parse.GetValue(threads)),
                    parse.GetValue(wrk)!,
                    parse.GetValue(web)
                );
                try
                {
                    return Task.FromResult(Run(options, BenchCommands.LoadCatalogue(parse), cancellationToken));
                }
                catch (InvalidOperationException e)
                {
                    // The server did not start, gave no token, or wrk failed: say what, in one line, and stop.
                    Console.Error.WriteLine("bench api: " + e.Message);
                    return Task.FromResult(1);
                }
            }
        );
        return cmd;
    }

    private sealed record ApiBenchOptions(
        string Db,
        int Cohorts,
        int Pupils,
        int Seconds,
        int Connections,
        int PageConnections,
        int Threads,
        string Wrk,
        string? Web
    );

    private static int Run(ApiBenchOptions o, RouteCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (!CanRun(o.Wrk))
            throw new BadInputException($"--wrk: '{o.Wrk}' not found; install it with 'apt-get install wrk'");
        var database = Database.Open(o.Db);
        Fill(database, catalogue, o, cancellationToken);
        var webDll = o.Web ?? BuildWeb();
        var folder = Directory.CreateTempSubdirectory("doorstroom-bench-api-").FullName;
        try
        {
            var script = Path.Combine(folder, "load.lua");
            File.WriteAllText(script, Lua);
            var bodies = Path.Combine(folder, "pupils.jsonl");
            File.WriteAllLines(bodies, PupilGenerator.Generate(1000, 20261130).Select(PupilJson.Write));

            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            using var server = StartServer(webDll, url, o.Db);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
                // The site runs in Production (https only) behind a TLS proxy on this machine, as deployed: the proxy's header.
                http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
                WaitUntilUp(http, server, cancellationToken);
                var token = Token(http, "demo-decaan");
                var page = Check(http, token);
                Console.WriteLine($"server: {url} (Production, demo accounts), store {database.Description}; decaan's page: {page} pupils");
                Console.WriteLine(
                    $"load: wrk, {o.Threads} thread(s), {o.Seconds} s per endpoint after 5 s warm-up; plan bodies: 1,000 generated pupils in " + $"turn"
                );

                var runs = new List<LoadResult>();
                foreach (
                    var (name, method, target, withBodies, withToken, open) in new[]
                    {
                        ("health (baseline)", "GET", "/health", false, false, o.Connections),
                        ("plan", "POST", "/api/v1/plan", true, true, o.Connections),
                        ("pupils page of 500", "GET", "/api/v1/pupils?limit=500", false, true, o.PageConnections),
                    }
                )
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string Load(int s) => RunWrk(o, url, script, s, open, method, target, withBodies ? bodies : null, withToken ? token : null);
                    Load(5);
                    var output = Load(o.Seconds);
                    runs.Add(
                        (LoadResult.Parse(name, output) ?? throw new InvalidOperationException("wrk printed no result:\n" + output)) with
                        {
                            Connections = open,
                        }
                    );
                }
                Print(runs);
                return BenchCommands.Done;
            }
            finally
            {
                if (!server.HasExited)
                    server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Print(List<LoadResult> runs)
    {
        var baseline = runs[0];
        var table = new Table()
            .AddColumn("endpoint")
            .AddColumn(new TableColumn("conns").RightAligned())
            .AddColumn(new TableColumn("requests").RightAligned())
            .AddColumn(new TableColumn("req/s").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p95 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned())
            .AddColumn(new TableColumn("req/s ÷ baseline").RightAligned());
        foreach (var r in runs)
        {
            table.AddRow(
                Markup.Escape(r.Name),
                r.Connections.ToString(CultureInfo.InvariantCulture),
                r.Requests.ToString("N0", CultureInfo.InvariantCulture),
                r.PerSecond.ToString("N0", CultureInfo.InvariantCulture),
                r.P50Ms.ToString("F2", CultureInfo.InvariantCulture),
                r.P95Ms.ToString("F2", CultureInfo.InvariantCulture),
                r.P99Ms.ToString("F2", CultureInfo.InvariantCulture),
                r.Errors.ToString("N0", CultureInfo.InvariantCulture),
                (r.PerSecond / baseline.PerSecond).ToString("F2", CultureInfo.InvariantCulture)
            );
        }
        // A log file or pipe gets the whole table, not one squeezed into 80 columns.
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 110);
        AnsiConsole.Write(table);
        var plan = runs[1];
        var page = runs[2];
        Console.WriteLine(
            $"target plan ≥ {TargetPlanPerSecond:N0} req/s with p99 ≤ {TargetPlanP99Ms} ms: "
                + (plan.PerSecond >= TargetPlanPerSecond && plan.P99Ms <= TargetPlanP99Ms ? "met" : "NOT met")
                + $" ({plan.PerSecond:N0} req/s, p99 {plan.P99Ms:F1} ms)"
        );
        Console.WriteLine(
            $"target page of 500 pupils p95 ≤ {TargetPageP95Ms} ms: {(page.P95Ms <= TargetPageP95Ms ? "met" : "NOT met")} (p95 {page.P95Ms:F1} "
                + $"ms at {page.Connections} connections, {page.PerSecond:N0} req/s)"
        );
        Console.WriteLine(
            $"target no errors: "
                + (
                    runs.All(r => r.Errors == 0)
                        ? "met"
                        : "NOT met (" + string.Join(", ", runs.Where(r => r.Errors > 0).Select(r => $"{r.Name}: {r.Errors:N0}")) + ")"
                )
        );
    }

    /// <summary>Fills the store with a national-scale simulation (real institutions where the data is at hand) when it holds fewer pupils.</summary>
    private static void Fill(Database database, RouteCatalogue catalogue, ApiBenchOptions o, CancellationToken cancellationToken)
    {
        long have;
        using (var connection = database.ConnectMigrated())
            have = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil");
        var want = (long)o.Cohorts * o.Pupils;
        if (have >= want)
        {
            Console.WriteLine($"store {database.Description}: {have:N0} pupils (no simulation needed)");
            return;
        }
        if (StoredWorld.EnsureRealData(database, DataPaths.RealData(), Console.WriteLine, cancellationToken) is { } problem)
        {
            Console.WriteLine($"no real data ({problem}): SYNTHETIC institutions instead");
            SyntheticInstitutions.Write(database, SyntheticWorld.Build(), DateTime.Today.Year);
        }
        var world = StoredWorld.Load(database, catalogue.Domains);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var last = SchoolYear.StartOf(today).Year + 1;
        Console.WriteLine(
            $"simulating {o.Cohorts} cohorts × {o.Pupils:N0} SYNTHETIC pupils (exam years {last - o.Cohorts + 1}–{last}) into " + $"{database.Description} …"
        );
        var records = Simulator
            .Run(world, Calibration.Default, last - o.Cohorts + 1, o.Cohorts, o.Pupils, seed: 7)
            .SelectMany(p => p.Events.Where(e => e.Date <= today).Select(e => new EventRecord(e, Synthetic: true, p.BirthDate)));
        var appended = ProgressLines.Around("bench api", "events", progress => new EventStore(database).Append(records, progress, cancellationToken));
        Console.WriteLine($"{appended.Inserted:N0} events, {appended.NewPupils:N0} pupils stored");
    }

    private static string BuildWeb()
    {
        var root = DataPaths.RepositoryRoot() ?? throw new BadInputException("--web: not in a Doorstroom checkout; name Doorstroom.Web.dll with --web");
        var project = Path.Combine(root, "src", "Doorstroom.Web");
        Console.WriteLine("building src/Doorstroom.Web (Release) …");
        using (
            var build = Process.Start(
                new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-v", "q", "--nologo"])
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                }
            )!
        )
        {
            var output = build.StandardOutput.ReadToEnd();
            build.WaitForExit();
            if (build.ExitCode != 0)
                throw new InvalidOperationException("building the web application failed:\n" + output);
        }
        return Path.Combine(project, "bin", "Release", "net10.0", "Doorstroom.Web.dll");
    }

    private static Process StartServer(string webDll, string url, string db)
    {
        var start = new ProcessStartInfo(
            "dotnet",
            [
                webDll,
                "--urls",
                url,
                "--Doorstroom:Database=" + Path.GetFullPath(db),
                "--Doorstroom:Demo=true",
                // A throw-away bench store: its keys need no certificate; the issuer is the bench's own address.
                "--Doorstroom:Keys:AllowUnprotected=true",
                "--Doorstroom:Issuer=" + url,
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            ]
        )
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        // The production pipeline (https only, HSTS, no developer pages) with demo data: the Demo environment (decision 0023).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the web application did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
                Console.Error.WriteLine("server: " + line);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitUntilUp(HttpClient http, Process server, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (server.HasExited)
                throw new InvalidOperationException($"the web application stopped (exit {server.ExitCode})");
            try
            {
                using var response = http.GetAsync("/health", cancellationToken).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            Thread.Sleep(250);
        }
        throw new InvalidOperationException("the web application did not answer /health within 5 minutes");
    }

    private static string Token(HttpClient http, string client)
    {
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client,
                ["client_secret"] = "demo-secret",
            }
        );
        using var response = http.PostAsync("/connect/token", form).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"no token for {client}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>One page of 500 through the API before the load: how many pupils it holds.</summary>
    private static int Check(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pupils?limit=500");
        request.Headers.Authorization = new("Bearer", token);
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET /api/v1/pupils?limit=500: {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(response.Content.ReadAsStream());
        return json.RootElement.GetProperty("items").GetArrayLength();
    }

    private static string RunWrk(
        ApiBenchOptions o,
        string url,
        string script,
        int seconds,
        int connections,
        string method,
        string target,
        string? bodies,
        string? token
    )
    {
        var start = new ProcessStartInfo(
            o.Wrk,
            [
                "-t",
                Math.Min(o.Threads, connections).ToString(CultureInfo.InvariantCulture),
                "-c",
                connections.ToString(CultureInfo.InvariantCulture),
                "-d",
                seconds.ToString(CultureInfo.InvariantCulture) + "s",
                "--timeout",
                "5s",
                "-s",
                script,
                url + target,
            ]
        )
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["METHOD"] = method;
        start.Environment["TARGET"] = target;
        start.Environment["BODIES"] = bodies ?? "";
        start.Environment["TOKEN"] = token ?? "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static bool CanRun(string program)
    {
        try
        {
            using var p = Process.Start(
                new ProcessStartInfo(program, ["--version"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                }
            );
            p?.WaitForExit();
            return p is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
