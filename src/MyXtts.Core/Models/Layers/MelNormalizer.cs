using MyXtts.Abstractions.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// Per-band standardisation of log-mels, (x − mean) / std, with the statistics as buffers (<c>mean</c>, <c>std</c>,
/// <c>initialized</c>) so checkpoints carry them. They are set once, from the first training batch's valid frames
/// (data-dependent initialisation, as Glow's ActNorm): the model then sees roughly unit-scale inputs, and the unit-variance
/// Gaussian of the alignment search is a sensible likelihood, whatever the corpus's loudness. Shapes: [B, M, T].
/// </summary>
public sealed class MelNormalizer : nn.Module
{
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly Tensor initialized;
    private bool _known;

    public MelNormalizer(string name, long bands) : base(name)
    {
        mean = zeros(bands);
        std = ones(bands);
        initialized = zeros(1);
        RegisterComponents();
    }

    /// <summary>True once statistics were taken (from data or a loaded checkpoint).</summary>
    /// <summary>Where the statistics live (the module's device).</summary>
    public Device Device => initialized.device;

    public bool IsInitialized => _known || (_known = initialized.item<float>() > 0);

    /// <summary>Takes the statistics from <paramref name="mel"/>'s valid frames (mask [B, 1, T], 1 = valid), if not done yet.</summary>
    public void InitializeFrom(Tensor mel, Tensor mask) => TakeStatistics([(mel, mask)]);

    /// <summary>
    /// Takes the statistics from the valid frames of all <paramref name="batches"/> together (the trainer passes the first
    /// optimizer step's micro-batches, so <c>--grad-accum N</c> normalises exactly as one batch N times larger), if not done yet.
    /// </summary>
    /// <param name="averageAcrossRanks">
    /// Under data-parallel training, averages tensors in place across the ranks (every rank calls this with its own first
    /// micro-batches), so the statistics are those of the whole first step, as one process accumulating them would take.
    /// </param>
    public void InitializeFrom(IReadOnlyList<TrainingBatch> batches, Action<IReadOnlyList<Tensor>>? averageAcrossRanks = null)
    {
        if (IsInitialized) return;
        using var scope = NewDisposeScope();
        TakeStatistics(batches.Select(b =>
        {
            var mel = b.Mel.to(Device);
            return (mel, SequenceMasks.ChannelMask(b.MelLengths.to(mel.device), mel.shape[2], mel.dtype));
        }).ToArray(), averageAcrossRanks);
    }

    /// <summary>Masked mean and standard deviation per band over every part's valid frames (parts may differ in length).</summary>
    private void TakeStatistics(IReadOnlyList<(Tensor Mel, Tensor Mask)> parts, Action<IReadOnlyList<Tensor>>? averageAcrossRanks = null)
    {
        if (IsInitialized) return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var masks = parts.Select(p => p.Mask.to(ScalarType.Float32)).ToArray();
        var mels = parts.Select(p => p.Mel.to(ScalarType.Float32)).ToArray();
        static Tensor Sum(IEnumerable<Tensor> terms) => terms.Aggregate((a, b) => a + b);
        // Sums first, then ratios: averaging the sums across ranks scales numerator and count alike.
        var count = Sum(masks.Select(m => m.sum())).reshape(1);
        var total = Sum(mels.Zip(masks, (x, m) => (x * m).sum([0, 2])));                                               // [M]
        averageAcrossRanks?.Invoke([count, total]);
        count = count.clamp_min(1);
        var batchMean = total / count;
        var squares = Sum(mels.Zip(masks, (x, m) => (x - batchMean.view(1, -1, 1)).pow(2) * m).Select(t => t.sum([0, 2])));
        averageAcrossRanks?.Invoke([squares]);
        var variance = squares / count;
        mean.copy_(batchMean);
        std.copy_(variance.sqrt().clamp_min(1e-2));
        initialized.fill_(1);
        _known = true;
    }

    /// <summary>[B, M, T] standardised.</summary>
    public Tensor Normalize(Tensor mel) => (mel - mean.to(mel.dtype).view(1, -1, 1)) / std.to(mel.dtype).view(1, -1, 1);

    /// <summary>[B, M, T] back to log-mel.</summary>
    public Tensor Denormalize(Tensor x) => x * std.to(x.dtype).view(1, -1, 1) + mean.to(x.dtype).view(1, -1, 1);
}
