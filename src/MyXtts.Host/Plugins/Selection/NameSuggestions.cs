namespace MyXtts.Host.Plugins.Selection;

/// <summary>"Did you mean" for mistyped names: closest by edit distance, or sharing a prefix.</summary>
public static class NameSuggestions
{
    /// <summary>Up to three known names close to <paramref name="typed"/>, closest first.</summary>
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
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

    /// <summary>Levenshtein distance (insert, delete, substitute: 1 each).</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
