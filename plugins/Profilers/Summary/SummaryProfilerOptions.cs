namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>Options of the <c>summary</c> profiler, bound from <c>plugins:summary</c>.</summary>
public sealed class SummaryProfilerOptions
{
    /// <summary>
    /// How many distinct operation names, and separately cache names, get their own row (about 30 KiB each);
    /// later names are counted together under "(other)". Guards memory against names built from data.
    /// </summary>
    public int MaxNames { get; set; } = 256;

    internal void Validate()
    {
        if (MaxNames < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxNames), MaxNames,
                $"plugins:summary:MaxNames is {MaxNames}; it must be at least 1 (default 256). " +
                "Fix it in the config file or pass --plugins:summary:MaxNames=256.");
    }
}
