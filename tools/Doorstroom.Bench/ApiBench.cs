using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Dapper;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;
using Spectre.Console;

namespace Doorstroom.Bench;

/// <summary>
/// <c>doorstroom-bench api</c>: the web application on 127.0.0.1 over a national-scale simulated store, under open-loop
/// load at a fixed rate (<see cref="OpenLoop"/>: latency from each request's scheduled send time), the loader pinned to one
/// core and the server to the other with taskset. POST /api/v1/plan beside an authenticated JSON echo on the same host and
/// token (the baseline, <c>--Doorstroom:BenchEcho</c>); the decaan's page of 500 pupils at its own rate; and that page as a
/// curve over schools, pages and cold/warm cache, one request at a time.
/// </summary>
internal static class ApiBench
{
    private const double TargetPlanP99Ms = 50,
        TargetPageP99Ms = 100;

    /// <summary>The secret of the bench's decaan clients (demo clients: they work only on a site in demo mode).</summary>
    private const string BenchSecret = "bench-secret";

    internal static Command Create()
    {
        var db = new Option<string>("--db")
        {
            Description = "The store to serve (SQLite file or PostgreSQL); filled with a national-scale simulation when it has fewer pupils",
            DefaultValueFactory = _ => "doorstroom-bench-api.db",
        };
        var cohorts = new Option<int>("--cohorts") { Description = "Simulated cohorts when the store must be filled", DefaultValueFactory = _ => 4 };
        var pupils = new Option<int>("--pupils")
        {
            Description = "Simulated vmbo leavers per cohort (national: about 100,000)",
            DefaultValueFactory = _ => 100_000,
        };
        var duration = new Option<int>("--duration") { Description = "Measured seconds per endpoint, after the warm-up", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load at the same rate before each measured run", DefaultValueFactory = _ => 3 };
        var rate = new Option<int>("--rate") { Description = "Requests per second for the echo and the plan (open loop)", DefaultValueFactory = _ => 1000 };
        var pageRate = new Option<int>("--page-rate")
        {
            Description = "Requests per second for the page of 500 pupils (open loop)",
            DefaultValueFactory = _ => 5,
        };
        var schools = new Option<int>("--schools")
        {
            Description = "Schools of the page-of-500 curve (spread over the schools by size)",
            DefaultValueFactory = _ => 3,
        };
        var pages = new Option<int>("--pages") { Description = "Pages of 500 per school in the curve", DefaultValueFactory = _ => 3 };
        var repeats = new Option<int>("--repeats") { Description = "Warm requests per school and page in the curve", DefaultValueFactory = _ => 10 };
        var loadCore = new Option<int?>("--load-core") { Description = "The loader's core (default: the first this process may use)" };
        var serverCore = new Option<int?>("--server-core") { Description = "The server's core (default: the last this process may use)" };
        var web = new Option<string?>("--web") { Description = "Doorstroom.Web.dll to run (default: build src/Doorstroom.Web in Release and run that)" };
        var cmd = new Command(
            "api",
            "Start the web application on 127.0.0.1 over a national-scale simulated store, pinned to one core, and load it open-loop at a fixed "
                + "rate from another core: an authenticated JSON echo (baseline) and POST /api/v1/plan side by side, the page of 500 pupils at its own "
                + "rate, and that page as a curve over schools, pages and cold/warm cache; p50/p90/p99/p99.9/max from the scheduled send time."
        )
        {
            db,
            cohorts,
            pupils,
            duration,
            warmup,
            rate,
            pageRate,
            schools,
            pages,
            repeats,
            loadCore,
            serverCore,
            web,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var seconds = parse.GetValue(duration);
                if (seconds is < 1 or > 600)
                    throw new BadInputException($"--duration: {seconds} is out of range; expected 1 to 600 seconds");
                if (parse.GetValue(warmup) is < 0 or > 600)
                    throw new BadInputException("--warmup: expected 0 to 600 seconds");
                if (parse.GetValue(rate) is < 1 or > 100_000)
                    throw new BadInputException($"--rate: {parse.GetValue(rate)} is out of range; expected 1 to 100000 requests per second");
                if (parse.GetValue(pageRate) is < 1 or > 10_000)
                    throw new BadInputException($"--page-rate: {parse.GetValue(pageRate)} is out of range; expected 1 to 10000 requests per second");
                if (parse.GetValue(schools) is < 1 or > 50)
                    throw new BadInputException("--schools: expected 1 to 50");
                if (parse.GetValue(pages) is < 1 or > 50)
                    throw new BadInputException("--pages: expected 1 to 50");
                if (parse.GetValue(repeats) is < 1 or > 1000)
                    throw new BadInputException("--repeats: expected 1 to 1000");
                var allowed = CorePinning.AllowedCores();
                var load = parse.GetValue(loadCore) ?? (allowed.Count > 0 ? allowed[0] : 0);
                var serve = parse.GetValue(serverCore) ?? (allowed.Count > 0 ? allowed[^1] : 0);
                foreach (var (option, core) in new[] { ("--load-core", load), ("--server-core", serve) })
                {
                    if (allowed.Count > 0 && !allowed.Contains(core))
                        throw new BadInputException($"{option}: {core} is not a core this process may use; expected one of {string.Join(", ", allowed)}");
                }
                if (load == serve && allowed.Count > 1)
                    throw new BadInputException($"--load-core and --server-core: both {load}; the loader and the server need a core each");
                var options = new ApiBenchOptions(
                    parse.GetValue(db)!,
                    parse.GetValue(cohorts),
                    parse.GetValue(pupils),
                    seconds,
                    parse.GetValue(warmup),
                    parse.GetValue(rate),
                    parse.GetValue(pageRate),
                    parse.GetValue(schools),
                    parse.GetValue(pages),
                    parse.GetValue(repeats),
                    load,
                    serve,
                    parse.GetValue(web)
                );
                try
                {
                    return Task.FromResult(Run(options, BenchCommands.LoadCatalogue(parse), cancellationToken));
                }
                catch (InvalidOperationException e)
                {
                    // The server did not start, gave no token, or taskset failed: say what, in one line, and stop.
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
        int Warmup,
        int Rate,
        int PageRate,
        int Schools,
        int Pages,
        int Repeats,
        int LoadCore,
        int ServerCore,
        string? Web
    );

    /// <summary>A school of the curve: its vestiging (BRIN6), how many pupils the store has there, and its decaan's token.</summary>
    private sealed record School(string Brin6, long Pupils, string Client)
    {
        public string Token { get; set; } = "";
    }

    /// <summary>One point of the page-of-500 curve.</summary>
    private sealed record PagePoint(School School, int Page, string? Cursor, int Items, double ColdMs, double[] WarmMs);

    private static int Run(ApiBenchOptions o, RouteCatalogue catalogue, CancellationToken cancellationToken)
    {
        var taskset = CorePinning.Taskset();
        var database = Database.Open(o.Db);
        Fill(database, catalogue, o, cancellationToken);
        var schools = Schools(database, o.Schools, o.Pages);
        var webDll = o.Web is { } given ? Path.GetFullPath(given) : BuildWeb();
        var bodies = PupilGenerator.Generate(1000, 20261130).Select(p => System.Text.Encoding.UTF8.GetBytes(PupilJson.Write(p))).ToArray();

        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        using var server = StartServer(webDll, url, o.Db, taskset, o.ServerCore);
        try
        {
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 4096,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                UseCookies = false,
                AllowAutoRedirect = false,
            };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            // The site runs in production mode (https only) behind a TLS proxy on this machine, as deployed: the proxy's header.
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            WaitUntilUp(http, server, cancellationToken);
            // The loader's every thread on its own core from here on (threads started later inherit it).
            if (taskset is not null)
                CorePinning.PinRunning(taskset, Environment.ProcessId, o.LoadCore);
            var token = Token(http, "demo-decaan", "demo-secret");
            foreach (var school in schools)
                school.Token = Token(http, school.Client, BenchSecret);
            var demoPage = Check(http, token);
            Console.WriteLine($"server: {url} (Demo environment: production pipeline, demo accounts), store {database.Description}");
            Console.WriteLine(
                taskset is null
                    ? "pinning: NOT pinned (no taskset): loader and server share the cores"
                    : $"pinning: loader on core {o.LoadCore} (threads: {CorePinning.ThreadCores(Environment.ProcessId)}), server on core {o.ServerCore} "
                        + $"(taskset -c {o.ServerCore}; threads: {CorePinning.ThreadCores(server.Id)})"
            );
            Console.WriteLine(
                $"load: open loop (requests due at fixed intervals, latency from the due time), {o.Warmup} s warm-up then {o.Seconds} s measured per "
                    + $"endpoint; bodies: 1,000 generated pupils in turn; the demo decaan's page: {demoPage} pupils"
            );

            // The curve first, while the server has not yet seen these schools: the first request per school and page is cold.
            var curve = Curve(http, token, schools, o, cancellationToken);

            var runs = new List<OpenLoopResult>();
            HttpRequestMessage Post(string path, int i)
            {
                var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bodies[i % bodies.Length]) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return message;
            }
            var pagePoints = curve.Where(p => p.Items > 0).ToArray();
            HttpRequestMessage Page(int i)
            {
                var point = pagePoints[i % pagePoints.Length];
                var message = new HttpRequestMessage(HttpMethod.Get, PagePath(point.Cursor));
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", point.School.Token);
                return message;
            }
            var warm = TimeSpan.FromSeconds(o.Warmup);
            var measured = TimeSpan.FromSeconds(o.Seconds);
            runs.Add(OpenLoop.Run(http, "echo (baseline)", o.Rate, warm, measured, i => Post("/api/v1/bench/echo", i), cancellationToken));
            runs.Add(OpenLoop.Run(http, "plan", o.Rate, warm, measured, i => Post("/api/v1/plan", i), cancellationToken));
            if (pagePoints.Length > 0)
                runs.Add(OpenLoop.Run(http, "pupils page of 500", o.PageRate, warm, measured, Page, cancellationToken));
            Print(runs, curve);
            return BenchCommands.Done;
        }
        finally
        {
            if (!server.HasExited)
                server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    private static string PagePath(string? cursor) => "/api/v1/pupils?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));

    /// <summary>
    /// The schools of the curve, spread over the vestigingen by size (the largest, and evenly down to the smallest that fills the
    /// pages asked for, or one page), each with a demo API client of its decaan made for the bench.
    /// </summary>
    private static List<School> Schools(Database database, int count, int pages)
    {
        using var connection = database.ConnectMigrated();
        var sizes = connection
            .Query<(string Brin6, long Pupils)>(
                """
                SELECT e.institution AS Brin6, COUNT(DISTINCT e.pupil_id) AS Pupils
                FROM event e JOIN vo_vestiging v ON v.brin6 = e.institution
                WHERE e.leerjaar IS NOT NULL
                GROUP BY e.institution ORDER BY 2 DESC, 1
                """
            )
            .ToList();
        // Schools that fill every page asked for; else those that fill one page; else simply the largest.
        var pool = sizes.Where(s => s.Pupils >= 500L * pages).ToList();
        if (pool.Count < count)
            pool = sizes.Where(s => s.Pupils >= 500).ToList();
        if (pool.Count < count)
            pool = [.. sizes.Take(count)];
        var chosen = Enumerable
            .Range(0, Math.Min(count, pool.Count))
            .Select(i => pool[count == 1 ? 0 : (int)Math.Round((double)i * (pool.Count - 1) / (count - 1))])
            .Distinct()
            .ToList();
        var schools = new List<School>();
        foreach (var (brin6, pupils) in chosen)
        {
            var client = "bench-decaan-" + brin6;
            Accounts.SaveClient(
                database,
                new ApiClient(client, Passwords.Hash(BenchSecret), "decaan", brin6, null, "Decaan (doorstroom-bench api)", Demo: true)
            );
            schools.Add(new School(brin6, pupils, client));
        }
        return schools;
    }

    /// <summary>
    /// The page of 500, one request at a time: per school, its pages in order (following the cursor) once cold — the first
    /// request for that school and page since the server started — then each page again warm, round and round.
    /// </summary>
    private static List<PagePoint> Curve(HttpClient http, string demoToken, List<School> schools, ApiBenchOptions o, CancellationToken cancellationToken)
    {
        // The endpoint's code is compiled on the demo school first, so that "cold" is the school's data, not the JIT.
        for (var i = 0; i < 3; i++)
            Get(http, demoToken, null);
        var points = new List<PagePoint>();
        foreach (var school in schools)
        {
            string? cursor = null;
            for (var page = 1; page <= o.Pages; page++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (ms, items, next) = Get(http, school.Token, cursor);
                points.Add(new PagePoint(school, page, cursor, items, ms, new double[o.Repeats]));
                if (next is null)
                    break;
                cursor = next;
            }
        }
        for (var r = 0; r < o.Repeats; r++)
        {
            foreach (var point in points)
                point.WarmMs[r] = Get(http, point.School.Token, point.Cursor).Ms;
        }
        return points;
    }

    private static (double Ms, int Items, string? Next) Get(HttpClient http, string token, string? cursor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PagePath(cursor));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        using var response = http.Send(request);
        var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {PagePath(cursor)}: {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(body);
        var next = json.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (ms, json.RootElement.GetProperty("items").GetArrayLength(), next);
    }

    private static void Print(List<OpenLoopResult> runs, List<PagePoint> curve)
    {
        var baseline = runs[0];
        var table = new Table()
            .AddColumn("endpoint (open loop)")
            .AddColumn(new TableColumn("rate/s").RightAligned())
            .AddColumn(new TableColumn("requests").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p90 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("p99.9 ms").RightAligned())
            .AddColumn(new TableColumn("max ms").RightAligned())
            .AddColumn(new TableColumn("send lag p99/max ms").RightAligned())
            .AddColumn(new TableColumn("p50 ÷ echo").RightAligned())
            .AddColumn(new TableColumn("p99 ÷ echo").RightAligned());
        foreach (var r in runs)
        {
            table.AddRow(
                Markup.Escape(r.Name),
                r.Rate.ToString("N0", CultureInfo.InvariantCulture),
                r.Requests.ToString("N0", CultureInfo.InvariantCulture),
                r.Errors.ToString("N0", CultureInfo.InvariantCulture),
                OpenLoop.Ms(r.Ms(0.50)),
                OpenLoop.Ms(r.Ms(0.90)),
                OpenLoop.Ms(r.Ms(0.99)),
                OpenLoop.Ms(r.Ms(0.999)),
                OpenLoop.Ms(r.Ms(1)),
                OpenLoop.Ms(r.LagMs(0.99)) + " / " + OpenLoop.Ms(r.LagMs(1)),
                (r.Ms(0.50) / baseline.Ms(0.50)).ToString("F2", CultureInfo.InvariantCulture),
                (r.Ms(0.99) / baseline.Ms(0.99)).ToString("F2", CultureInfo.InvariantCulture)
            );
        }
        // A log file or pipe gets the whole table, not one squeezed into 80 columns.
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        AnsiConsole.Write(table);
        foreach (var r in runs.Where(r => r.FirstError is not null))
            Console.WriteLine($"{r.Name}: first error: {r.FirstError}");

        Console.WriteLine(
            "page of 500 pupils, one request at a time: cold = the first request for that school and page since the server started (its "
                + "locations not cached, its rows not in SQLite's cache; the OS file cache is not dropped), warm = the same request again"
        );
        var pageTable = new Table()
            .AddColumn("school (BRIN6)")
            .AddColumn(new TableColumn("pupils").RightAligned())
            .AddColumn(new TableColumn("page").RightAligned())
            .AddColumn(new TableColumn("items").RightAligned())
            .AddColumn(new TableColumn("cold ms").RightAligned())
            .AddColumn(new TableColumn("warm p50 ms").RightAligned())
            .AddColumn(new TableColumn("warm max ms").RightAligned())
            .AddColumn(new TableColumn("cold ÷ warm").RightAligned());
        foreach (var p in curve)
        {
            var warm = p.WarmMs.Order().ToArray();
            var median = warm[warm.Length / 2];
            pageTable.AddRow(
                p.School.Brin6,
                p.School.Pupils.ToString("N0", CultureInfo.InvariantCulture),
                p.Page.ToString(CultureInfo.InvariantCulture),
                p.Items.ToString(CultureInfo.InvariantCulture),
                OpenLoop.Ms(p.ColdMs),
                OpenLoop.Ms(median),
                OpenLoop.Ms(warm[^1]),
                (p.ColdMs / median).ToString("F2", CultureInfo.InvariantCulture)
            );
        }
        AnsiConsole.Write(pageTable);

        var plan = runs[1];
        Console.WriteLine(
            $"plan at {plan.Rate:N0}/s: p50 {OpenLoop.Ms(plan.Ms(0.5))} ms vs echo {OpenLoop.Ms(baseline.Ms(0.5))} ms, "
                + $"p99 {OpenLoop.Ms(plan.Ms(0.99))} ms vs echo {OpenLoop.Ms(baseline.Ms(0.99))} ms"
        );
        Console.WriteLine(new Target($"plan p99 at {plan.Rate:N0}/s (open loop)", plan.Ms(0.99), TargetPlanP99Ms, HigherIsBetter: false, "ms").Line());
        if (runs.Count > 2)
        {
            var page = runs[2];
            Console.WriteLine(
                new Target($"page of 500 p99 at {page.Rate:N0}/s (open loop)", page.Ms(0.99), TargetPageP99Ms, HigherIsBetter: false, "ms").Line()
            );
        }
        var errors = runs.Where(r => r.Errors > 0).Select(r => $"{r.Name}: {r.Errors:N0}").ToList();
        Console.WriteLine("target no errors: " + (errors.Count == 0 ? "met" : "NOT met (" + string.Join(", ", errors) + ")"));
        var lagging = runs.Where(r => r.LagMs(0.99) > 1).ToList();
        Console.WriteLine(
            lagging.Count == 0
                ? "loader: kept its schedule (send lag p99 ≤ 1 ms in every run)"
                : "loader: fell behind its schedule in "
                    + string.Join(", ", lagging.Select(r => $"{r.Name} (send lag p99 {OpenLoop.Ms(r.LagMs(0.99))} ms)"))
                    + "; those latencies count the loader's delay too"
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

    /// <summary>Starts the site, under <c>taskset -c core</c> when there is a taskset (taskset execs dotnet: the process is the server).</summary>
    private static Process StartServer(string webDll, string url, string db, string? taskset, int core)
    {
        string[] prefix = taskset is null ? ["dotnet"] : [taskset, "-c", core.ToString(CultureInfo.InvariantCulture), "dotnet"];
        var start = new ProcessStartInfo(
            prefix[0],
            [
                .. prefix[1..],
                webDll,
                "--urls",
                url,
                "--Doorstroom:Database=" + Path.GetFullPath(db),
                "--Doorstroom:Demo=true",
                // The bench's baseline: POST /api/v1/bench/echo behind the same token check (SiteOptions.BenchEcho, demo sites only).
                "--Doorstroom:BenchEcho=true",
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

    private static string Token(HttpClient http, string client, string secret)
    {
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client,
                ["client_secret"] = secret,
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
