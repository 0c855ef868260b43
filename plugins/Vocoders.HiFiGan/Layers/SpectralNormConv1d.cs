using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>
/// torch.nn.utils.spectral_norm(Conv1d(...)) with PyTorch's names: parameter <c>weight_orig</c> [out, in/groups, k],
/// buffers <c>weight_u</c> [out] and <c>weight_v</c> [in/groups · k], and <c>bias</c>. W = weight_orig / σ with
/// σ = u · (W_mat v), W_mat = weight_orig.reshape(out, −1). In training mode each call first runs one power iteration
/// and updates u and v in place (so a second call sees the first call's vectors); in eval mode the stored u, v are used.
/// </summary>
public sealed class SpectralNormConv1d : TorchSharp.torch.nn.Module<Tensor, Tensor>
{
    private const double Eps = 1e-12;

    private readonly Parameter weight_orig;
    private readonly Tensor weight_u;
    private readonly Tensor weight_v;
    private readonly Parameter bias;
    private readonly long _stride, _padding, _groups;

    /// <summary>Creates the layer with PyTorch's default weight initialisation and random unit u, v.</summary>
    public SpectralNormConv1d(string name, long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long groups = 1)
        : base(name)
    {
        _stride = stride;
        _padding = padding;
        _groups = groups;
        var (w, b) = ConvInit.Create([outChannels, inChannels / groups, kernelSize], outChannels);
        weight_orig = ModuleState.Parameter(w);
        bias = ModuleState.Parameter(b);
        weight_u = ModuleState.Buffer(nn.functional.normalize(randn(outChannels), dim: 0, eps: Eps));
        weight_v = ModuleState.Buffer(nn.functional.normalize(randn(inChannels / groups * kernelSize), dim: 0, eps: Eps));
        RegisterComponents();
    }

    /// <summary>weight_orig / σ, after one in-place power iteration when training.</summary>
    public Tensor EffectiveWeight()
    {
        using var scope = NewDisposeScope();
        var matrix = weight_orig.reshape(weight_orig.shape[0], -1);   // [out, in/groups · k]
        if (training) PowerIteration(matrix);
        // PyTorch clones u and v after the iteration so autograd does not see the in-place update; same values.
        var u = weight_u.clone();
        var v = weight_v.clone();
        var sigma = u.dot(matrix.mv(v));
        return (weight_orig / sigma).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var w = EffectiveWeight();
        return nn.functional.conv1d(input, w, bias, stride: _stride, padding: _padding, groups: _groups);
    }

    private void PowerIteration(Tensor matrix)
    {
        using var _ = no_grad();
        weight_v.copy_(nn.functional.normalize(matrix.t().mv(weight_u), dim: 0, eps: Eps));
        weight_u.copy_(nn.functional.normalize(matrix.mv(weight_v), dim: 0, eps: Eps));
    }
}
