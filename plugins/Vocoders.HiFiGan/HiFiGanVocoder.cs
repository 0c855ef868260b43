using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Plugins.Vocoders.HiFiGan.Checkpoints;
using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Plugins.Vocoders.HiFiGan.Inference;
using MyXtts.Plugins.Vocoders.HiFiGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan;

/// <summary>
/// The HiFi-GAN vocoder for inference: a jik876/hifi-gan generator (V1/V2/V3/custom) loaded from a published
/// <c>g_XXXXXXXX</c> file or one trained here, with weight norm removed for speed, optionally synthesising in
/// cross-faded chunks. Trainable by the host's stage-2 loop (<see cref="ITrainableVocoder"/>).
/// </summary>
[Plugin("hifigan", Options = typeof(HiFiGanOptions),
    Summary = "HiFi-GAN generator (V1/V2/V3 or config.json); loads published g_ checkpoints; neural, fast on CPU")]
public sealed class HiFiGanVocoder : IVocoder, ITrainableVocoder
{
    private readonly HiFiGanOptions _options;
    private readonly HiFiGanConfig _config;
    private HiFiGanGenerator? _generator;

    /// <summary>Checks the configuration against the run's mel definition, and loads <see cref="HiFiGanOptions.Checkpoint"/> if set.</summary>
    public HiFiGanVocoder(HiFiGanOptions options, MelSettings mel)
    {
        options.Validate();
        _options = options;
        Mel = mel;
        var resolved = HiFiGanConfigs.Resolve(options.Config);
        _config = resolved.Generator;
        RequireCompatible(resolved, mel, options.Config);
        if (options.Checkpoint.Length > 0) LoadWeights(options.Checkpoint);
    }

    /// <inheritdoc />
    public MelSettings Mel { get; }

    /// <summary>The loaded generator (weight norm removed, eval mode), or null before <see cref="LoadWeights"/>.</summary>
    public HiFiGanGenerator? Generator => _generator;

    /// <summary>Loads generator weights (channel counts from the file), removes weight norm and switches to eval mode.</summary>
    public void LoadWeights(string path)
    {
        var generator = GeneratorCheckpoint.Load(path, _config, _options.KeyPrefix.Length > 0 ? _options.KeyPrefix : null);
        if (generator.Config.NumMels != Mel.NMels)
        {
            generator.Dispose();
            throw new InvalidOperationException(
                $"'{path}' is a generator for {generator.Config.NumMels} mel channels but this run's mel has {Mel.NMels}. Use a generator trained on the run's mel definition.");
        }
        generator.RemoveWeightNorm();
        generator.eval();
        _generator?.Dispose();
        _generator = generator;
    }

    /// <summary>[B, n_mels, T] (or [n_mels, T]) log-mel → [B, T · hop] (or [T · hop]) samples, under no_grad, in the caller's scope.</summary>
    public Tensor Synthesize(Tensor logMel)
    {
        var generator = _generator ?? throw new InvalidOperationException(
            "The hifigan vocoder has no weights yet. Set plugins:hifigan:Checkpoint to a generator file (g_XXXXXXXX) or call LoadWeights first.");
        if (logMel.dim() is not (2 or 3) || logMel.shape[^2] != Mel.NMels)
            throw new ArgumentException($"hifigan expects a log-mel [batch, {Mel.NMels}, frames]; got [{string.Join(", ", logMel.shape)}].", nameof(logMel));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        bool single = logMel.dim() == 2;
        var mel = (single ? logMel.unsqueeze(0) : logMel).to(ScalarType.Float32);
        if (!generator.IsOn(mel.device)) generator.to(mel.device);
        Tensor Generate(Tensor m) => generator.call(m).squeeze(1);   // [B, 1, F · hop] → [B, F · hop]
        var audio = _options.ChunkFrames > 0
            ? new ChunkedSynthesis(Generate, _config.HopLength, _options.ChunkFrames, _options.ChunkOverlapFrames).Synthesize(mel)
            : Generate(mel);
        return (single ? audio.squeeze(0) : audio).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A generator (random, or <see cref="VocoderTrainingRequest.PretrainedGenerator"/> with weight norm as published) and
    /// MPD/MSD at <see cref="HiFiGanOptions.DiscriminatorChannelDivisor"/>, for <see cref="VocoderTrainingRequest.Config"/>
    /// or this vocoder's configuration; checked against the run's mel.
    /// </summary>
    public IVocoderTrainingModel CreateTrainingModel(VocoderTrainingRequest request)
    {
        var name = request.Config ?? _options.Config;
        var resolved = HiFiGanConfigs.Resolve(name);
        RequireCompatible(resolved, Mel, name);
        var generator = request.PretrainedGenerator is { } path
            ? GeneratorCheckpoint.Load(path, resolved.Generator, _options.KeyPrefix.Length > 0 ? _options.KeyPrefix : null)
            : new HiFiGanGenerator(resolved.Generator);
        if (!generator.HasWeightNorm)
        {
            generator.Dispose();
            throw new InvalidOperationException(
                $"'{request.PretrainedGenerator}' stores plain weights (weight norm removed for inference), which cannot be fine-tuned as train.py does. " +
                "Use the training generator file (g_XXXXXXXX with weight_g/weight_v keys).");
        }
        return new HiFiGanTrainingModel(generator, new HiFiGanDiscriminators(_options.DiscriminatorChannelDivisor), Mel);
    }

    /// <summary>Frees the generator.</summary>
    public void Dispose() => _generator?.Dispose();

    private static void RequireCompatible(HiFiGanConfigFile.Contents resolved, MelSettings mel, string configName)
    {
        if (resolved.Generator.HopLength != mel.HopLength)
            throw new ArgumentException(
                $"HiFi-GAN config '{configName}' upsamples by {resolved.Generator.HopLength} (upsample_rates [{string.Join(", ", resolved.Generator.UpsampleRates)}]) " +
                $"but the run's mel hop length is {mel.HopLength}. Use a generator config whose rates multiply to {mel.HopLength}, or change the mel hop length.");
        if (resolved.Generator.NumMels != mel.NMels)
            throw new ArgumentException($"HiFi-GAN config '{configName}' expects {resolved.Generator.NumMels} mel channels but the run's mel has {mel.NMels}.");
        if (resolved.Mel is { } fileMel && mel.DescribeMismatch(fileMel) is { } mismatch)
            throw new ArgumentException(
                $"HiFi-GAN config '{configName}' was trained on a different mel definition than this run's ({mismatch}, config vs run). " +
                "A vocoder only works on the mel it was trained on: align the run's mel settings with the config or train/fine-tune a generator on the run's mel.");
    }
}
