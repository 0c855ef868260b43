using System.Globalization;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models.Alignment;
using MyXtts.Core.Models.Conditioning;
using MyXtts.Core.Models.Encoders;
using MyXtts.Core.Models.Layers;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Models.NonAutoregressive;
using MyXtts.Core.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models;

/// <summary>
/// The XTTS-style acoustic model, non-autoregressive strategy. Text → <c>text_encoder</c>; reference mel (another
/// utterance of the same voice) → <c>audio_encoder</c> (speaker embedding + conditioning latents) and <c>gst</c> (style);
/// the voice vector conditions the token means (<c>mean_projection</c>), the <c>duration_predictor</c> and the
/// <c>decoder</c>. In training, monotonic alignment search over the Gaussian likelihood of the target frames under the
/// token means (plus a beta-binomial prior) gives the durations; the length regulator expands the text states along
/// that alignment; the decoder predicts the residual over the expanded means and the <c>postnet</c> refines it. At
/// inference the predicted durations (scaled by the speaking rate) replace the search. With the <c>variance_adaptor</c>
/// (pitch and/or energy), per-token prosody — targets averaged over the alignment in training, predictions at inference —
/// is embedded into the text states before the length regulator. Mels are standardised inside
/// (<c>mel_normalizer</c>) and r frames are predicted per step. Field names are the state-dict keys.
/// </summary>
public sealed class XttsAcousticModel : nn.Module<TrainingBatch, ModelOutputs>, IAcousticModel, ILengthPredictingModel, IDataInitializedModel, IOptionalOutputsModel
{
    private readonly MelNormalizer mel_normalizer;
    private readonly TextEncoder text_encoder;
    private readonly AudioEncoder? audio_encoder;
    private readonly GlobalStyleTokens? gst;
    private readonly Linear? speaker_projection;
    private readonly Linear text_condition;
    private readonly Linear duration_condition;
    private readonly Linear? reference_rate;
    private readonly Conv1d mean_projection;
    private readonly VariancePredictor duration_predictor;
    private readonly VarianceAdaptor? variance_adaptor;
    private readonly ParallelDecoder decoder;
    private readonly Postnet postnet;
    private readonly AcousticModelOptions _options;
    private bool _voiceSimilarityOutputs;

    /// <summary>Weight of the beta-binomial prior added to the alignment log-likelihood (RAD-TTS uses 1).</summary>
    public const double AlignmentPriorWeight = 1.0;

    public XttsAcousticModel(AcousticModelOptions options) : base("xtts_acoustic")
    {
        if (options.DecoderStrategy != "non_autoregressive")
            throw new NotSupportedException($"XttsAcousticModel is the non_autoregressive model but model.decoder_strategy={options.DecoderStrategy}; build acoustic models with AcousticModels.Create, which picks the class for the strategy.");
        _options = options;
        var o = options;
        var stacked = o.NMels * o.ReductionFactor;
        mel_normalizer = new MelNormalizer("mel_normalizer", o.NMels);
        text_encoder = new TextEncoder("text_encoder", o.VocabSize, o.TextDim, o.TextLayers, o.TextHeads, o.Dropout);
        if (o.VoiceConditioning)
        {
            audio_encoder = new AudioEncoder("audio_encoder", o.NMels, o.AudioDim, o.AudioLayers, o.AudioHeads, o.SpeakerDim,
                o.ConditioningLatents, o.ResamplerLayers, o.DecoderDim, o.VoiceDropout);
            if (o.Gst) gst = new GlobalStyleTokens("gst", o.NMels, o.AudioDim, o.SpeakerDim, o.GstTokens, ModelSizing.LargestDivisor(o.SpeakerDim, 4));
        }
        if (o.PretrainedSpeakerDim > 0) speaker_projection = nn.Linear(o.PretrainedSpeakerDim, o.SpeakerDim);
        text_condition = nn.Linear(o.SpeakerDim, o.TextDim);
        duration_condition = nn.Linear(o.SpeakerDim, o.TextDim);
        if (o.ReferenceRate) reference_rate = nn.Linear(1, o.TextDim);
        mean_projection = nn.Conv1d(o.TextDim, stacked, 1);
        duration_predictor = new VariancePredictor("duration_predictor", o.TextDim, o.Dropout);
        if (o.PitchPredictor || o.EnergyPredictor) variance_adaptor = new VarianceAdaptor("variance_adaptor", o.TextDim, o.Dropout, o.PitchPredictor, o.EnergyPredictor);
        decoder = new ParallelDecoder("decoder", o.TextDim, o.DecoderDim, o.DecoderLayers, o.DecoderHeads, o.SpeakerDim, stacked, o.VoiceConditioning, o.Dropout);
        postnet = new Postnet("postnet", stacked, Math.Clamp(o.DecoderDim / 2, 64, 512), o.Dropout);   // Tacotron 2: 512 beside a 1024 decoder
        RegisterComponents();
    }

