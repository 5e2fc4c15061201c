using System.Net;

namespace Doorstroom.Bench.Tests;

/// <summary>
/// `doorstroom-bench api`: its open-loop loader (sends on schedule, never waiting for answers, latency from the due time) and
/// its refusals of bad input. A whole run needs a national store and a built site, too slow for a test; its output is in
/// the report.
/// </summary>
public sealed class ApiBenchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Answers nothing until <paramref name="hold"/> requests have arrived, then all of them; odd ones 500 when asked.</summary>
    private sealed class HoldingHandler(int hold, bool failOdd = false) : HttpMessageHandler
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref arrived);
            if (n >= hold)
                release.TrySetResult();
            // A closed-loop loader would wait here for ever: it sends the next request only after this one's answer.
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            var status = failOdd && n % 2 == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;
            return new HttpResponseMessage(status) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        }
    }

    [Fact]
    public void The_loader_sends_every_request_when_due_without_waiting_for_answers_and_times_it_from_its_due_time()
    {
        using var http = new HttpClient(new HoldingHandler(30)) { BaseAddress = new Uri("http://bench.test") };
        var r = OpenLoop.Run(http, "held", 100, TimeSpan.Zero, TimeSpan.FromSeconds(0.3), _ => new HttpRequestMessage(HttpMethod.Get, "/"), Cancel);
        Assert.Equal(30, r.Requests);
        Assert.Equal(0, r.Errors);
        // No answer came before the 30th request was sent, which was due 290 ms after the first: the first one's latency holds all of it.
        Assert.True(r.Ms(1) >= 290, $"max {r.Ms(1)} ms");
    }

    [Fact]
    public void The_loader_counts_answers_that_are_not_success_as_errors_and_keeps_the_first()
    {
        using var http = new HttpClient(new HoldingHandler(1, failOdd: true)) { BaseAddress = new Uri("http://bench.test") };
        var r = OpenLoop.Run(http, "half", 200, TimeSpan.Zero, TimeSpan.FromSeconds(0.1), _ => new HttpRequestMessage(HttpMethod.Get, "/"), Cancel);
        Assert.Equal(20, r.Requests);
        Assert.Equal(10, r.Errors);
        Assert.StartsWith("500", r.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_in_the_warm_up_are_sent_but_not_counted()
    {
        using var http = new HttpClient(new HoldingHandler(1)) { BaseAddress = new Uri("http://bench.test") };
        var r = OpenLoop.Run(http, "warm", 100, TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.2), _ => new HttpRequestMessage(HttpMethod.Get, "/"), Cancel);
        Assert.Equal(20, r.Requests);
        Assert.Equal(20, r.LagTicks.Length);
    }

    [Theory]
    [InlineData("--rate", "0", "doorstroom-bench: --rate: 0 is out of range")]
    [InlineData("--page-rate", "0", "doorstroom-bench: --page-rate: 0 is out of range")]
    [InlineData("--duration", "0", "doorstroom-bench: --duration: 0 is out of range")]
    [InlineData("--load-core", "4096", "doorstroom-bench: --load-core: 4096 is not a core this process may use")]
    public async Task Bad_input_is_one_line_and_exit_2_before_anything_starts(string option, string value, string line)
    {
        var r = await BenchProcess.Run("api", "--db", Path.Combine(Path.GetTempPath(), "never-made.db"), option, value);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith(
            line,
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            StringComparison.Ordinal
        );
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public async Task The_loader_and_the_server_on_one_core_is_bad_input_when_there_are_two()
    {
        Assert.SkipWhen(CorePinning.AllowedCores().Count < 2, "this machine lets the test use one core only");
        var core = CorePinning.AllowedCores()[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var r = await BenchProcess.Run("api", "--load-core", core, "--server-core", core);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("the loader and the server need a core each", r.Stderr, StringComparison.Ordinal);
    }
}
