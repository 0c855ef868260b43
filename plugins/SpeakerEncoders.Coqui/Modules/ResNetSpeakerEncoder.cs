using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>
/// Coqui's <c>ResNetSpeakerEncoder</c> (H/ASP, the YourTTS speaker encoder): optional <c>torch_spec</c> front end →
/// log(x + 1e-6) → InstanceNorm1d → conv1 (with bias) → <b>ReLU → bn1</b> → layer1..4 of SE blocks → [B, C·F', T'] →
/// attentive statistics pooling → <c>fc</c>. Field names are the checkpoint keys.
/// </summary>
internal sealed class ResNetSpeakerEncoder : CoquiSpeakerNetwork
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly Sequential? torch_spec;
    private readonly Sequential attention;
    private readonly Linear fc;
    private readonly ResNetShape _shape;
    private readonly bool _logInput;

    /// <summary>The network for <paramref name="shape"/>; <paramref name="torchSpec"/> is the waveform front end or null for mel input.</summary>
    public ResNetSpeakerEncoder(ResNetShape shape, bool logInput, Sequential? torchSpec) : base(nameof(ResNetSpeakerEncoder))
    {
        _shape = shape;
        _logInput = logInput;
        conv1 = nn.Conv2d(1, shape.Filters[0], 3, padding: 1);
        bn1 = nn.BatchNorm2d(shape.Filters[0]);
        layer1 = Layer(shape, 0, shape.Filters[0], stride: 1);
        layer2 = Layer(shape, 1, shape.Filters[0], stride: 2);
        layer3 = Layer(shape, 2, shape.Filters[1], stride: 2);
        layer4 = Layer(shape, 3, shape.Filters[2], stride: 2);
        torch_spec = torchSpec;
        attention = nn.Sequential(
            ("0", nn.Conv1d(shape.PooledChannels, shape.AttentionChannels, 1)), ("1", nn.ReLU()),
            ("2", nn.BatchNorm1d(shape.AttentionChannels)),
            ("3", nn.Conv1d(shape.AttentionChannels, shape.PooledChannels, 1)), ("4", nn.Softmax(2)));
        fc = nn.Linear(shape.AttentiveStatistics ? 2 * shape.PooledChannels : shape.PooledChannels, shape.ProjDim);
        RegisterComponents();
    }

    public override int EmbeddingDim => _shape.ProjDim;

    public override bool TakesWaveforms => torch_spec is not null;

    /// <summary>The network input after the front end: instancenorm(log(mel + 1e-6)), [N, mels, frames].</summary>
    public Tensor Features(Tensor x)
    {
        if (torch_spec is null) return NormalizeMel(x);
        using var scope = NewDisposeScope();
        return NormalizeMel(torch_spec.call(x.dim() == 3 ? x.squeeze(1) : x)).MoveToOuterDisposeScope();
    }

    /// <summary>Mel [N, mels, frames] → instancenorm(log(mel + 1e-6)) (the log only with <c>log_input</c>).</summary>
    public Tensor NormalizeMel(Tensor mel)
    {
        using var scope = NewDisposeScope();
        return InstanceNorm(_logInput ? (mel + 1e-6).log() : mel).MoveToOuterDisposeScope();
    }

    /// <summary>The stem and the four layers: features [N, mels, frames] → [N, C, mels/8, ceil(frames/8)].</summary>
    public Tensor Trunk(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = bn1.call(nn.functional.relu(conv1.call(features.unsqueeze(1))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The stem alone (conv1 → ReLU → bn1), for parity checks.</summary>
    public Tensor Stem(Tensor features)
    {
        using var scope = NewDisposeScope();
        return bn1.call(nn.functional.relu(conv1.call(features.unsqueeze(1)))).MoveToOuterDisposeScope();
    }

    /// <summary>Softmax attention weights over time and the pooled statistics (the input of <c>fc</c>).</summary>
    public (Tensor Weights, Tensor Pooled) Pool(Tensor trunk)
    {
        using var scope = NewDisposeScope();
        var x = trunk.reshape(trunk.shape[0], -1, trunk.shape[^1]);    // [N, C·F', T'], index c·F' + f
        var w = attention.call(x);
        var mu = (x * w).sum(2);
        Tensor pooled = mu;
        if (_shape.AttentiveStatistics)
        {
            var sg = ((x.pow(2) * w).sum(2) - mu.pow(2)).clamp(min: 1e-5).sqrt();
            pooled = cat([mu, sg], 1);
        }
        return (w.MoveToOuterDisposeScope(), pooled.MoveToOuterDisposeScope());
    }

    /// <summary><c>forward(x, l2_norm=False)</c>: waveforms [N, T] (or [N, 1, T]) or mels [N, mels, frames] → [N, proj_dim].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (_, pooled) = Pool(Trunk(Features(x)));
        return fc.call(pooled).MoveToOuterDisposeScope();
    }

    private static Sequential Layer(ResNetShape shape, int index, long inPlanes, long stride)
    {
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int b = 0; b < shape.Blocks[index]; b++)
        {
            long input = b == 0 ? inPlanes : shape.Filters[index];
            blocks.Add((b.ToString(), new SEBasicBlock(input, shape.Filters[index], b == 0 ? stride : 1, shape.SeReduced[index])));
        }
        return nn.Sequential(blocks);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose(); bn1.Dispose(); layer1.Dispose(); layer2.Dispose(); layer3.Dispose(); layer4.Dispose();
            torch_spec?.Dispose(); attention.Dispose(); fc.Dispose();
        }
        base.Dispose(disposing);
    }
}
