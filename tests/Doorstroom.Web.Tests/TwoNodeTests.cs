using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using Doorstroom.Catalogue;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests;

/// <summary>
/// Issue 13 item 6: two web nodes on one PostgreSQL store behind a real haproxy (<see cref="TwoNodes"/>, decision 0022). A
/// token and a cookie made through the balancer work on both nodes; one node killed with SIGKILL under a load of writes and
/// reads costs no acknowledged write, doubles none, keeps the audit chain whole, and the other node carries on.
/// </summary>
public sealed class TwoNodeTests(TwoNodes cluster) : IClassFixture<TwoNodes>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task Up()
    {
        Assert.SkipWhen(TwoNodes.Missing is not null, TwoNodes.Missing ?? "");
        try
        {
            await cluster.Up();
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(cluster.NodeOutput + "\n--- haproxy:\n" + cluster.HaproxyOutput);
            throw;
        }
    }

    [Fact]
    public async Task The_example_haproxy_configuration_is_one_haproxy_accepts()
    {
        Assert.SkipWhen(TwoNodes.NoHaproxy is not null, TwoNodes.NoHaproxy ?? "");
        var example = Path.Combine(
            DataPaths.RepositoryRoot() ?? throw new InvalidOperationException("no repository root above the tests"),
            "docs",
            "deploy",
            "haproxy.cfg"
        );
        var folder = Directory.CreateTempSubdirectory("doorstroom-haproxy-").FullName;
        try
        {
            // The example's certificate path, pointed at a throwaway self-signed certificate and key in one PEM file.
            using var key = RSA.Create(2048);
            var now = DateTimeOffset.UtcNow;
            using var certificate = new CertificateRequest("CN=doorstroom.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(
                now.AddMinutes(-1),
                now.AddDays(1)
            );
            var pem = Path.Combine(folder, "doorstroom.pem");
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n", Cancel);
            var text = await File.ReadAllTextAsync(example, Cancel);
            Assert.Contains("/etc/haproxy/certs/doorstroom.pem", text, StringComparison.Ordinal);
            var config = Path.Combine(folder, "haproxy.cfg");
            await File.WriteAllTextAsync(config, text.Replace("/etc/haproxy/certs/doorstroom.pem", pem, StringComparison.Ordinal), Cancel);

            var (code, output) = await TwoNodes.RunHaproxy("-c", "-f", config);
            Assert.True(code == 0, $"haproxy -c refused docs/deploy/haproxy.cfg:\n{output}");
            Assert.Contains("option httpchk GET /health", text, StringComparison.Ordinal);
            Assert.Contains("option redispatch", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_token_asked_through_the_balancer_is_accepted_by_both_nodes()
    {
        await Up();
        using var http = cluster.Client();
        var token = await cluster.Token(http);
        var served = new List<(string? Node, HttpStatusCode Status)>();
        for (var i = 0; i < 12 && served.Select(s => s.Node).Distinct().Count() < 2; i++)
        {
            using var request = Requests.Bearer(HttpMethod.Get, $"api/v1/pupils/{cluster.Pupils[0]}/events", token);
            using var response = await http.SendAsync(request, Cancel);
            served.Add((TwoNodes.NodeOf(response), response.StatusCode));
        }

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal(TwoNodes.Names, served.Select(s => s.Node).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Nodes_started_together_on_a_new_store_make_one_key_ring()
    {
        await Up();
        using var connection = cluster.Database.ConnectMigrated();
        var keys = connection.Query<string>("SELECT name FROM data_protection_key WHERE name LIKE 'key-%'").ToList();
        Assert.True(keys.Count == 1, $"one Data Protection key for both nodes, found {keys.Count}: {string.Join(", ", keys)}");
        Assert.Equal(3, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM token_key"));
    }

    [Fact]
    public async Task A_cookie_signed_in_through_the_balancer_works_on_both_nodes()
    {
        await Up();
        // The session is in the store (decision 0019), so every node knows it. The form from one node and the POST to the
        // next (round robin): the antiforgery token crosses nodes as well.
        using var session = new Session(cluster.Client());
        using (var signedIn = await session.SignInAsync(TwoNodes.Username, TwoNodes.Password))
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)signedIn.StatusCode} from {TwoNodes.NodeOf(signedIn)}");
        Assert.Contains("doorstroom", session.Cookies.Keys);

        var served = new List<(string? Node, HttpStatusCode Status)>();
        for (var i = 0; i < 12 && served.Select(s => s.Node).Distinct().Count() < 2; i++)
        {
            using var response = await session.SendAsync(HttpMethod.Get, "/leerlingen");
            served.Add((TwoNodes.NodeOf(response), response.StatusCode));
        }

        Assert.Equal(TwoNodes.Names, served.Select(s => s.Node).Distinct().Order(StringComparer.Ordinal));
        Assert.All(served, s => Assert.True(s.Status == HttpStatusCode.OK, $"{s.Node} answered {(int)s.Status} to the signed-in cookie"));
    }

    [Fact]
    public async Task Killing_one_node_under_load_loses_no_acknowledged_write_and_the_other_carries_on()
    {
        await Up();
        const int Clients = 6;
        using var http = cluster.Client();
        var token = await cluster.Token(http);
        var victim = cluster.Process(TwoNodes.Names[1]);
        var survivor = TwoNodes.Names[0];

        // Warm both nodes up (the first request of a fresh process compiles a lot): a read and a write served by each.
        var warm = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20 && warm.Count < 2; i++)
        {
            using var read = Requests.Bearer(HttpMethod.Get, $"api/v1/pupils/{cluster.Pupils[0]}/events", token);
            using var readAnswer = await http.SendAsync(read, Cancel);
            using var write = Requests.Bearer(
                HttpMethod.Post,
                $"api/v1/pupils/{cluster.Pupils[0]}/events",
                token,
                new
                {
                    date = Requests.Iso(new DateOnly(2029, 8, 1).AddDays(i)),
                    type = "Bevorderd",
                    institution = TwoNodes.School,
                    leerjaar = 2,
                }
            );
            using var writeAnswer = await http.SendAsync(write, Cancel);
            Assert.True(
                readAnswer.IsSuccessStatusCode && writeAnswer.IsSuccessStatusCode,
                $"warm-up: {(int)readAnswer.StatusCode}, " + $"{(int)writeAnswer.StatusCode}"
            );
            if (TwoNodes.NodeOf(writeAnswer) is { } node)
                warm.Add(node);
        }

        var acknowledged = new ConcurrentDictionary<(string Pupil, string Date), string?>();
        var failedAttempts = new ConcurrentQueue<(DateTime Began, string What)>();
        var unanswered = new ConcurrentQueue<string>();
        var unexpected = new ConcurrentQueue<string>();
        var served = new ConcurrentQueue<(DateTime At, string? Node)>();
        var reads = 0;
        var day = 0;
        var started = DateTime.UtcNow;
        var stop = started.AddSeconds(6);
        var killed = DateTime.MaxValue;

        // A real client's retries: a connection error, 502, 503 or 504 is tried again (an event is idempotent by content,
        // decision 0009, so a write retried after it was stored is stored once and answered 200).
        async Task<HttpResponseMessage?> Send(Func<HttpRequestMessage> make)
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var began = DateTime.UtcNow;
                using var request = make();
                try
                {
                    var response = await http.SendAsync(request, Cancel);
                    if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
                    {
                        served.Enqueue((DateTime.UtcNow, TwoNodes.NodeOf(response)));
                        return response;
                    }
                    failedAttempts.Enqueue((began, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}"));
                    response.Dispose();
                }
                catch (HttpRequestException problem)
                {
                    failedAttempts.Enqueue((began, $"{request.Method} {request.RequestUri}: {problem.Message}"));
                }
                await Task.Delay(100, Cancel);
            }
            return null;
        }

        var load = Enumerable
            .Range(0, Clients)
            .Select(client =>
                Task.Run(
                    async () =>
                    {
                        var pupil = cluster.Pupils[client % cluster.Pupils.Count];
                        for (var i = 0; DateTime.UtcNow < stop; i++)
                        {
                            // Each write a distinct event: Bevorderd on its own date.
                            var date = Requests.Iso(new DateOnly(2030, 8, 1).AddDays(Interlocked.Increment(ref day)));
                            using (
                                var written = await Send(() =>
                                    Requests.Bearer(
                                        HttpMethod.Post,
                                        $"api/v1/pupils/{pupil}/events",
                                        token,
                                        new
                                        {
                                            date,
                                            type = "Bevorderd",
                                            institution = TwoNodes.School,
                                            leerjaar = 2,
                                        }
                                    )
                                )
                            )
                            {
                                if (written is null)
                                    unanswered.Enqueue($"write {pupil} {date}");
                                else if (written.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                                    acknowledged[(pupil, date)] = TwoNodes.NodeOf(written);
                                else
                                    unexpected.Enqueue($"write {pupil} {date}: {(int)written.StatusCode} {await written.Content.ReadAsStringAsync(Cancel)}");
                            }
                            if (i % 2 == 1)
                            {
                                using var read = await Send(() => Requests.Bearer(HttpMethod.Get, $"api/v1/pupils/{pupil}/events", token));
                                if (read is null)
                                    unanswered.Enqueue($"read {pupil}");
                                else if (read.StatusCode == HttpStatusCode.OK)
                                    Interlocked.Increment(ref reads);
                                else
                                    unexpected.Enqueue($"read {pupil}: {(int)read.StatusCode}");
                            }
                        }
                    },
                    Cancel
                )
            )
            .ToList();

        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        killed = DateTime.UtcNow;
        victim.Kill(); // SIGKILL on Linux: no shutdown, the requests it was serving just stop
        await victim.WaitForExitAsync(Cancel);
        // Until the kernel has torn the process down its listening socket still takes connections: a request that reached it
        // meanwhile was in flight on the killed node as much as one that began before the kill.
        var gone = DateTime.UtcNow;
        await Task.WhenAll(load);

        var report =
            $"{acknowledged.Count} writes and {reads} reads acknowledged; the node was gone {(gone - killed).TotalMilliseconds:0} ms after the kill; "
            + $"failed attempts: {failedAttempts.Count} "
            + $"[{string.Join("; ", failedAttempts.Select(f => $"{(f.Began - killed).TotalMilliseconds:+0;-0} ms {f.What}"))}]";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(unexpected.IsEmpty, "unexpected answers: " + string.Join("; ", unexpected));
        Assert.True(unanswered.IsEmpty, "requests that failed after every retry: " + string.Join("; ", unanswered) + "\n" + report);
        // Only requests in flight on the killed node fail (at most one per client); a request that began once the node was
        // gone went to the survivor (haproxy retries a refused connection elsewhere, the health check takes the node out).
        Assert.True(failedAttempts.Count <= Clients, report);
        Assert.All(failedAttempts, f => Assert.True(f.Began <= gone, $"a request that began after the node was gone failed: {f.What}\n{report}"));

        // Both nodes served before the kill; the survivor carried on after it, and still does.
        var before = served.Where(s => s.At < killed).Select(s => s.Node).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(TwoNodes.Names, before);
        Assert.Contains(served, s => s.At > killed.AddSeconds(1) && s.Node == survivor);
        for (var i = 0; i < 4; i++)
        {
            using var request = Requests.Bearer(HttpMethod.Get, $"api/v1/pupils/{cluster.Pupils[0]}/events", token);
            using var after = await http.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Equal(survivor, TwoNodes.NodeOf(after));
        }

        // Every acknowledged write is in the store exactly once, and nothing else was written.
        List<(string Pupil, string Date)> stored;
        using (var connection = cluster.Database.ConnectMigrated())
        {
            stored =
            [
                .. connection.Query<(string, string)>(
                    """
                    SELECT p.pkey, CAST(e.on_date AS TEXT) FROM event e JOIN pupil p ON p.id = e.pupil_id
                    WHERE e.kind = 'Bevorderd' AND e.on_date >= '2030-08-01'
                    """
                ),
            ];
        }
        Assert.Empty(stored.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(acknowledged.Keys.Order().ToList(), stored.Order().ToList());

        // The reads were audited from both nodes into ONE chain, intact.
        var check = AuditLog.Verify(cluster.Database);
        Assert.True(check.Intact, check.Problem);
        using (var connection = cluster.Database.ConnectMigrated())
            Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log WHERE purpose = @view", new { view = PupilView.ApiEvents }) >= reads);
    }
}
