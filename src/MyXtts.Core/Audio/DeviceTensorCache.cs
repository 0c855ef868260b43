using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio;

/// <summary>
/// Constant tensors (windows, filterbanks) made once per device and dtype. The cached tensors are detached from any
/// dispose scope, so they outlive the caller's scope; <see cref="Dispose"/> frees them.
/// </summary>
internal sealed class DeviceTensorCache(Func<Device, ScalarType, Tensor> factory) : IDisposable
{
    private readonly ConcurrentDictionary<(string Device, ScalarType Type), Lazy<Tensor>> _tensors = new();

    public Tensor Get(Device device, ScalarType type) =>
        _tensors.GetOrAdd((device.ToString(), type), _ => new Lazy<Tensor>(() =>
        {
            using var scope = NewDisposeScope();
            return factory(device, type).MoveToOuterDisposeScope().DetachFromDisposeScope();
        })).Value;

    public void Dispose()
    {
        foreach (var lazy in _tensors.Values)
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        _tensors.Clear();
    }
}