    public nn.Module Module => this;

    /// <summary>The options the model was built from.</summary>
    public AcousticModelOptions Options => _options;

    /// <summary>The mel standardisation (tests of the voice similarity path).</summary>
    internal MelNormalizer MelNormalizer => mel_normalizer;

    /// <summary>The built-in audio encoder, when the model has voice conditioning (tests of the voice similarity path).</summary>
    internal AudioEncoder? AudioEncoder => audio_encoder;

    /// <summary>The style tokens, when the model has them.</summary>
    public long StyleTokenCount => gst?.TokenCount ?? 0;

    /// <inheritdoc />
    public ISpeakerEncoder? SpeakerEncoder { get; set; }

    public string Description
    {
        get
        {
            var o = _options;
            static string Count(nn.Module? m) => ModelSizing.Millions(m);
            return string.Create(CultureInfo.InvariantCulture,
                $"xtts_acoustic non_autoregressive r={o.ReductionFactor}: text {o.TextDim}x{o.TextLayers} ({Count(text_encoder)} M), " +
                $"audio {(o.VoiceConditioning ? $"{o.AudioDim}x{o.AudioLayers}, {o.ConditioningLatents} latents" : "off")} ({Count(audio_encoder)} M), " +
                $"gst {(gst is null ? "off" : $"{o.GstTokens} tokens")} ({Count(gst)} M), variance {Variance} ({Count(variance_adaptor)} M), reference rate {(reference_rate is null ? "off" : "on")}, decoder {o.DecoderDim}x{o.DecoderLayers} ({Count(decoder)} M), " +
                $"{(speaker_projection is null ? "" : $"pretrained speaker {o.PretrainedSpeakerDim}->{o.SpeakerDim}, ")}postnet ({Count(postnet)} M); vocab {o.VocabSize}, {o.NMels} mels; {Count(this)} M parameters");
        }
    }

    private string Variance => variance_adaptor is null ? "off" : string.Join("+", new[] { variance_adaptor.HasPitch ? "pitch" : null, variance_adaptor.HasEnergy ? "energy" : null }.OfType<string>());

    public ModelOutputs Forward(TrainingBatch batch) => forward(batch);

    /// <inheritdoc />
    public void EnableOutputs(IReadOnlyCollection<string> keys) =>
        _voiceSimilarityOutputs = audio_encoder is not null && keys.Contains(AcousticOutputKeys.OutputVoiceEmbedding);

    public bool NeedsInitialization => !mel_normalizer.IsInitialized;

    public void InitializeFrom(IReadOnlyList<TrainingBatch> batches, Action<IReadOnlyList<Tensor>>? averageAcrossRanks = null) =>
        mel_normalizer.InitializeFrom(batches, averageAcrossRanks);

