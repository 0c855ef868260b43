namespace MyXtts.Profilers.Tests.Support;

/// <summary>A clock that moves only when told, in microsecond ticks, so timing tests are exact.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(Interlocked.Read(ref _ticks) * 10);

    public void AdvanceMicroseconds(long microseconds) => Interlocked.Add(ref _ticks, microseconds);

    public void AdvanceMilliseconds(double milliseconds) => AdvanceMicroseconds((long)Math.Round(milliseconds * 1_000));
}
