using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>
/// A convolution under torch.nn.utils.weight_norm, with PyTorch's parameter names: <c>weight_g</c> [d0, 1, …],
/// <c>weight_v</c> and <c>bias</c>, where d0 is dimension 0 of the weight (output channels for Conv, input channels for
/// ConvTranspose). <see cref="RemoveWeightNorm"/> folds them into one <c>weight</c>, as remove_weight_norm does, so the
/// state dict then has PyTorch's post-removal keys too.
/// </summary>
public abstract class WeightNormConv : TorchSharp.torch.nn.Module<Tensor, Tensor>
{
    private Parameter? weight_g;
    private Parameter? weight_v;
    private Parameter? weight;
    private Parameter bias;

    /// <summary>Creates the layer with PyTorch's default initialisation of v and g = ‖v‖.</summary>
    protected WeightNormConv(string name, long[] weightShape, long biasLength) : base(name)
    {
        var (v, b) = ConvInit.Create(weightShape, biasLength);
        weight_v = ModuleState.Parameter(v);
        using (no_grad()) weight_g = ModuleState.Parameter(WeightNorm.NormExceptDim0(weight_v));
        bias = ModuleState.Parameter(b);
        RegisterComponents();
    }

    /// <summary>True until <see cref="RemoveWeightNorm"/>.</summary>
    public bool HasWeightNorm => weight is null;

    /// <summary>
    /// The weight the convolution uses, g · v / ‖v‖ or the folded weight after removal, as a new tensor handle in the
    /// caller's scope (disposing it never frees the layer's parameter).
    /// </summary>
    public Tensor EffectiveWeight() => weight?.alias() ?? WeightNorm.Compose(weight_g!, weight_v!);

    /// <summary>Runs the convolution with the effective weight.</summary>
    public override Tensor forward(Tensor input)
    {
        if (weight is not null) return Convolve(input, weight, bias);
        using var w = WeightNorm.Compose(weight_g!, weight_v!);
        return Convolve(input, w, bias);
    }

    /// <summary>Folds g · v / ‖v‖ into a plain <c>weight</c> parameter (inference speed); keeps requires_grad.</summary>
    public void RemoveWeightNorm()
    {
        if (weight is not null) return;
        using (no_grad())
        {
            weight = ModuleState.Parameter(WeightNorm.Compose(weight_g!, weight_v!), weight_v!.requires_grad);
        }
        ConditionallyRegisterParameter(nameof(weight_g), null);
        ConditionallyRegisterParameter(nameof(weight_v), null);
        ConditionallyRegisterParameter(nameof(weight), weight);
        weight_g!.Dispose();
        weight_v!.Dispose();
        weight_g = null;
        weight_v = null;
    }

    /// <summary>The convolution itself (conv1d, conv_transpose1d, conv2d with this layer's geometry).</summary>
    protected abstract Tensor Convolve(Tensor input, Tensor weight, Tensor bias);
}
