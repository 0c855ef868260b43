using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// What the encoder needs from either Coqui network: <c>forward(x, l2_norm=False)</c> as <see cref="forward"/>, the
/// embedding size, and whether the input is a waveform (the network owns a <c>torch_spec</c> front end) or features.
/// </summary>
internal abstract class CoquiSpeakerNetwork(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Size of one embedding (<c>proj_dim</c>).</summary>
    public abstract int EmbeddingDim { get; }

    /// <summary>The front end lives in the network (<c>use_torch_spec</c>): input [N, samples]; otherwise [N, mels, frames].</summary>
    public abstract bool TakesWaveforms { get; }

    /// <summary>The reference's <c>inference(x, l2_norm=True)</c>: forward + <c>F.normalize(p=2, dim=1, eps=1e-12)</c>.</summary>
    public Tensor Inference(Tensor input)
    {
        using var scope = NewDisposeScope();
        return nn.functional.normalize(forward(input), p: 2, dim: 1, eps: 1e-12).MoveToOuterDisposeScope();
    }

    /// <summary>InstanceNorm1d(affine=False, track_running_stats=False, eps 1e-5): per channel over time, biased variance.</summary>
    protected static Tensor InstanceNorm(Tensor x)
    {
        using var scope = NewDisposeScope();
        var mean = x.mean([2], keepdim: true);
        var variance = (x - mean).pow(2).mean([2], keepdim: true);
        return ((x - mean) / (variance + 1e-5).sqrt()).MoveToOuterDisposeScope();
    }
}
