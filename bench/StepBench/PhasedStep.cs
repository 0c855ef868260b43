using System.Diagnostics;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Models.Alignment;
using MyXtts.Core.Models.Conditioning;
using MyXtts.Core.Models.Encoders;
using MyXtts.Core.Models.Layers;
using MyXtts.Core.Models.NonAutoregressive;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

/// <summary>
/// One training step of <see cref="XttsAcousticModel"/> cut into timed phases. The forward is the model's own forward
/// written out with its sub-modules (taken from the model by state-dict name, so the weights are the model's), with a
/// stopwatch between phases; the backward is cut at the same boundaries: each phase's outputs are handed on as detached
/// leaves, and the phases are back-propagated one after the other (losses, decoder, text, voice) with the gradients
/// the later phases left on those leaves. The parameter gradients are the same as one backward through the whole
/// graph; <see cref="Verify"/> checks that against the model's real forward. CPU ops run synchronously, so a stopwatch
/// around a phase measures that phase.
/// </summary>
internal sealed class PhasedStep
{
    public static readonly string[] Phases =
    [
        "forward.voice", "forward.text", "forward.mas", "forward.decoder", "losses",
        "backward.losses", "backward.decoder", "backward.text", "backward.voice", "optimizer",
    ];

    private readonly XttsAcousticModel _model;
    private readonly MelNormalizer _normalizer;
    private readonly TextEncoder _textEncoder;
    private readonly AudioEncoder _audioEncoder;
    private readonly GlobalStyleTokens _gst;
    private readonly Linear _textCondition, _durationCondition;
    private readonly Conv1d _meanProjection;
    private readonly VariancePredictor _durationPredictor;
    private readonly ParallelDecoder _decoder;
    private readonly Postnet _postnet;
    private readonly int _r;
    private readonly LossSet _losses;
    private readonly OptimizerHelper _optimizer;
    private readonly Parameter[] _parameters;
    private readonly double _clipNorm;

    public PhasedStep(XttsAcousticModel model, LossSet losses, OptimizerHelper optimizer, double clipNorm)
    {
        if (!model.Options.VoiceConditioning || !model.Options.Gst)
            throw new NotSupportedException("The phased step follows the tiny preset's model: voice conditioning and GST on.");
        var children = model.named_children().ToDictionary(c => c.name, c => c.module);
        (_model, _losses, _optimizer, _clipNorm, _r) = (model, losses, optimizer, clipNorm, model.Options.ReductionFactor);
        _normalizer = (MelNormalizer)children["mel_normalizer"];
        _textEncoder = (TextEncoder)children["text_encoder"];
        _audioEncoder = (AudioEncoder)children["audio_encoder"];
        _gst = (GlobalStyleTokens)children["gst"];
        _textCondition = (Linear)children["text_condition"];
        _durationCondition = (Linear)children["duration_condition"];
        _meanProjection = (Conv1d)children["mean_projection"];
        _durationPredictor = (VariancePredictor)children["duration_predictor"];
        _decoder = (ParallelDecoder)children["decoder"];
        _postnet = (Postnet)children["postnet"];
        _parameters = model.parameters().Where(p => p.requires_grad).ToArray();
    }