    public override ModelOutputs forward(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        var r = _options.ReductionFactor;
        var dtype = batch.Mel.dtype;
        if (training) mel_normalizer.InitializeFrom([batch]);
        var target = FrameStacking.Stack(mel_normalizer.Normalize(batch.Mel), batch.MelLengths, r);        // [B, rM, T']
        var steps = FrameStacking.ReducedLengths(batch.MelLengths, r);
        var (stepMask, stepPadding) = Masks(steps, target.shape[2], dtype);

        var voice = Voice(batch.ReferenceMel, batch.ReferenceMelLengths, null, batch.Extra, batch.Tokens.shape[0], dtype);
        var text = EncodeText(batch.Tokens, batch.TokenLengths, voice, Rate(batch.ReferenceMel, batch.ReferenceMelLengths), dtype);

        var path = Align(text.Means, target, batch.TokenLengths, steps);                                    // [B, L, T']
        var durations = path.sum(2);                                                                        // [B, L]
        var targets = Targets(batch, path);
        var (decoded, refined, alignedMeans) = Decode(text, targets, voice, path, durations.to(ScalarType.Int64), stepMask, stepPadding);

        var frames = batch.Mel.shape[2];
        var melPostnet = ToMel(refined, frames);
        var aux = new Dictionary<string, Tensor>
        {
            [AcousticOutputKeys.LogDurations] = text.LogDurations.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.Durations] = durations.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.AlignedMeans] = alignedMeans.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.AlignmentTarget] = target.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.StepLengths] = steps.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.Alignment] = path.MoveToOuterDisposeScope(),
        };
        if (voice.SpeakerEmbedding is { } embedding) aux[AcousticOutputKeys.SpeakerEmbedding] = embedding.MoveToOuterDisposeScope();
        AddProsody(aux, text.Prosody, targets);
        if (_voiceSimilarityOutputs) VoiceSimilarityOutputs.Add(aux, mel_normalizer, audio_encoder!, melPostnet, batch);
        return new ModelOutputs
        {
            Mel = ToMel(decoded, frames).MoveToOuterDisposeScope(),
            MelPostnet = melPostnet.MoveToOuterDisposeScope(),
            Aux = aux,
        };
    }

    /// <summary>
    /// Inference: tokens [B, L] (lengths [B]) spoken in the voice of <paramref name="referenceMel"/> [B, n_mels, T_ref]
    /// (log-mel, lengths [B]). <paramref name="speed"/> &gt; 1 speaks faster (durations divided by it).
    /// <paramref name="styleWeights"/> [B, K] replaces the reference's style with explicit token weights.
    /// Returns the log-mel [B, n_mels, T] (after the postnet) and valid frames [B]. Runs in eval mode without gradients.
    /// </summary>
    public (Tensor Mel, Tensor Lengths) Synthesize(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null, IReadOnlyDictionary<string, Tensor>? conditioning = null) =>
        Inferring(speed, () =>
        {
            var plan = Plan(tokens, tokenLengths, referenceMel, referenceLengths, speed, styleWeights, conditioning);
            var dtype = referenceMel.dtype;
            var maxSteps = Math.Max(1, plan.Steps.max().item<long>());
            var path = AlignmentPaths.FromDurations(plan.Durations, maxSteps).to(dtype);
            var (stepMask, stepPadding) = Masks(plan.Steps, maxSteps, dtype);
            var (_, refined, _) = Decode(plan.Text, plan.Text.Prosody, plan.Voice, path, plan.Durations, stepMask, stepPadding);
            var r = _options.ReductionFactor;
            return (ToMel(refined, maxSteps * r).MoveToOuterDisposeScope(), (plan.Steps * r).MoveToOuterDisposeScope());
        });

    /// <inheritdoc />
    public Tensor PredictFrames(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null, IReadOnlyDictionary<string, Tensor>? conditioning = null) =>
        Inferring(speed, () => (Plan(tokens, tokenLengths, referenceMel, referenceLengths, speed, styleWeights, conditioning).Steps * _options.ReductionFactor)
            .MoveToOuterDisposeScope());

    /// <summary>What inference fixes before decoding: the voice, the encoded text and each token's decoder steps.</summary>
    private sealed record DurationPlan(VoiceVectors Voice, TextStates Text, Tensor Durations, Tensor Steps);

    private DurationPlan Plan(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths, double speed,
        Tensor? styleWeights, IReadOnlyDictionary<string, Tensor>? conditioning)
    {
        var dtype = referenceMel.dtype;
        var voice = Voice(referenceMel, referenceLengths, styleWeights, conditioning, tokens.shape[0], dtype);
        var text = EncodeText(tokens, tokenLengths, voice, Rate(referenceMel, referenceLengths), dtype);
        var tokenMask = SequenceMasks.Valid(tokenLengths, tokens.shape[1]);
        var durations = (text.LogDurations.exp() / speed).round().clamp_min(1).to(ScalarType.Int64) * tokenMask.to(ScalarType.Int64);
        return new DurationPlan(voice, text, durations, durations.sum(1));                                 // steps [B]
    }

    /// <summary>Runs an inference <paramref name="body"/> in eval mode, without gradients, in its own dispose scope.</summary>
    private T Inferring<T>(double speed, Func<T> body)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speaking rate must be a positive number (1 = as trained, 1.2 = 20 % faster).");
        if (!mel_normalizer.IsInitialized)
            throw new InvalidOperationException("The model has no mel statistics: it was never trained or loaded. Load a checkpoint before synthesizing.");
        var wasTraining = training;
        eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return body();
        }
        finally
        {
            if (wasTraining) train();
        }
    }

    private sealed record TextStates(Tensor Hidden, Tensor Means, Tensor LogDurations, Prosody? Prosody, Tensor Mask, Tensor Padding);

    private VoiceVectors Voice(Tensor referenceMel, Tensor referenceLengths, Tensor? styleWeights, IReadOnlyDictionary<string, Tensor>? conditioning,
        long batch, ScalarType dtype) =>
        VoiceVectors.Of(mel_normalizer, audio_encoder, gst, _options.SpeakerDim, referenceMel, referenceLengths, styleWeights, batch, dtype,
            speaker_projection is null ? null : new PretrainedSpeaker(speaker_projection, conditioning, SpeakerEncoder));

    /// <summary>The reference's speaking-rate feature [B, 1] (<see cref="ReferenceRate"/>), when the model reads it.</summary>
    private Tensor? Rate(Tensor referenceMel, Tensor referenceLengths) =>
        reference_rate is null ? null : ReferenceRate.Feature(mel_normalizer.Normalize(referenceMel), referenceLengths);

    /// <summary>Text states conditioned on the voice, the per-token means [B, rM, L], log durations [B, L] and predicted prosody.</summary>
    private TextStates EncodeText(Tensor tokens, Tensor lengths, VoiceVectors voice, Tensor? rate, ScalarType dtype)
    {
        var (mask, padding) = Masks(lengths, tokens.shape[1], dtype);
        var h = text_encoder.forward(tokens, mask, padding);                                               // [B, C, L]
        var hidden = (h + text_condition.call(voice.Vector).unsqueeze(2)) * mask;
        var means = mean_projection.call(hidden) * mask;
        var durationCondition = duration_condition.call(voice.Vector);
        if (reference_rate is not null && rate is not null) durationCondition = durationCondition + reference_rate.call(rate.to(dtype));
        var logDurations = duration_predictor.call((h.detach() + durationCondition.unsqueeze(2)) * mask, mask);
        var prosody = variance_adaptor?.Predict(hidden.detach(), mask);
        return new TextStates(hidden, means, logDurations, prosody, mask, padding);
    }

    /// <summary>Monotonic alignment search over log N(target | means, I) + prior, without gradients: [B, L, T'].</summary>
    private static Tensor Align(Tensor means, Tensor target, Tensor tokenLengths, Tensor steps)
    {
        using var _ = no_grad();
        var m = means.detach().to(ScalarType.Float32);
        var x = target.to(ScalarType.Float32);
        // log N(x_j | mu_i, I) up to terms constant in i: mu_i·x_j − ½|mu_i|² (−½|x_j|² is the same for every path).
        var logLikelihood = m.transpose(1, 2).matmul(x) - 0.5 * m.pow(2).sum(1).unsqueeze(2);                // [B, L, T']
        var prior = BetaBinomialPrior.Batch(tokenLengths, steps, m.shape[2], x.shape[2], x.device);
        return MonotonicAlignmentSearch.Path(logLikelihood + AlignmentPriorWeight * prior, tokenLengths, steps).to(target.dtype);
    }

    /// <summary>
    /// The per-token prosody targets of a training batch over the searched alignment: pitch from the batch's F0
    /// (<see cref="BatchExtraKeys.Pitch"/>, which the data pipeline provides), energy from its mel. Null without a variance adaptor.
    /// </summary>
    private Prosody? Targets(TrainingBatch batch, Tensor path)
    {
        if (variance_adaptor is null) return null;
        Tensor? pitch = null;
        if (variance_adaptor.HasPitch)
        {
            if (!batch.Extra.TryGetValue(BatchExtraKeys.Pitch, out var f0))
                throw new InvalidOperationException($"The model has a pitch predictor (model.use_pitch_predictor=true) but the batch carries no frame-level F0 (TrainingBatch.Extra[\"{BatchExtraKeys.Pitch}\"]). " +
                                                    "Batches from the data pipeline (DatasetPipeline.Open) have it; a hand-made batch must add it, or set model.use_pitch_predictor=false.");
            pitch = ProsodyTargets.Pitch(f0, batch.MelLengths, path, _options.ReductionFactor);
        }
        var energy = variance_adaptor.HasEnergy ? ProsodyTargets.Energy(batch.Mel, batch.MelLengths, path, _options.ReductionFactor) : null;
        return new Prosody(pitch, energy);
    }

    private static void AddProsody(Dictionary<string, Tensor> aux, Prosody? predicted, Prosody? targets)
    {
        if (predicted?.Pitch is { } pitch) aux[AcousticOutputKeys.PitchPredicted] = pitch.MoveToOuterDisposeScope();
        if (targets?.Pitch is { } pitchTarget) aux[AcousticOutputKeys.PitchTarget] = pitchTarget.MoveToOuterDisposeScope();
        if (predicted?.Energy is { } energy) aux[AcousticOutputKeys.EnergyPredicted] = energy.MoveToOuterDisposeScope();
        if (targets?.Energy is { } energyTarget) aux[AcousticOutputKeys.EnergyTarget] = energyTarget.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Length regulation and decoding: (decoder output, after postnet, expanded means), all [B, rM, T'] standardised.
    /// <paramref name="prosody"/> (targets in training, predictions at inference) is embedded into the token states first.
    /// </summary>
    private (Tensor Decoded, Tensor Refined, Tensor AlignedMeans) Decode(TextStates text, Prosody? prosody, VoiceVectors voice, Tensor path, Tensor durations, Tensor stepMask, Tensor stepPadding)
    {
        var alignedMeans = text.Means.matmul(path);                                                        // [B, rM, T']
        var hidden = variance_adaptor is null || prosody is null ? text.Hidden : text.Hidden + variance_adaptor.Embed(prosody, text.Mask);
        var expanded = hidden.matmul(path);                                                            // [B, C, T']
        var positions = AlignmentPaths.PositionFeatures(path, durations).to(expanded.dtype) * stepMask;
        var decoded = (decoder.forward(expanded, positions, voice.Vector, voice.Latents, stepMask, stepPadding) + alignedMeans.detach()) * stepMask;
        var refined = decoded + postnet.call(decoded, stepMask);
        return (decoded, refined, alignedMeans);
    }

    /// <summary>Stacked standardised [B, rM, T'] → log-mel [B, M, frames].</summary>
    private Tensor ToMel(Tensor stacked, long frames) =>
        mel_normalizer.Denormalize(FrameStacking.Unstack(stacked, _options.ReductionFactor)[.., .., ..(int)frames]);

    private static (Tensor Mask, Tensor Padding) Masks(Tensor lengths, long size, ScalarType dtype) =>
        (SequenceMasks.ChannelMask(lengths, size, dtype), SequenceMasks.KeyPadding(lengths, size));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mel_normalizer.Dispose(); text_encoder.Dispose(); audio_encoder?.Dispose(); gst?.Dispose(); speaker_projection?.Dispose();
            text_condition.Dispose(); duration_condition.Dispose(); reference_rate?.Dispose(); mean_projection.Dispose(); duration_predictor.Dispose(); variance_adaptor?.Dispose();
            decoder.Dispose(); postnet.Dispose();
        }
        base.Dispose(disposing);
    }
}
