using System.Diagnostics;
using System.Globalization;

namespace Doorstroom.Bench;

/// <summary>What one open-loop run measured after its warm-up: every request's latency from its scheduled send time.</summary>
internal sealed record OpenLoopResult(string Name, double Rate, double Seconds, long[] LatencyTicks, long[] LagTicks, int Errors, string? FirstError)
{
    public int Requests => LatencyTicks.Length;

    /// <summary>The latency at quantile <paramref name="q"/> (0.5, 0.99, 1 = max), in milliseconds.</summary>
    public double Ms(double q) => Quantile(LatencyTicks, q);

    /// <summary>How late the loader sent at quantile <paramref name="q"/>, in milliseconds: large means the loader, not the server, fell behind.</summary>
    public double LagMs(double q) => Quantile(LagTicks, q);

    private static double Quantile(long[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// An open-model load generator: request i is due at start + i / rate whatever happened to the requests before it, sent as
/// soon as it is due (never waiting for an answer), and its latency runs from the time it was due — not from the moment it
/// was actually sent — until its whole answer is read. A server that stalls therefore pays for every request that fell due
/// during the stall (no coordinated omission, as wrk2 measures). How late the loader itself sent is kept too.
/// </summary>
internal static class OpenLoop
{
    public static OpenLoopResult Run(
        HttpClient http,
        string name,
        double rate,
        TimeSpan warmup,
        TimeSpan measured,
        Func<int, HttpRequestMessage> request,
        CancellationToken cancellationToken
    )
    {
        var warm = (int)Math.Round(rate * warmup.TotalSeconds);
        var total = warm + Math.Max(1, (int)Math.Round(rate * measured.TotalSeconds));
        var latency = new long[total];
        var lag = new long[total];
        var failed = new bool[total];
        string? firstError = null;
        var tasks = new Task[total];
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        for (var i = 0; i < total; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = start + (long)(i * interval);
            WaitUntil(due);
            lag[i] = Stopwatch.GetTimestamp() - due;
            tasks[i] = Send(i, due);
        }
        Task.WaitAll(tasks, cancellationToken);
        var seconds = (total - warm) / rate;
        var kept = latency[warm..];
        var lags = lag[warm..];
        Array.Sort(kept);
        Array.Sort(lags);
        return new(name, rate, seconds, kept, lags, failed[warm..].Count(f => f), firstError);

        async Task Send(int i, long due)
        {
            try
            {
                using var message = request(i);
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    failed[i] = true;
                    Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {response.ReasonPhrase}", null);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                failed[i] = true;
                Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
            }
            latency[i] = Stopwatch.GetTimestamp() - due;
        }
    }

    /// <summary>Sleeps while the due time is more than 2 ms away, then yields the core until it is due (the answers' threads run meanwhile).</summary>
    private static void WaitUntil(long due)
    {
        var twoMs = Stopwatch.Frequency / 500;
        while (true)
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left <= 0)
                return;
            if (left > twoMs)
                Thread.Sleep(1);
            else
                Thread.Yield();
        }
    }

    internal static string Ms(double ms) =>
        double.IsNaN(ms) ? "–"
        : ms >= 100 ? ms.ToString("N0", CultureInfo.InvariantCulture)
        : ms.ToString("F2", CultureInfo.InvariantCulture);
}
