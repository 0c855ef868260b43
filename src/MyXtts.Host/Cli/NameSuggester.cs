namespace MyXtts.Host.Cli;

/// <summary>"Did you mean" hints for mistyped names (flags, configuration keys, plugin names): Levenshtein distance.</summary>
public static class NameSuggester
{
    /// <summary>Up to three known names close to <paramref name="typed"/> (by distance or a shared prefix), closest first.</summary>
    public static IReadOnlyList<string> Close(string typed, IEnumerable<string> known)
    {
        var limit = Math.Max(2, typed.Length / 3);
        return known
            .Select(name => (name, distance: Distance(typed, name)))
            .Where(c => c.distance <= limit || c.name.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(c.name, StringComparison.Ordinal))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.name)
            .ToArray();
    }

    /// <summary>The candidate nearest to <paramref name="typed"/>, or null when there are no candidates.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates, Func<string, string, int>? distance = null)
    {
        distance ??= Distance;
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var score = distance(typed, candidate);
            if (score < bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    /// <summary>Case-insensitive Levenshtein distance (insert, delete, substitute all cost 1).</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
