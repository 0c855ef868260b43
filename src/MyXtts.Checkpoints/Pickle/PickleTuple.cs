using System.Collections;

namespace MyXtts.Checkpoints.Pickle;

/// <summary>A Python tuple: immutable, compared and hashed by value (tuples can be dict keys).</summary>
public sealed class PickleTuple(IReadOnlyList<object?> items) : IReadOnlyList<object?>, IEquatable<PickleTuple>
{
    /// <summary>The empty tuple.</summary>
    public static readonly PickleTuple Empty = new([]);

    private readonly IReadOnlyList<object?> _items = items;

    /// <inheritdoc />
    public object? this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(PickleTuple? other) =>
        other is not null && other.Count == Count && _items.Zip(other._items).All(p => Equals(p.First, p.Second));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PickleTuple t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "(" + string.Join(", ", _items.Select(PickleText.Describe)) + (Count == 1 ? ",)" : ")");
}
