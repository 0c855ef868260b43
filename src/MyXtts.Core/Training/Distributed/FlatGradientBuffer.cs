using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// One contiguous gradient buffer for a whole model: each parameter's <c>grad</c> is set to a view of its slice, so
/// backward accumulates straight into the buffer and one all-reduce covers every gradient with no copies. The views
/// survive <c>zero_grad</c> because TorchSharp's optimizers zero gradients in place (a test pins this); should anything
/// replace a parameter's gradient anyway, <see cref="Covers"/> says so and <see cref="Reattach"/> restores the view.
/// </summary>
public sealed class FlatGradientBuffer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _views;

    /// <param name="parameters">Trainable parameters, all float32 or all float64, on one device.</param>
    public FlatGradientBuffer(IReadOnlyList<Parameter> parameters)
    {
        if (parameters.Count == 0) throw new ArgumentException("a flat gradient buffer needs at least one parameter", nameof(parameters));
        var dtype = parameters[0].dtype;
        var device = parameters[0].device;
        if (parameters.Any(p => p.dtype != dtype || p.device_type != device.type))
            throw new ArgumentException("a flat gradient buffer needs parameters of one dtype on one device", nameof(parameters));
        _parameters = parameters.ToArray();
        Buffer = zeros(parameters.Sum(p => p.numel()), dtype, device);
        Buffer.DetachFromDisposeScope();
        _views = new Tensor[_parameters.Length];
        long offset = 0;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var n = _parameters[i].numel();
            _views[i] = Buffer.narrow(0, offset, n).view(_parameters[i].shape);
            _views[i].DetachFromDisposeScope();
            offset += n;
        }
        Reattach();
    }

    /// <summary>The gradients of every parameter, end to end, in parameter order.</summary>
    public Tensor Buffer { get; }

    /// <summary>Bytes in the buffer (what one all-reduce moves per rank, before the algorithm's own factor).</summary>
    public long Bytes => Buffer.numel() * Buffer.element_size();

    /// <summary>True when <paramref name="gradients"/> are exactly this buffer's views, in order (so reducing the buffer reduces them).</summary>
    public bool Covers(IReadOnlyList<Tensor> gradients)
    {
        if (gradients.Count != _views.Length || !HostMemory.IsDirect(Buffer)) return false;
        for (var i = 0; i < _views.Length; i++)
            if (gradients[i].numel() != _views[i].numel() || (_views[i].numel() > 0 && HostMemory.Address(gradients[i]) != HostMemory.Address(_views[i])))
                return false;
        return true;
    }

    /// <summary>True when every parameter's gradient is still its view of the buffer.</summary>
    public bool Attached()
    {
        using var scope = NewDisposeScope();
        return Covers(_parameters.Select(p => p.grad).OfType<Tensor>().ToArray());
    }

    /// <summary>Points every parameter's gradient at its view again, keeping the values a replaced gradient had.</summary>
    public void Reattach()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var current = _parameters[i].grad;
            if (current is not null && HostMemory.IsDirect(current) && HostMemory.IsDirect(_views[i]) &&
                (current.numel() == 0 || HostMemory.Address(current) == HostMemory.Address(_views[i]))) continue;
            if (current is null) _views[i].zero_(); else _views[i].copy_(current);
            _parameters[i].grad = _views[i];
        }
    }

    public void Dispose()
    {
        foreach (var view in _views) view.Dispose();
        Buffer.Dispose();
    }
}