    /// <summary>One step; returns the seconds of each phase (<see cref="Phases"/>). Without <paramref name="update"/> the optimizer phase is skipped.</summary>
    public Dictionary<string, double> Run(TrainingBatch batch, long step, bool update = true)
    {
        using var scope = NewDisposeScope();
        var times = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        void Lap(string phase) { times[phase] = clock.Elapsed.TotalSeconds; clock.Restart(); }

        _optimizer.zero_grad();
        var dtype = batch.Mel.dtype;
        // forward.voice: VoiceVectors.Of (audio encoder + GST over the standardised reference)
        var reference = _normalizer.Normalize(batch.ReferenceMel);
        var conditioning = _audioEncoder.forward(reference, batch.ReferenceMelLengths);
        var vector = conditioning.SpeakerEmbedding + _gst.forward(reference, batch.ReferenceMelLengths);
        Lap("forward.voice");

        // forward.text: XttsAcousticModel.EncodeText
        var (vectorLeaf, embeddingLeaf, latentsLeaf) = (Leaf(vector), Leaf(conditioning.SpeakerEmbedding), Leaf(conditioning.Latents));
        var tokenMask = SequenceMasks.ChannelMask(batch.TokenLengths, batch.Tokens.shape[1], dtype);
        var tokenPadding = SequenceMasks.KeyPadding(batch.TokenLengths, batch.Tokens.shape[1]);
        var h = _textEncoder.forward(batch.Tokens, tokenMask, tokenPadding);
        var hidden = (h + _textCondition.call(vectorLeaf).unsqueeze(2)) * tokenMask;
        var means = _meanProjection.call(hidden) * tokenMask;
        var logDurations = _durationPredictor.call((h.detach() + _durationCondition.call(vectorLeaf).unsqueeze(2)) * tokenMask, tokenMask);
        Lap("forward.text");

        // forward.mas: target stacking, masks and XttsAcousticModel.Align
        var (hiddenLeaf, meansLeaf, logDurationsLeaf) = (Leaf(hidden), Leaf(means), Leaf(logDurations));
        var target = FrameStacking.Stack(_normalizer.Normalize(batch.Mel), batch.MelLengths, _r);
        var steps = FrameStacking.ReducedLengths(batch.MelLengths, _r);
        var stepMask = SequenceMasks.ChannelMask(steps, target.shape[2], dtype);
        var stepPadding = SequenceMasks.KeyPadding(steps, target.shape[2]);
        Tensor path;
        using (no_grad())
        {
            var m = meansLeaf.detach();
            var logLikelihood = m.transpose(1, 2).matmul(target) - 0.5 * m.pow(2).sum(1).unsqueeze(2);
            var prior = BetaBinomialPrior.Batch(batch.TokenLengths, steps, m.shape[2], target.shape[2], target.device);
            path = MonotonicAlignmentSearch.Path(logLikelihood + XttsAcousticModel.AlignmentPriorWeight * prior, batch.TokenLengths, steps).to(dtype);
        }
        var durations = path.sum(2);
        Lap("forward.mas");

        // forward.decoder: XttsAcousticModel.Decode and ToMel
        var alignedMeans = meansLeaf.matmul(path);
        var expanded = hiddenLeaf.matmul(path);
        var positions = AlignmentPaths.PositionFeatures(path, durations.to(ScalarType.Int64)).to(dtype) * stepMask;
        var decoded = (_decoder.forward(expanded, positions, vectorLeaf, latentsLeaf, stepMask, stepPadding) + alignedMeans.detach()) * stepMask;
        var refined = decoded + _postnet.call(decoded, stepMask);
        var frames = batch.Mel.shape[2];
        var mel = ToMel(decoded, frames);
        var melPostnet = ToMel(refined, frames);
        Lap("forward.decoder");

        // losses: the run's LossSet over the model's outputs
        var (melLeaf, postnetLeaf, alignedLeaf) = (Leaf(mel), Leaf(melPostnet), Leaf(alignedMeans));
        var outputs = new ModelOutputs
        {
            Mel = melLeaf, MelPostnet = postnetLeaf,
            Aux = new Dictionary<string, Tensor>
            {
                [AcousticOutputKeys.LogDurations] = logDurationsLeaf, [AcousticOutputKeys.Durations] = durations,
                [AcousticOutputKeys.AlignedMeans] = alignedLeaf, [AcousticOutputKeys.AlignmentTarget] = target,
                [AcousticOutputKeys.StepLengths] = steps, [AcousticOutputKeys.Alignment] = path,
                [AcousticOutputKeys.SpeakerEmbedding] = embeddingLeaf,
            },
        };
        var total = _losses.Evaluate(new LossContext(batch, outputs, step)).Total;
        Lap("losses");

        total.backward();
        Lap("backward.losses");
        Backward((mel, melLeaf), (melPostnet, postnetLeaf), (alignedMeans, alignedLeaf));
        Lap("backward.decoder");
        Backward((hidden, hiddenLeaf), (means, meansLeaf), (logDurations, logDurationsLeaf));
        Lap("backward.text");
        Backward((vector, vectorLeaf), (conditioning.SpeakerEmbedding, embeddingLeaf), (conditioning.Latents, latentsLeaf));
        Lap("backward.voice");

        if (!update) LastLoss = total.item<float>();
        else
        {
            var norm = GradientClipper.ClipByNorm(_parameters, _clipNorm);
            if (isfinite(norm).item<bool>()) _optimizer.step();
            Lap("optimizer");
        }
        return times;
    }

    /// <summary>The loss of the last <see cref="Run"/> without update (read only then: it costs a host sync).</summary>
    public double LastLoss { get; private set; }

    /// <summary>
    /// Checks the cut-up step against the model's own forward and one backward (eval mode, so dropout is off): the loss
    /// and the global gradient norm must agree. Returns (loss, phased loss, grad norm, phased grad norm).
    /// </summary>
    public (double Loss, double PhasedLoss, double Norm, double PhasedNorm) Verify(TrainingBatch batch)
    {
        _model.eval();
        try
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            var loss = _losses.Evaluate(new LossContext(batch, _model.forward(batch), 0)).Total;
            loss.backward();
            var norm = GradientClipper.ClipByNorm(_parameters, 0).item<float>();
            Run(batch, 0, update: false);
            var phasedNorm = GradientClipper.ClipByNorm(_parameters, 0).item<float>();
            _optimizer.zero_grad();
            return (loss.item<float>(), LastLoss, norm, phasedNorm);
        }
        finally { _model.train(); }
    }

    private static Tensor Leaf(Tensor x) => x.detach().requires_grad_();

    /// <summary>Back-propagates each output with the gradient its leaf received (outputs whose leaf got none are skipped).</summary>
    private static void Backward(params (Tensor Output, Tensor Leaf)[] pairs)
    {
        var live = pairs.Where(p => p.Leaf.grad is not null).ToArray();
        if (live.Length == 0) return;
        autograd.backward(live.Select(p => p.Output).ToList(), live.Select(p => p.Leaf.grad!).ToList());
    }

    private Tensor ToMel(Tensor stacked, long frames) =>
        _normalizer.Denormalize(FrameStacking.Unstack(stacked, _r)[.., .., ..(int)frames]);
}
