using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MyXtts.Checkpoints.Pickle;

/// <summary>
/// A Python dict or OrderedDict: insertion-ordered, keys compared by value (str, int, float, bool, tuple).
/// Attributes set on it by the pickle (an OrderedDict state dict's <c>_metadata</c>) are kept in <see cref="Attributes"/>.
/// </summary>
public sealed class PickleDict : IReadOnlyDictionary<object, object?>
{
    private readonly List<object> _keys = [];
    private readonly Dictionary<object, object?> _values = [];

    /// <summary>Instance attributes restored by the pickle's BUILD (e.g. <c>_metadata</c>); data only, never used to run anything.</summary>
    public Dictionary<string, object?> Attributes { get; } = [];

    /// <summary>Sets <paramref name="key"/>, keeping its first position when it already exists (Python semantics).</summary>
    public void Set(object key, object? value)
    {
        if (!_values.ContainsKey(key)) _keys.Add(key);
        _values[key] = value;
    }

    /// <inheritdoc />
    public object? this[object key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<object> Keys => _keys;

    /// <inheritdoc />
    public IEnumerable<object?> Values => _keys.Select(k => _values[k]);

    /// <inheritdoc />
    public int Count => _keys.Count;

    /// <inheritdoc />
    public bool ContainsKey(object key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(object key, [MaybeNullWhen(false)] out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() =>
        _keys.Select(k => new KeyValuePair<object, object?>(k, _values[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
