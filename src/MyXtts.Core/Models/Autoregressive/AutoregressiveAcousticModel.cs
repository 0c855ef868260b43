using System.Globalization;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models.Conditioning;
using MyXtts.Core.Models.Encoders;
using MyXtts.Core.Models.Layers;
using MyXtts.Core.Models.NonAutoregressive;
using MyXtts.Core.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// The XTTS-style acoustic model, autoregressive strategy. Text → <c>text_encoder</c> (shared with the
/// non-autoregressive model), conditioned on the voice (<c>text_condition</c>) and projected to the decoder width
/// (<c>memory_projection</c>); reference mel → <c>audio_encoder</c> (speaker embedding + conditioning latents) and
/// <c>gst</c> (style). The <c>decoder</c> predicts r standardised frames per step from the previous step's frames (a
/// causal Transformer with cross-attention to the text and the latents), with a stop token; the <c>postnet</c> refines
/// the finished sequence. Training is teacher-forced; inference decodes step by step with a key/value cache until the
/// stop token fires or the length cap (frames per token × tokens) is reached. Field names are the state-dict keys.
/// </summary>
public sealed class AutoregressiveAcousticModel : nn.Module<TrainingBatch, ModelOutputs>, IAcousticModel, IDataInitializedModel, IOptionalOutputsModel
{
    /// <summary>The value of <c>model.decoder_strategy</c> that selects this model.</summary>
    public const string Strategy = "autoregressive";

    private readonly MelNormalizer mel_normalizer;
    private readonly TextEncoder text_encoder;
    private readonly AudioEncoder? audio_encoder;
    private readonly GlobalStyleTokens? gst;
    private readonly Linear? speaker_projection;
    private readonly Linear text_condition;
    private readonly Linear memory_projection;
    private readonly AutoregressiveDecoder decoder;
    private readonly Postnet postnet;
    private readonly AcousticModelOptions _options;
    private bool _voiceSimilarityOutputs;

    public AutoregressiveAcousticModel(AcousticModelOptions options) : base("xtts_acoustic")
    {
        if (options.DecoderStrategy != Strategy)
            throw new NotSupportedException($"AutoregressiveAcousticModel is the autoregressive model but model.decoder_strategy={options.DecoderStrategy}; build acoustic models with AcousticModels.Create, which picks the class for the strategy.");
        if (!(options.StopThreshold is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.StopThreshold, "model.stop_threshold must lie strictly between 0 and 1 (e.g. 0.5).");
        if (!(options.MaxFramesPerToken >= 1) || double.IsInfinity(options.MaxFramesPerToken))
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxFramesPerToken, "model.max_frames_per_token must be a finite number of at least 1 (e.g. 20).");
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
        memory_projection = nn.Linear(o.TextDim, o.DecoderDim);
        decoder = new AutoregressiveDecoder("decoder", stacked, o.DecoderDim, o.DecoderLayers, o.DecoderHeads, o.SpeakerDim, o.VoiceConditioning, o.Dropout, o.PrenetDropout);
        postnet = new Postnet("postnet", stacked, Math.Clamp(o.DecoderDim / 2, 64, 512), o.Dropout);
        RegisterComponents();
    }

    public nn.Module Module => this;

    /// <inheritdoc />
    public AcousticModelOptions Options => _options;

