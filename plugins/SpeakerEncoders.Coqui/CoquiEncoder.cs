using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Embedding;
using MyXtts.Plugins.SpeakerEncoders.Coqui.FrontEnd;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Loading;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui;

/// <summary>
/// Coqui TTS' speaker encoders from <c>model_se.pth</c>: the ResNet H/ASP encoder of YourTTS (torch mel front end in the
/// checkpoint) and the older LSTM encoder (librosa-style mel from the config). Embeddings follow
/// <c>SpeakerManager.compute_embedding_from_clip</c>: load_wav's level normalisation, then <c>compute_embedding</c>.
/// Sizes come from the checkpoint, so <see cref="LoadWeights"/> must run before anything else.
/// </summary>
[Plugin("coqui", Options = typeof(CoquiOptions),
    Summary = "Coqui TTS speaker encoder (model_se.pth): YourTTS ResNet or the older LSTM, detected from the checkpoint")]
public sealed class CoquiEncoder(CoquiOptions options, ILogger logger) : ITrainableSpeakerEncoder
{
    private LoadedEncoder? _loaded;
    private AudioProcessorMel? _featureFrontEnd;

    /// <inheritdoc />
    public int EmbeddingDim => Loaded.Network.EmbeddingDim;

    /// <inheritdoc />
    public int SampleRate => Loaded.Audio.SampleRate;

    /// <summary>
    /// The ResNet or LSTM network with its torch mel front end (the keys of <c>model_se.pth</c>'s model), for fine-tuning;
    /// exists once weights are loaded. A safetensors copy of its tensors alone would come back with YourTTS' audio
    /// settings, so <see cref="CopyMetadata"/> carries the config along.
    /// </summary>
    public nn.Module Module => Loaded.Network;

    /// <summary>The loaded config as JSON (<c>coqui_config</c>), so a saved copy of <see cref="Module"/> loads with the same audio settings.</summary>
    public IReadOnlyDictionary<string, string> CopyMetadata =>
        Loaded.Config is { } config ? new Dictionary<string, string> { [CoquiCheckpoint.ConfigMetadataKey] = config.ToJson() } : new Dictionary<string, string>();

    /// <inheritdoc />
    public void LoadWeights(string path)
    {
        var loaded = CoquiCheckpoint.Load(path, options.Variant);
        var frontEnd = loaded.Network.TakesWaveforms ? null : new AudioProcessorMel(loaded.Audio);
        _loaded?.Network.Dispose();
        (_loaded, _featureFrontEnd) = (loaded, frontEnd);
        if (loaded.Audio.DoTrimSilence)
            logger.Warning("The encoder config of {Path} trims silence on load (do_trim_silence); this plugin does not: trim clips beforehand", path);
        logger.Information("Loaded Coqui {Network} speaker encoder ({Dim}-dim, {Rate} Hz) from {Path}; config: {Config}",
            loaded.Network.GetName(), loaded.Network.EmbeddingDim, loaded.Audio.SampleRate, path, loaded.ConfigSource);
    }

    /// <inheritdoc />
    public Tensor Embed(Tensor waveforms, Tensor lengths)
    {
        var loaded = Loaded;
        long[] valid = ValidLengths(waveforms, lengths);
        if (loaded.Network.parameters().First().device != waveforms.device) loaded.Network.to(waveforms.device);
        using var scope = NewDisposeScope();
        var rows = valid.Select((n, b) => EmbedClip(loaded, waveforms[b, ..(int)n].to(ScalarType.Float32)));
        return stack(rows.ToList()).MoveToOuterDisposeScope();
    }

    /// <summary>For a feature network: [mels, frames] features (the output of its front end) → [proj_dim].</summary>
    internal Tensor EmbedFeatures(Tensor features) => WindowedEmbedding.WholeInput(Loaded.Network, features);

    internal LoadedEncoder Loaded => _loaded ?? throw new InvalidOperationException(
        "The coqui speaker encoder has no weights yet: its sizes come from the checkpoint. Call LoadWeights(model_se.pth) first " +
        "(--speaker-encoder-path).");

    public void Dispose() => _loaded?.Network.Dispose();

    private Tensor EmbedClip(LoadedEncoder loaded, Tensor clip)
    {
        var prepared = WaveformPreprocessing.Apply(clip, loaded.Audio);
        return _featureFrontEnd is null
            ? WindowedEmbedding.Waveform(loaded.Network, prepared, loaded.Audio.HopLength)
            : WindowedEmbedding.WholeInput(loaded.Network, _featureFrontEnd.Forward(prepared));
    }

    private static long[] ValidLengths(Tensor waveforms, Tensor lengths)
    {
        if (waveforms.dim() != 2 || lengths.dim() != 1 || lengths.shape[0] != waveforms.shape[0])
            throw new ArgumentException(
                $"Embed takes waveforms [batch, samples] and lengths [batch]; got [{string.Join(", ", waveforms.shape)}] and " +
                $"[{string.Join(", ", lengths.shape)}].");
        using var cpu = lengths.to(ScalarType.Int64).cpu();
        long[] valid = cpu.data<long>().ToArray();
        if (valid.Any(n => n <= 1 || n > waveforms.shape[1]))
            throw new ArgumentException($"Each length must lie in 2..{waveforms.shape[1]} (the padded width); got [{string.Join(", ", valid)}].");
        return valid;
    }
}
