namespace MyXtts.Plugins.Profilers.Timing;

/// <summary>Converts timestamp ticks of a <see cref="TimeProvider"/> to the units reports use.</summary>
internal static class Durations
{
    public static double ToMilliseconds(double ticks, long frequency) => ticks * 1_000.0 / frequency;

    public static double ToMicroseconds(double ticks, long frequency) => ticks * 1_000_000.0 / frequency;
}