    /// <inheritdoc />
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
                $"xtts_acoustic autoregressive r={o.ReductionFactor}: text {o.TextDim}x{o.TextLayers} ({Count(text_encoder)} M), " +
                $"audio {(o.VoiceConditioning ? $"{o.AudioDim}x{o.AudioLayers}, {o.ConditioningLatents} latents" : "off")} ({Count(audio_encoder)} M), " +
                $"gst {(gst is null ? "off" : $"{o.GstTokens} tokens")} ({Count(gst)} M), causal decoder {o.DecoderDim}x{o.DecoderLayers} ({Count(decoder)} M), " +
                $"{(speaker_projection is null ? "" : $"pretrained speaker {o.PretrainedSpeakerDim}->{o.SpeakerDim}, ")}postnet ({Count(postnet)} M); stop > {o.StopThreshold}, cap {o.MaxFramesPerToken} frames/token; vocab {o.VocabSize}, {o.NMels} mels; {Count(this)} M parameters");
        }
    }

    public ModelOutputs Forward(TrainingBatch batch) => forward(batch);

    /// <inheritdoc />
    public void EnableOutputs(IReadOnlyCollection<string> keys) =>
        _voiceSimilarityOutputs = audio_encoder is not null && keys.Contains(AcousticOutputKeys.OutputVoiceEmbedding);

    public bool NeedsInitialization => !mel_normalizer.IsInitialized;

    public void InitializeFrom(IReadOnlyList<TrainingBatch> batches, Action<IReadOnlyList<Tensor>>? averageAcrossRanks = null) =>
        mel_normalizer.InitializeFrom(batches, averageAcrossRanks);

    /// <summary>Teacher-forced pass: step t reads the target's step t − 1 (a zero go frame at t = 0).</summary>
    public override ModelOutputs forward(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        var r = _options.ReductionFactor;
        var dtype = batch.Mel.dtype;
        if (training) mel_normalizer.InitializeFrom([batch]);
        var target = FrameStacking.Stack(mel_normalizer.Normalize(batch.Mel), batch.MelLengths, r);        // [B, rM, T']
        var steps = FrameStacking.ReducedLengths(batch.MelLengths, r);
        var stepMask = SequenceMasks.ChannelMask(steps, target.shape[2], dtype);                            // [B, 1, T']
        var stepPadding = SequenceMasks.KeyPadding(steps, target.shape[2]);                                 // [B, T']

        var voice = Voice(batch.ReferenceMel, batch.ReferenceMelLengths, null, batch.Extra, batch.Tokens.shape[0], dtype);
        var memory = Memory(batch.Tokens, batch.TokenLengths, voice, dtype);
        var previous = cat([zeros_like(target[.., .., ..1]), target[.., .., ..^1]], 2).transpose(1, 2);   // [B, T', rM]
        var output = decoder.forward(previous, voice.Vector, memory, stepPadding);

        var decoded = output.Frames.transpose(1, 2) * stepMask;                                             // [B, rM, T']
        var refined = decoded + postnet.call(decoded, stepMask);
        var frames = batch.Mel.shape[2];
        var melPostnet = ToMel(refined, frames);
        var aux = new Dictionary<string, Tensor>
        {
            [AcousticOutputKeys.StopLogits] = output.StopLogits.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.DecoderAlignment] = output.Alignment.MoveToOuterDisposeScope(),
            [AcousticOutputKeys.StepLengths] = steps.MoveToOuterDisposeScope(),
        };
        if (voice.SpeakerEmbedding is { } embedding) aux[AcousticOutputKeys.SpeakerEmbedding] = embedding.MoveToOuterDisposeScope();
        if (_voiceSimilarityOutputs) VoiceSimilarityOutputs.Add(aux, mel_normalizer, audio_encoder!, melPostnet, batch);
        return new ModelOutputs
        {
            Mel = ToMel(decoded, frames).MoveToOuterDisposeScope(),
            MelPostnet = melPostnet.MoveToOuterDisposeScope(),
            Aux = aux,
        };
    }

    /// <summary>
    /// Inference: decodes step by step (key/value cache) until each row's stop probability exceeds
    /// <c>model.stop_threshold</c> or it reaches its cap of ceil(<c>model.max_frames_per_token</c> × tokens) frames.
    /// The pace comes from the decoder; <paramref name="speed"/> ≠ 1 then rescales each row's time axis (linear
    /// interpolation of the log-mel, pitch unchanged). <paramref name="styleWeights"/> [B, K] replaces the reference's
    /// style. Returns the log-mel [B, n_mels, T] after the postnet and the valid frames [B].
    /// </summary>
    public (Tensor Mel, Tensor Lengths) Synthesize(Tensor tokens, Tensor tokenLengths, Tensor referenceMel, Tensor referenceLengths,
        double speed = 1.0, Tensor? styleWeights = null, IReadOnlyDictionary<string, Tensor>? conditioning = null)
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
            var dtype = referenceMel.dtype;
            var voice = Voice(referenceMel, referenceLengths, styleWeights, conditioning, tokens.shape[0], dtype);
            var memory = Memory(tokens, tokenLengths, voice, dtype);
            var (decoded, steps) = Decode(voice.Vector, memory, StepCaps(tokenLengths), dtype);              // [B, rM, T'], [B]
            var stepMask = SequenceMasks.ChannelMask(steps, decoded.shape[2], dtype);
            var refined = decoded + postnet.call(decoded, stepMask);
            var r = _options.ReductionFactor;
            var mel = ToMel(refined, decoded.shape[2] * r);
            var lengths = (steps * r).to(ScalarType.Int64);
            if (speed != 1.0) (mel, lengths) = TimeScale.Stretch(mel, lengths, 1.0 / speed);
            return (mel.MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope());
        }
        finally
        {
            if (wasTraining) train();
        }
    }

    /// <summary>[B] the most decoder steps per row: ceil(ceil(frames per token × tokens) / r), at least 1.</summary>
    public long[] StepCaps(Tensor tokenLengths)
    {
        var r = _options.ReductionFactor;
        return tokenLengths.cpu().data<long>().Select(l =>
        {
            var frames = (long)Math.Ceiling(_options.MaxFramesPerToken * l);
            return Math.Max(1, (frames + r - 1) / r);
        }).ToArray();
    }

    /// <summary>The incremental decoding loop: (stacked frames [B, rM, T'] standardised and masked, valid steps [B]).</summary>
    private (Tensor Frames, Tensor Steps) Decode(Tensor voice, DecoderMemory memory, long[] caps, ScalarType dtype)
    {
        var batch = caps.Length;
        var channels = _options.NMels * _options.ReductionFactor;
        var lengths = new long[batch];                 // 0 = still decoding
        var produced = new List<Tensor>();
        var previous = zeros(batch, 1, channels, dtype: dtype, device: voice.device);    // the go frame
        using var state = decoder.Start(voice, memory);
        for (var step = 1L; lengths.Any(l => l == 0); step++)
        {
            var output = decoder.Step(state, previous);
            produced.Add(output.Frames);
            var stop = output.StopLogits.sigmoid().to(ScalarType.Float32).cpu().data<float>().ToArray();
            for (var b = 0; b < batch; b++)
                if (lengths[b] == 0 && (stop[b] > _options.StopThreshold || step >= caps[b])) lengths[b] = step;
            previous = output.Frames;
        }
        var steps = tensor(lengths, device: voice.device);
        var frames = cat(produced, 1).transpose(1, 2);                                              // [B, rM, T']
        return (frames * SequenceMasks.ChannelMask(steps, frames.shape[2], dtype), steps);
    }

    private VoiceVectors Voice(Tensor referenceMel, Tensor referenceLengths, Tensor? styleWeights, IReadOnlyDictionary<string, Tensor>? conditioning,
        long batch, ScalarType dtype) =>
        VoiceVectors.Of(mel_normalizer, audio_encoder, gst, _options.SpeakerDim, referenceMel, referenceLengths, styleWeights, batch, dtype,
            speaker_projection is null ? null : new PretrainedSpeaker(speaker_projection, conditioning, SpeakerEncoder));

    /// <summary>What the decoder attends to: voice-conditioned text states at the decoder width, and the latents.</summary>
    private DecoderMemory Memory(Tensor tokens, Tensor lengths, VoiceVectors voice, ScalarType dtype)
    {
        var mask = SequenceMasks.ChannelMask(lengths, tokens.shape[1], dtype);
        var padding = SequenceMasks.KeyPadding(lengths, tokens.shape[1]);
        var h = text_encoder.forward(tokens, mask, padding);                                              // [B, C, L]
        var hidden = (h + text_condition.call(voice.Vector).unsqueeze(2)) * mask;
        var text = memory_projection.call(hidden.transpose(1, 2)) * mask.transpose(1, 2);                 // [B, L, D]
        return new DecoderMemory(text, padding, voice.Latents);
    }

    /// <summary>Stacked standardised [B, rM, T'] → log-mel [B, M, frames].</summary>
    private Tensor ToMel(Tensor stacked, long frames) =>
        mel_normalizer.Denormalize(FrameStacking.Unstack(stacked, _options.ReductionFactor)[.., .., ..(int)frames]);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mel_normalizer.Dispose(); text_encoder.Dispose(); audio_encoder?.Dispose(); gst?.Dispose(); speaker_projection?.Dispose();
            text_condition.Dispose(); memory_projection.Dispose(); decoder.Dispose(); postnet.Dispose();
        }
        base.Dispose(disposing);
    }
}
