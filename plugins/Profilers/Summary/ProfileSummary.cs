using System.Text.Json.Serialization;

namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>What <c>profile-summary.json</c> holds (snake_case): this epoch's numbers and the run's so far.</summary>
/// <param name="Epoch">The epoch just ended (counts from 1), or the last one for the final report.</param>
/// <param name="Final">True for the end-of-run report.</param>
/// <param name="WrittenAt">When the report was made (UTC).</param>
/// <param name="ThisEpoch">Everything recorded since the previous report.</param>
/// <param name="RunTotal">Everything recorded since the profiler started, this epoch included.</param>
internal sealed record ProfileSummary(int Epoch, bool Final, DateTimeOffset WrittenAt, ProfileSection ThisEpoch, ProfileSection RunTotal);

/// <summary>One period's operations (most total time first) and caches (by name); names with no records are left out.</summary>
internal sealed record ProfileSection(IReadOnlyList<OperationSummary> Operations, IReadOnlyList<CacheSummary> Caches)
{
    [JsonIgnore]
    public bool IsEmpty => Operations.Count == 0 && Caches.Count == 0;
}

/// <summary>Timing of one operation name over a period, in milliseconds (percentiles within 1.6 %, the rest exact).</summary>
internal sealed record OperationSummary(
    string Operation, long Count, double TotalMs, double MeanMs, double MinMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <summary>
/// Lookups of one cache over a period. Lookups = hits + misses + errors (an error is a lookup whose entry was stale
/// or corrupt), and HitRate = hits / lookups.
/// </summary>
internal sealed record CacheSummary(string Cache, long Hits, long Misses, long Errors, long Lookups, double HitRate, string? LastError);
