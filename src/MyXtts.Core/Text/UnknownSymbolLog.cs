using System.Collections.Concurrent;

namespace MyXtts.Core.Text;

/// <summary>
/// Counts symbols a tokenizer could not map. Each symbol is reported once (through <see cref="FirstSeen"/>) and
/// counted every time, so nothing is dropped silently and the dataset report can show the totals.
/// </summary>
public sealed class UnknownSymbolLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Called once per distinct unknown symbol with the symbol and the text it first appeared in.</summary>
    public event Action<string, string>? FirstSeen;

    /// <summary>Records one occurrence of <paramref name="symbol"/> in <paramref name="text"/>.</summary>
    public void Record(string symbol, string text)
    {
        if (_counts.AddOrUpdate(symbol, 1, (_, n) => n + 1) == 1) FirstSeen?.Invoke(symbol, text);
    }

    /// <summary>Occurrences by symbol.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Total dropped occurrences.</summary>
    public int Total => _counts.Values.Sum();
}
