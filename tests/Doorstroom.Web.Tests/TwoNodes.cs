using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Npgsql;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Two real web nodes (<c>dotnet Doorstroom.Web.dll</c>, Production, each on its own loopback port) on one fresh PostgreSQL
/// database, behind Debian's haproxy on 127.0.0.1 (decision 0022): round robin, a health check on <c>/health</c> every
/// 300 ms, retries with redispatch, <c>X-Forwarded-Proto: https</c>. Each node names itself in <see cref="Nodes.Header"/>.
/// Started on the first <see cref="Up"/>; <see cref="Up"/> also restarts a node a test killed. Everything it started is
/// killed on dispose.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string School = "99XX00";
    public const string Issuer = "https://doorstroom.test/";
    public const string ClientId = "sis-twee-nodes";
    public const string Username = "decaan.twee";
    public const string Password = "een-lang-wachtwoord-voor-twee";
    public static readonly string[] Names = ["web-1", "web-2"];

    private readonly SemaphoreSlim starting = new(1, 1);
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-nodes-").FullName;
    private readonly Node?[] nodes = new Node?[2];
    private readonly int[] ports = new int[2];
    private Process? haproxy;
    private readonly StringBuilder haproxyOutput = new();
    private TestPostgres? postgres;
    private string target = "";

    /// <summary>Why the test cannot run here (no PostgreSQL configured, no haproxy), or null.</summary>
    public static string? Missing =>
        TestPostgres.Missing
        ?? (
            HaproxyPath is null
                ? "haproxy is not installed (Debian package haproxy; .ci/run installs it): the two-node test needs a real load " + "balancer."
                : null
        );

    /// <summary>Why haproxy cannot be run here, or null.</summary>
    public static string? NoHaproxy => HaproxyPath is null ? "haproxy is not installed (Debian package haproxy; .ci/run installs it)." : null;

    /// <summary>Runs haproxy with these arguments to its end: the exit code and what it wrote.</summary>
    public static async Task<(int Code, string Output)> RunHaproxy(params string[] arguments)
    {
        var info = new ProcessStartInfo(HaproxyPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    private static string? HaproxyPath =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator)
            .Append("/usr/sbin")
            .Append("/usr/local/sbin")
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, "haproxy"))
            .FirstOrDefault(File.Exists);

    /// <summary>The store both nodes share (the test reads it directly).</summary>
    public Database Database { get; private set; } = null!;

    /// <summary>The balancer's address.</summary>
    public Uri Balancer { get; private set; } = null!;

    /// <summary>The secret of the decaan API client made with <see cref="AccountAdmin"/>.</summary>
    public string ClientSecret { get; private set; } = "";

    /// <summary>The pupils of <see cref="School"/>, enrolled in leerjaar 1.</summary>
    public IReadOnlyList<string> Pupils { get; } = [.. Enumerable.Range(1, 6).Select(i => $"TWEE-NODES-{i:D2}")];

    /// <summary>The node process named <paramref name="name"/>.</summary>
    public Process Process(string name) => nodes[Array.IndexOf(Names, name)]!.Process;

    /// <summary>The store made and seeded, both nodes up, haproxy running and routing to both.</summary>
    public async Task Up()
    {
        await starting.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (haproxy is null)
                Create();
            // Both at once, as an operator starts them: on a new store they must agree on one key ring and one set of token keys.
            for (var i = 0; i < nodes.Length; i++)
            {
                if (nodes[i] is { Process.HasExited: false })
                    continue;
                nodes[i]?.Dispose();
                nodes[i] = Node.Start(Names[i], ports[i], target, folder);
            }
            foreach (var node in nodes)
                await node!.WaitForHealth();
            haproxy ??= StartHaproxy();
            await WaitUntilBothServe();
        }
        finally
        {
            starting.Release();
        }
    }

    private void Create()
    {
        postgres = TestPostgres.Create();
        // The nodes pool their connections as in production; the test's own reads do not.
        target = new NpgsqlConnectionStringBuilder(postgres.Target) { Pooling = true }.ConnectionString;
        Database = Database.Open(postgres.Target);
        using (var connection = Database.ConnectMigrated())
            connection.Execute(
                "INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur) VALUES (@School, '99XX', 'Testschool twee nodes', " + "'VMBO')",
                new { School }
            );
        new EventStore(Database).Append(
            Pupils.Select(p => new EventRecord(
                new TransitionEvent(p, new DateOnly(2025, 8, 1), EventKind.Ingeschreven, School, Leerweg.Kb, 1),
                Synthetic: true,
                new DateOnly(2013, 3, 1)
            ))
        );
        ClientSecret = AccountAdmin.AddClient(Database, ClientId, Roles.Decaan, School, null, "SIS", "test").Secret!;
        var account = AccountAdmin.AddAccount(Database, Username, Roles.Decaan, School, null, "Decaan", Password, "test");
        Assert.True(account.Problem is null, account.Problem?.Message);
        for (var i = 0; i < ports.Length; i++)
            ports[i] = WebProcess.FreePort();
    }

    /// <summary>The haproxy configuration of docs/deploy/haproxy.cfg, for loopback ports and with short test timings.</summary>
    public string HaproxyConfig(int port) =>
        $"""
            global
                maxconn 512

            defaults
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 30s
                timeout check 1s
                # A request whose connection to a node fails is tried again, the last time on another node.
                retries 3
                option redispatch

            frontend doorstroom
                bind 127.0.0.1:{port}
                # TLS ends here in production; the nodes believe X-Forwarded-* from this address (Doorstroom:Proxies).
                option forwardfor
                http-request set-header X-Forwarded-Proto https
                default_backend nodes

            backend nodes
                balance roundrobin
                option httpchk GET /health
                http-check expect status 200
                default-server inter 300ms fastinter 200ms downinter 500ms fall 2 rise 2
                server {Names[0]} 127.0.0.1:{ports[0]} check
                server {Names[1]} 127.0.0.1:{ports[1]} check

            """;

    private Process StartHaproxy()
    {
        var port = WebProcess.FreePort();
        var config = Path.Combine(folder, "haproxy.cfg");
        File.WriteAllText(config, HaproxyConfig(port));
        var info = new ProcessStartInfo(HaproxyPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-db", "-f", config })
            info.ArgumentList.Add(a);
        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            lock (haproxyOutput)
                haproxyOutput.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (haproxyOutput)
                haproxyOutput.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Balancer = new Uri($"http://127.0.0.1:{port}/");
        return process;
    }

    /// <summary>A client of the balancer: no cookies of its own, no redirects followed.</summary>
    public HttpClient Client() =>
        new(
            new SocketsHttpHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromSeconds(2),
            }
        )
        {
            BaseAddress = Balancer,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>An access token for the decaan client, asked through the balancer.</summary>
    public async Task<string> Token(HttpClient http)
    {
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ClientId,
                ["client_secret"] = ClientSecret,
            }
        );
        using var response = await http.PostAsync("connect/token", form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"token: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The node that answered, from <see cref="Nodes.Header"/>.</summary>
    public static string? NodeOf(HttpResponseMessage response) => response.Headers.TryGetValues(Nodes.Header, out var values) ? values.FirstOrDefault() : null;

    private async Task WaitUntilBothServe()
    {
        using var http = Client();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(haproxy!.HasExited, "haproxy stopped: " + HaproxyOutput);
            try
            {
                using var response = await http.GetAsync("health", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode && NodeOf(response) is { } node)
                    seen.Add(node);
                if (seen.Count == Names.Length)
                    return;
            }
            catch (HttpRequestException)
            {
                // haproxy not listening yet.
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"haproxy did not route to both nodes within 30 s (seen: {string.Join(", ", seen)}); haproxy said: {HaproxyOutput}");
    }

    public string HaproxyOutput
    {
        get
        {
            lock (haproxyOutput)
                return haproxyOutput.ToString();
        }
    }

    /// <summary>What the nodes wrote (for a failing test's output).</summary>
    public string NodeOutput => string.Join("\n", nodes.Where(n => n is not null).Select(n => $"--- {n!.Name}:\n{n.Output}"));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
            node?.Dispose();
        if (haproxy is not null)
        {
            if (!haproxy.HasExited)
                haproxy.Kill();
            await haproxy.WaitForExitAsync(CancellationToken.None);
            haproxy.Dispose();
        }
        postgres?.Dispose();
        starting.Dispose();
        TempFolder.Delete(folder);
    }

    /// <summary>One web node: <c>dotnet Doorstroom.Web.dll</c> in its own working folder, settings in environment variables.</summary>
    private sealed class Node : IDisposable
    {
        private readonly StringBuilder output = new();

        private Node(string name, int port, Process process)
        {
            Name = name;
            Port = port;
            Process = process;
        }

        public string Name { get; }
        public int Port { get; }
        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (output)
                    return output.ToString();
            }
        }

        public static Node Start(string name, int port, string database, string root)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
            var info = WebProcess.StartInfo(folder, "Production", ["--contentRoot", folder]);
            info.Environment["HOME"] = folder;
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["AllowedHosts"] = "127.0.0.1";
            info.Environment["Doorstroom__Database"] = database;
            info.Environment["Doorstroom__Demo"] = "false";
            info.Environment["Doorstroom__NodeName"] = name;
            info.Environment["Doorstroom__Issuer"] = Issuer;
            info.Environment["Doorstroom__Keys__AllowUnprotected"] = "true";
            info.Environment["Doorstroom__Proxies__0"] = "127.0.0.1";
            info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
            var process = System.Diagnostics.Process.Start(info)!;
            var node = new Node(name, port, process);
            process.OutputDataReceived += (_, e) => node.Append(e.Data);
            process.ErrorDataReceived += (_, e) => node.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return node;
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
        }

        public async Task WaitForHealth()
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(10) };
            await WebProcess.WaitForHealth(http, Process, $"node {Name}", () => Output);
        }

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                    Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            Process.Dispose();
        }
    }
}

/// <summary>Request helpers for the two-node tests.</summary>
internal static class Requests
{
    public static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        return request;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
