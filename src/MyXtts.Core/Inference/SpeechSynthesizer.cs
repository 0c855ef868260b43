using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Models;
using MyXtts.Core.Runtime;
using MyXtts.Core.Speakers;
using MyXtts.Core.Text;
using MyXtts.Core.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Inference;

/// <summary>
/// Text to speech in a cloned voice, in-process: load a training checkpoint once, then <see cref="LoadReference"/> a
/// voice and <see cref="Synthesize"/> as many sentences as needed. The text goes through the checkpoint's own cleaners,
/// phonemizer and vocabulary, the reference through its own audio pipeline and mel, so inference sees exactly what
/// training saw. Thread-safe: calls from several threads are served one at a time (TorchSharp modules are not
/// re-entrant); create one synthesizer per thread for parallel synthesis.
/// </summary>
/// <example>
/// <code>
/// using var tts = SpeechSynthesizer.Load("runs/exp/checkpoints/best.ckpt");
/// var voice = tts.LoadReference("reference.wav");
/// var result = tts.Synthesize("Hello there.", voice);
/// WavWriter.Write("hello.wav", result.Samples, result.SampleRate);
/// </code>
/// </example>
public sealed partial class SpeechSynthesizer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IAcousticModel _model;
    private readonly TextTokenizer _tokenizer;
    private readonly FeatureExtractor _features;
    private readonly IVocoder _vocoder;
    private readonly bool _ownsVocoder;
    private readonly Device _device;
    private readonly int _referenceFrames;
    private readonly ISpeakerEncoder? _speakerEncoder;

    private SpeechSynthesizer(IAcousticModel model, TextTokenizer tokenizer, FeatureExtractor features, IVocoder vocoder, bool ownsVocoder,
        Device device, MyXttsSettings settings, CheckpointManifest manifest, ISpeakerEncoder? speakerEncoder)
    {
        (_model, _tokenizer, _features, _vocoder, _ownsVocoder, _device, _speakerEncoder) = (model, tokenizer, features, vocoder, ownsVocoder, device, speakerEncoder);
        Settings = settings;
        Mel = features.Mel;
        Checkpoint = manifest.Path ?? "";
        Step = manifest.Progress.Step;
        _referenceFrames = (int)(settings.Data.ReferenceAudioLength * Mel.SampleRate / Mel.HopLength);
    }

    /// <summary>The configuration the checkpoint was trained with.</summary>
    public MyXttsSettings Settings { get; }

    /// <summary>The mel definition of the model (and the vocoder, which must match).</summary>
    public MelSettings Mel { get; }

    /// <summary>The checkpoint file loaded.</summary>
    public string Checkpoint { get; }

    /// <summary>The optimizer step the checkpoint was written at.</summary>
    public long Step { get; }

    /// <summary>The architecture with parameter counts.</summary>
    public string ModelDescription => _model.Description;

    /// <summary>Style tokens the model offers for <see cref="SynthesisOptions.StyleWeights"/> (0 without GST).</summary>
    public long StyleTokenCount => _model.StyleTokenCount;

    /// <summary>
    /// Loads a checkpoint written by <c>myxtts train</c>. Throws <see cref="CheckpointException"/> when the file is corrupt
    /// or incomplete, or the vocoder's mel definition differs from the model's.
    /// </summary>
    public static SpeechSynthesizer Load(string checkpointPath, SynthesizerOptions? options = null)
    {
        options ??= new SynthesizerOptions();
        if (!File.Exists(checkpointPath))
            throw new FileNotFoundException($"Checkpoint '{checkpointPath}' does not exist. Give a .ckpt from a training run's checkpoints/ folder.", checkpointPath);
        var checkpoint = TrainingCheckpoint.Read(checkpointPath);
        var manifest = checkpoint.Manifest;
        var settings = CheckpointSettings.Read(manifest);
        var mel = manifest.Mel!;
        var tokenizer = TokenizerBuilder.Restore(manifest.Tokenizer!);
        var device = options.Device ?? CPU;

        IVocoder? vocoder = null;
        var ownsVocoder = options.Vocoder is null;
        IAcousticModel? model = null;
        FeatureExtractor? features = null;
        try
        {
            vocoder = options.Vocoder ?? new GriffinLimVocoder(new GriffinLimOptions(), mel);
            if (vocoder.Mel.DescribeMismatch(mel) is { } difference)
                throw new CheckpointException($"The vocoder was trained with a different mel definition than the acoustic model in '{checkpointPath}': {difference} " +
                                              "(vocoder vs model). Use a vocoder trained on this model's mel settings, or the built-in griffin_lim.");
            var speakerEncoder = PretrainedSpeakerEncoder.For(checkpoint, options.SpeakerEncoder);
            model = AcousticModels.Create(settings.Model, manifest.Tokenizer!.Symbols.Count, speakerEncoder is null ? 0 : manifest.SpeakerEncoder!.EmbeddingDim);
            CheckpointCompatibility.Check(manifest, model.Module, model.Description, manifest.Tokenizer, mel);
            checkpoint.RestoreModel(model.Module);
            model.Module.to(device);
            model.Module.eval();
            // The F0 track serves only TeacherForce's pitch targets, so it is taken only for a model with a pitch predictor.
            features = new FeatureExtractor(DatasetPipeline.AudioOptions(settings.Data, mel.SampleRate), mel, NullProfiler.Instance,
                trackPitch: model.Options is { DecoderStrategy: AcousticModels.NonAutoregressive, PitchPredictor: true });
            return new SpeechSynthesizer(model, tokenizer, features, vocoder, ownsVocoder, device, settings, manifest, speakerEncoder);
        }
        catch
        {
            model?.Dispose();
            features?.Dispose();
            if (ownsVocoder) vocoder?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The voice of the clip at <paramref name="path"/> (any format the data pipeline reads), through the model's audio
    /// pipeline and mel. A few seconds of clean speech is enough; longer clips are cut to <c>data.reference_audio_length</c>
    /// seconds around their middle, the length training used. With the clip's <paramref name="transcript"/> the voice also
    /// carries the clip's speaking rate (<see cref="VoiceReference.SpeakingRate"/>), which <see cref="Synthesize"/> then
    /// reproduces; without one the model speaks at the rate it learned for voices like this.
    /// </summary>
    public VoiceReference LoadReference(string path, string? transcript = null) => LoadReference(path, transcript, []);

    /// <summary>
    /// The voice of the clip at <paramref name="path"/>, as <see cref="LoadReference(string, string?)"/>, with a speaking
    /// rate measured over several clips of the speaker: the geometric mean of the rate of the reference itself (when its
    /// <paramref name="transcript"/> is given) and of each of <paramref name="rateClips"/> (other recordings of the same
    /// speaker with what they say). Why several: one sentence's rate strays from the speaker's by about 5 % (sd of the
    /// log rate 0.035–0.07 on the sample corpus), as much as the difference between many speakers' paces; six clips
    /// bring that to about 2 %. The voice itself (timbre, style) still comes from <paramref name="path"/> alone.
    /// </summary>
    public VoiceReference LoadReference(string path, string? transcript, IReadOnlyList<TranscribedClip> rateClips)
    {
        ArgumentNullException.ThrowIfNull(rateClips);
        var (voice, frames) = Load(path);
        var rates = new List<double>(rateClips.Count + 1);
        if (transcript is not null) rates.Add(SpeakingRateOf(voice, transcript, frames));
        foreach (var clip in rateClips)
        {
            if (string.IsNullOrWhiteSpace(clip.Transcript))
                throw new ArgumentException($"The rate clip '{clip.Path}' has no transcript; each clip needs what it says.", nameof(rateClips));
            var (clipVoice, clipFrames) = Load(clip.Path);
            rates.Add(SpeakingRateOf(clipVoice, clip.Transcript, clipFrames));
        }
        if (rates.Count == 0) return voice;
        var rate = Math.Clamp(Math.Exp(rates.Average(Math.Log)), MinSpeakingRate, MaxSpeakingRate);
        return voice with { SpeakingRate = rate, Transcript = transcript, SpeakingRateClips = rates.Count };
    }

    /// <summary>The (cropped) voice of a clip and the clip's full length in frames.</summary>
    private (VoiceReference Voice, int Frames) Load(string path)
    {
        var features = _features.Extract(path);
        var (shape, data) = features.Arrays[Data.Cache.FeatureSet.Mel];
        int nMels = shape[0], frames = shape[1];
        var embedding = _speakerEncoder is null ? null : PretrainedSpeakerEncoder.Embed(_speakerEncoder, path, _gate);
        var voice = new VoiceReference(data, nMels, frames, path) { SpeakerEmbedding = embedding };
        if (frames > _referenceFrames)
        {
            var start = (frames - _referenceFrames) / 2;
            var cropped = new float[nMels * _referenceFrames];
            for (var m = 0; m < nMels; m++) Array.Copy(data, m * frames + start, cropped, m * _referenceFrames, _referenceFrames);
            voice = voice with { LogMel = cropped, Frames = _referenceFrames };
        }
        return (voice, frames);
    }

    /// <summary>The slowest and fastest speaking rate a transcript may set, relative to the model's own pace.</summary>
    public const double MinSpeakingRate = 0.5, MaxSpeakingRate = 2.0;

    /// <summary>
    /// How much faster the clip speaks its <paramref name="transcript"/> than the model would in the clip's own voice:
    /// the frames the model gives the transcript (at speed 1, conditioned on <paramref name="voice"/>) over the clip's
    /// <paramref name="clipFrames"/>. Why a transcript: the voice path pools time away, and tempo measured from audio
    /// alone varies more from sentence to sentence than between a voice and its tempo twin (docs/model.md), so the model
    /// learned the same pace for both; the ratio of the same sentence's two lengths has no such noise. It also takes out
    /// any systematic bias of the duration predictor for this voice. Limited to
    /// [<see cref="MinSpeakingRate"/>, <see cref="MaxSpeakingRate"/>] so a transcript of another clip cannot make absurd speech.
    /// </summary>
    private double SpeakingRateOf(VoiceReference voice, string transcript, int clipFrames)
    {
        var predicted = PredictedFrames(transcript, voice);
        return Math.Clamp((double)predicted / clipFrames, MinSpeakingRate, MaxSpeakingRate);
    }

    /// <summary>Speaks <paramref name="text"/> in the voice of <paramref name="reference"/>.</summary>
    /// <remarks>
    /// The speaking rate is <see cref="SynthesisOptions.Speed"/> times the reference's <see cref="VoiceReference.SpeakingRate"/>
    /// (1 unless the reference was loaded with its transcript).
    /// </remarks>
    public SynthesisResult Synthesize(string text, VoiceReference reference, SynthesisOptions? options = null)
    {
        options ??= new SynthesisOptions();
        var ids = Tokens(text, reference);
        return InModel(() =>
        {
            var (mel, frames) = Decode(ids, reference, options.Speed * reference.SpeakingRate, options);
            var logMel = mel[0, .., ..frames].to(ScalarType.Float32).contiguous();
            var audio = _vocoder.Synthesize(logMel.unsqueeze(0))[0].to(ScalarType.Float32).cpu();
            var samples = audio[..(int)Math.Min(audio.shape[0], (long)frames * Mel.HopLength)].contiguous().data<float>().ToArray();
            return new SynthesisResult
            {
                Text = text, Symbols = _tokenizer.Decode(ids), Samples = samples, SampleRate = Mel.SampleRate, Frames = frames,
                LogMel = logMel.cpu().data<float>().ToArray(),
            };
        });
    }

    /// <summary>
    /// Mel frames the model gives <paramref name="text"/> in <paramref name="reference"/>'s voice at its own pace (speed
    /// 1, no vocoder): from the durations alone when the model fixes its length before decoding, else by decoding.
    /// </summary>
    private int PredictedFrames(string text, VoiceReference reference)
    {
        var ids = Tokens(text, reference);
        if (_model is not ILengthPredictingModel planner) return InModel(() => Decode(ids, reference, 1.0, new SynthesisOptions()).Frames);
        return InModel(() =>
        {
            var (tokens, tokenLengths, referenceMel, referenceLengths) = Inputs(ids, reference);
            return (int)planner.PredictFrames(tokens, tokenLengths, referenceMel, referenceLengths, 1.0, null, Conditioning(reference))[0].item<long>();
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> as this synthesizer's only libtorch caller: under the gate, with no garbage collection
    /// (see the class), inside a dispose scope that frees its tensors, without gradients.
    /// </summary>
    private T InModel<T>(Func<T> body)
    {
        lock (_gate)
        {
            using var quiet = CollectionSafePoints.Enter();      // no collection while inside libtorch (see the class)
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return body();
        }
    }

    /// <summary>The text's token ids, after checking the request; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    private int[] Tokens(string text, VoiceReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("There is no text to speak.", nameof(text));
        if (reference.NMels != Mel.NMels)
            throw new ArgumentException($"The reference has {reference.NMels} mel bands but the model uses {Mel.NMels}; load it with this synthesizer's LoadReference.", nameof(reference));
        var ids = _tokenizer.Encode(text);
        if (ids.Count(i => i > TokenizerDefinition.BlankId) == 0)
            throw new ArgumentException($"None of the symbols of \"{text}\" are in the model's vocabulary ({_tokenizer.Definition.Kind}); nothing to speak.", nameof(text));
        return ids;
    }

    /// <summary>The model's log-mel [1, M, T] and its valid frames; call inside <see cref="InModel{T}"/>.</summary>
    private (Tensor Mel, int Frames) Decode(int[] ids, VoiceReference reference, double speed, SynthesisOptions options)
    {
        if (options.Seed is { } seed) manual_seed(seed);
        var (tokens, tokenLengths, referenceMel, referenceLengths) = Inputs(ids, reference);
        using var style = StyleTensor(options.StyleWeights);
        var (mel, lengths) = _model.Synthesize(tokens, tokenLengths, referenceMel, referenceLengths, speed, style, Conditioning(reference));
        return (mel, (int)lengths[0].item<long>());
    }

    /// <summary>One utterance's tokens and the reference mel as the model's batch-of-one inputs, on its device.</summary>
    private (Tensor Tokens, Tensor TokenLengths, Tensor ReferenceMel, Tensor ReferenceLengths) Inputs(int[] ids, VoiceReference reference) =>
    (
        tensor(ids.Select(i => (long)i).ToArray(), device: _device).unsqueeze(0),
        tensor(new long[] { ids.Length }, device: _device),
        tensor(reference.LogMel, device: _device).reshape(1, reference.NMels, reference.Frames),
        tensor(new long[] { reference.Frames }, device: _device)
    );

    /// <summary>The reference's pretrained speaker embedding [1, E] for a model trained with one.</summary>
    private Dictionary<string, Tensor>? Conditioning(VoiceReference reference)
    {
        if (_speakerEncoder is null) return null;
        var embedding = reference.SpeakerEmbedding ?? throw new ArgumentException(
            $"This model is conditioned on a pretrained speaker encoder but the reference '{reference.Source}' has no speaker embedding; load it with this synthesizer's LoadReference.", nameof(reference));
        return new Dictionary<string, Tensor> { [ConditioningKeys.PretrainedSpeakerEmbedding] = tensor(embedding, device: _device).unsqueeze(0) };
    }

    private Tensor? StyleTensor(IReadOnlyList<float>? weights)
    {
        if (weights is null) return null;
        if (_model.StyleTokenCount == 0)
            throw new ArgumentException("Style token weights were given but this model was trained without style tokens (model.use_gst=false).");
        if (weights.Count != _model.StyleTokenCount)
            throw new ArgumentException($"The model has {_model.StyleTokenCount} style tokens; {weights.Count} weights were given.");
        return tensor(weights.ToArray(), device: _device).unsqueeze(0);
    }

    public void Dispose()
    {
        _model.Dispose();
        _features.Dispose();
        if (_ownsVocoder) _vocoder.Dispose();
    }
}
