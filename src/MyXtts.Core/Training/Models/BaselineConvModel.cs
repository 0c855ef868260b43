using MyXtts.Abstractions.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Models;

/// <summary>
/// A small, fully convolutional text-to-mel model used until the acoustic model exists, and by the trainer's tests:
/// token embedding → conv encoder → uniform length regulation (frame t of an utterance with T frames and L tokens reads
/// token ⌊(t + ½)·L / T⌋) plus a pooled embedding of the reference mel → conv decoder → mel, and a residual conv postnet.
/// Nothing mixes rows of a batch (no batch norm), so gradient accumulation is exactly equivalent to a larger batch.
/// Field names are the state-dict keys.
/// </summary>
public sealed class BaselineConvModel : nn.Module<TrainingBatch, ModelOutputs>, ITrainableModel
{
    private readonly Embedding embedding;
    private readonly Sequential encoder;
    private readonly Conv1d reference_encoder;
    private readonly Sequential decoder;
    private readonly Conv1d mel_projection;
    private readonly Sequential postnet;
    private readonly BaselineConvOptions _options;

    public BaselineConvModel(BaselineConvOptions options) : base("baseline_conv")
    {
        _options = options;
        var c = options.Channels;
        embedding = nn.Embedding(options.VocabSize, c, padding_idx: 0);
        encoder = ConvStack(c, options);
        reference_encoder = nn.Conv1d(options.NMels, c, options.KernelSize, padding: options.KernelSize / 2);
        decoder = ConvStack(c, options);
        mel_projection = nn.Conv1d(c, options.NMels, 1);
        postnet = nn.Sequential(
            ("0", nn.Conv1d(options.NMels, c, options.KernelSize, padding: options.KernelSize / 2)), ("1", nn.Tanh()),
            ("2", nn.Conv1d(c, options.NMels, options.KernelSize, padding: options.KernelSize / 2)));
        RegisterComponents();
    }

    public nn.Module Module => this;

    public string Description => $"baseline_conv (channels {_options.Channels}, {_options.Layers}+{_options.Layers} conv layers, kernel {_options.KernelSize}, vocab {_options.VocabSize}, {_options.NMels} mels)";

    public ModelOutputs Forward(TrainingBatch batch) => forward(batch);

    public override ModelOutputs forward(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        var dtype = batch.Mel.dtype;
        var tokenMask = Mask(batch.TokenLengths, batch.Tokens.shape[1]).to(dtype);                 // [B, 1, L]
        var text = embedding.call(batch.Tokens).transpose(1, 2).to(dtype) * tokenMask;                // [B, C, L]
        text = encoder.call(text) * tokenMask;

        var frames = batch.Mel.shape[2];
        var index = AlignmentIndex(batch.TokenLengths, batch.MelLengths, frames);                    // [B, T]
        var upsampled = text.gather(2, index.unsqueeze(1).expand(-1, text.shape[1], -1));            // [B, C, T]

        var refMask = Mask(batch.ReferenceMelLengths, batch.ReferenceMel.shape[2]).to(dtype);      // [B, 1, T_ref]
        var reference = (reference_encoder.call(batch.ReferenceMel) * refMask).sum(2, keepdim: true)
                        / refMask.sum(2, keepdim: true).clamp_min(1);                                 // [B, C, 1]

        var frameMask = Mask(batch.MelLengths, frames).to(dtype);                                   // [B, 1, T]
        var hidden = decoder.call(upsampled + reference) * frameMask;
        var mel = mel_projection.call(hidden);                                                       // [B, n_mels, T]
        var melPostnet = mel + postnet.call(mel);
        return new ModelOutputs { Mel = mel.MoveToOuterDisposeScope(), MelPostnet = melPostnet.MoveToOuterDisposeScope() };
    }

    /// <summary>[B, T] int64: the token each frame reads, spreading every row's tokens evenly over its frames.</summary>
    private static Tensor AlignmentIndex(Tensor tokenLengths, Tensor melLengths, long frames)
    {
        var t = arange(frames, dtype: ScalarType.Float32, device: tokenLengths.device).unsqueeze(0) + 0.5f;        // [1, T]
        var ratio = tokenLengths.to(ScalarType.Float32).unsqueeze(1) / melLengths.to(ScalarType.Float32).clamp_min(1).unsqueeze(1);
        var index = (t * ratio).floor().to(ScalarType.Int64);
        return index.minimum((tokenLengths - 1).clamp_min(0).unsqueeze(1));
    }

    /// <summary>[B, 1, N] boolean, true on the first lengths[b] positions.</summary>
    private static Tensor Mask(Tensor lengths, long size) =>
        (arange(size, device: lengths.device).unsqueeze(0) < lengths.unsqueeze(1)).unsqueeze(1);

    private static Sequential ConvStack(int channels, BaselineConvOptions options)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (var i = 0; i < options.Layers; i++)
        {
            layers.Add(($"{3 * i}", nn.Conv1d(channels, channels, options.KernelSize, padding: options.KernelSize / 2)));
            layers.Add(($"{3 * i + 1}", nn.ReLU()));
            layers.Add(($"{3 * i + 2}", nn.Dropout(options.Dropout)));
        }
        return nn.Sequential(layers);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            embedding.Dispose();
            encoder.Dispose();
            reference_encoder.Dispose();
            decoder.Dispose();
            mel_projection.Dispose();
            postnet.Dispose();
        }
        base.Dispose(disposing);
    }
}
