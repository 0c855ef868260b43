using Serilog;

namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>
/// Logs a report as one event per row (names with :l so the console shows them unquoted), so each row's numbers stay structured properties in JSON logs while the
/// aligned templates still read as a table on the console. Epoch reports show the epoch; the final one the run.
/// </summary>
internal static class SummaryLog
{
    public static void Write(ILogger logger, ProfileSummary summary)
    {
        var section = summary.Final ? summary.RunTotal : summary.ThisEpoch;
        if (summary.Final)
            logger.Information("Profile of the whole run ({OperationCount} operations, {CacheCount} caches)",
                section.Operations.Count, section.Caches.Count);
        else
            logger.Information("Profile of epoch {Epoch} ({OperationCount} operations, {CacheCount} caches)",
                summary.Epoch, section.Operations.Count, section.Caches.Count);

        foreach (var o in section.Operations)
            logger.Information(
                "  {Operation,-28:l} {Count,9} calls  total {TotalMs,10:F1} ms  mean {MeanMs,9:F3}  p50 {P50Ms,9:F3}  " +
                "p90 {P90Ms,9:F3}  p99 {P99Ms,9:F3}  max {MaxMs,9:F3} ms",
                o.Operation, o.Count, o.TotalMs, o.MeanMs, o.P50Ms, o.P90Ms, o.P99Ms, o.MaxMs);

        foreach (var c in section.Caches)
        {
            if (c.Errors > 0)
                logger.Warning("  cache {Cache,-22:l} {Hits,9} hits {Misses,9} misses {Errors,6} errors  hit rate {HitRate,7:P1}  last error: {LastError:l}",
                    c.Cache, c.Hits, c.Misses, c.Errors, c.HitRate, c.LastError);
            else
                logger.Information("  cache {Cache,-22:l} {Hits,9} hits {Misses,9} misses {Errors,6} errors  hit rate {HitRate,7:P1}",
                    c.Cache, c.Hits, c.Misses, c.Errors, c.HitRate);
        }
    }
}
