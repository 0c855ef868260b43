using System.Globalization;
using System.Text;

namespace MyXtts.Plugins.Profilers.Summary;

/// <summary>Formats a <see cref="ProfileSummary"/> as the fixed-width text of <c>profile-summary.txt</c>.</summary>
internal static class SummaryTable
{
    private const string OperationRow = "{0,-32} {1,10} {2,12:F1} {3,10:F3} {4,10:F3} {5,10:F3} {6,10:F3} {7,10:F3}";
    private const string CacheRow = "{0,-32} {1,10} {2,10} {3,8} {4,9:P1}  {5}";

    public static string Format(ProfileSummary summary)
    {
        var text = new StringBuilder();
        var title = summary.Final ? $"run end (after epoch {summary.Epoch})" : $"epoch {summary.Epoch}";
        Line(text, "MyXtts profile, {0}, written {1:u}", title, summary.WrittenAt);
        AppendSection(text, "This epoch", summary.ThisEpoch);
        AppendSection(text, "Run total", summary.RunTotal);
        return text.ToString();
    }

    private static void AppendSection(StringBuilder text, string heading, ProfileSection section)
    {
        text.AppendLine().AppendLine(heading);
        if (section.IsEmpty)
        {
            text.AppendLine("  nothing recorded");
            return;
        }
        if (section.Operations.Count > 0)
        {
            Line(text, OperationRow, "Operation", "Count", "Total ms", "Mean ms", "p50 ms", "p90 ms", "p99 ms", "Max ms");
            foreach (var o in section.Operations)
                Line(text, OperationRow, o.Operation, o.Count, o.TotalMs, o.MeanMs, o.P50Ms, o.P90Ms, o.P99Ms, o.MaxMs);
        }
        if (section.Caches.Count > 0)
        {
            if (section.Operations.Count > 0)
                text.AppendLine();
            Line(text, CacheRow, "Cache", "Hits", "Misses", "Errors", "Hit rate", "Last error");
            foreach (var c in section.Caches)
                Line(text, CacheRow, c.Cache, c.Hits, c.Misses, c.Errors, c.HitRate, c.LastError ?? "");
        }
    }

    private static void Line(StringBuilder text, string format, params object?[] args) =>
        text.AppendFormat(CultureInfo.InvariantCulture, format, args).AppendLine();
}
