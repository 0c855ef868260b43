using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.Modules;

/// <summary>
/// Attentive statistics pooling with global context: attention over [x, masked mean, masked std] (3C channels) →
/// TDNN → tanh → conv → softmax over valid frames; returns the attention-weighted mean ++ std, [B, 2C, 1].
/// </summary>
internal sealed class AttentiveStatisticsPooling : nn.Module<Tensor, Tensor, Tensor>
{
    private const double Eps = 1e-12;

#pragma warning disable IDE1006
    private readonly TdnnBlock tdnn;
    private readonly SbConv1d conv;
#pragma warning restore IDE1006
    private readonly bool _globalContext;

    public AttentiveStatisticsPooling(long channels, long attentionChannels, bool globalContext) : base(nameof(AttentiveStatisticsPooling))
    {
        _globalContext = globalContext;
        tdnn = new TdnnBlock(globalContext ? channels * 3 : channels, attentionChannels, 1, 1);
        conv = new SbConv1d(attentionChannels, channels, 1);
        RegisterComponents();
    }

    /// <param name="x">[B, C, L].</param>
    /// <param name="relativeLengths">[B].</param>
    public override Tensor forward(Tensor x, Tensor relativeLengths)
    {
        using var scope = NewDisposeScope();
        long frames = x.shape[^1];
        var mask = LengthMask.Of(relativeLengths, frames);                                       // [B, 1, L]
        var attention = x;
        if (_globalContext)
        {
            var (mean, std) = Statistics(x, mask / mask.sum(2, keepdim: true));                  // [B, C] each
            attention = cat([x, mean.unsqueeze(2).repeat(1, 1, frames), std.unsqueeze(2).repeat(1, 1, frames)], dim: 1);
        }
        attention = conv.call(tanh(tdnn.call(attention)));                                       // [B, C, L]
        attention = softmax(attention.masked_fill(mask.eq(0), double.NegativeInfinity), dim: 2);
        var (pooledMean, pooledStd) = Statistics(x, attention);
        return cat([pooledMean, pooledStd], dim: 1).unsqueeze(2).MoveToOuterDisposeScope();     // [B, 2C, 1]
    }

    // Weighted mean and std over time with weights m (summing to 1 per row), std clamped at eps before the sqrt.
    private static (Tensor Mean, Tensor Std) Statistics(Tensor x, Tensor m)
    {
        var mean = (m * x).sum(2);
        var std = (m * (x - mean.unsqueeze(2)).pow(2)).sum(2).clamp(min: Eps).sqrt();
        return (mean, std);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tdnn.Dispose();
            conv.Dispose();
        }
        base.Dispose(disposing);
    }
}
