namespace Doorstroom.Testing;

/// <summary>
/// A clock stopped at one instant that only a test moves (forward or back), so that relative dates, expiries and
/// signals are the same in every run. Safe to read and move from several threads.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    /// <summary>The instant the clock stands at.</summary>
    public DateTimeOffset Now => GetUtcNow();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock by <paramref name="by"/> (negative to move it back).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
