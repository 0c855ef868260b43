using static TorchSharp.torch;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// One decoder layer's key/value cache for incremental decoding: the self-attention keys and values ([B, H, t, E/H]) of
/// every step decoded so far, so a new step projects only itself. The tensors are kept out of dispose scopes and owned
/// here: each <see cref="Append"/> replaces (and frees) the previous ones, so memory stays linear in the length.
/// </summary>
public sealed class SelfAttentionCache : IDisposable
{
    private Tensor? _keys;
    private Tensor? _values;

    /// <summary>Cached keys [B, H, t, E/H]; throws before the first step.</summary>
    public Tensor Keys => _keys ?? throw new InvalidOperationException("The key/value cache is empty: append a step first.");

    /// <summary>Cached values [B, H, t, E/H].</summary>
    public Tensor Values => _values ?? throw new InvalidOperationException("The key/value cache is empty: append a step first.");

    /// <summary>Steps held.</summary>
    public long Length => _keys?.shape[2] ?? 0;

    /// <summary>Adds one step's keys and values ([B, H, 1, E/H]) along the time axis.</summary>
    public void Append(Tensor keys, Tensor values)
    {
        var (oldKeys, oldValues) = (_keys, _values);
        _keys = (oldKeys is null ? keys.clone() : cat([oldKeys, keys], 2)).DetachFromDisposeScope();
        _values = (oldValues is null ? values.clone() : cat([oldValues, values], 2)).DetachFromDisposeScope();
        oldKeys?.Dispose();
        oldValues?.Dispose();
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _values?.Dispose();
        _keys = _values = null;
    }
}
