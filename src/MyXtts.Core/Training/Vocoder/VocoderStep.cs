using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// One GAN step as train.py takes it, in one dispose scope:
/// <list type="number">
/// <item>generate ŷ from the input mel;</item>
/// <item>discriminator step: verdicts on (y, ŷ.detach()), discriminator-phase terms, backward, step;</item>
/// <item>generator step: loss mel of ŷ, verdicts on (y, ŷ), generator-phase terms, backward, step.</item>
/// </list>
/// The loss mel is the run's mel with fmax = sample_rate / 2 (train.py's <c>fmax_for_loss: null</c>).
/// </summary>
public sealed class VocoderStep : IDisposable
{
    private readonly IVocoderTrainingModel _model;
    private readonly VocoderLossSet _losses;
    private readonly VocoderOptimizers _optimizers;
    private readonly MelSpectrogram _lossMel;
    private readonly Parameter[] _generatorParameters;

    /// <summary>Creates the step for <paramref name="model"/> (already on its device) and the run's mel.</summary>
    public VocoderStep(IVocoderTrainingModel model, VocoderLossSet losses, VocoderOptimizers optimizers, MelSettings mel)
    {
        (_model, _losses, _optimizers) = (model, losses, optimizers);
        _lossMel = new MelSpectrogram(LossMel(mel));
        _generatorParameters = model.Generator.parameters().Where(p => p.requires_grad).ToArray();
    }

    /// <summary>HiFi-GAN's loss mel: the run's mel up to Nyquist.</summary>
    public static MelSettings LossMel(MelSettings mel) => mel with { FMax = mel.SampleRate / 2.0 };

    /// <summary>The loss-mel transform ([B, T] → [B, n_mels, T / hop]).</summary>
    public MelSpectrogram LossMelTransform => _lossMel;

    /// <summary>Runs step <paramref name="step"/> on <paramref name="batch"/> (on the model's device) and adds its numbers to <paramref name="meters"/>.</summary>
    public void Run(SegmentBatch batch, long step, TrainingMeters meters)
    {
        using var scope = NewDisposeScope();
        var real = batch.Audio;
        var generated = Fit(_model.Generate(batch.Mel), real.shape[2]);            // [B, 1, segment]
        var realMel = LossMelOf(real);                                           // [B, n_mels, frames]

        _optimizers.Discriminator.zero_grad();
        var fake = generated.detach();
        var discriminator = _losses.Evaluate(new VocoderLossContext(real, fake, realMel, null, _model.Discriminate(real, fake), VocoderLossPhase.Discriminator, step));
        discriminator.Total.backward();
        _optimizers.Discriminator.step();

        _optimizers.Generator.zero_grad();
        var generatedMel = LossMelOf(generated);
        var generator = _losses.Evaluate(new VocoderLossContext(real, generated, realMel, generatedMel, _model.Discriminate(real, generated), VocoderLossPhase.Generator, step));
        generator.Total.backward();
        var norm = GradientClipper.ClipByNorm(_generatorParameters, 0);          // measured for the logs, not clipped (train.py does not clip)
        _optimizers.Generator.step();

        meters.Add(TrainingMeters.Loss, generator.Total);
        meters.Add(TrainingMeters.GradNorm, norm);
        foreach (var (term, raw, weighted) in discriminator.Components.Concat(generator.Components))
        {
            meters.Add(term.Name, raw);
            meters.Add(term.WeightedName, weighted);
        }
    }

    /// <summary>Loss mel of [B, 1, T] audio.</summary>
    public Tensor LossMelOf(Tensor audio) => _lossMel.Compute(audio.squeeze(1));

    /// <summary>Cuts or zero-pads generated audio [B, 1, T'] to <paramref name="samples"/> (a generator whose hop is the mel's gives T' = T).</summary>
    public static Tensor Fit(Tensor audio, long samples) =>
        audio.shape[2] == samples ? audio
        : audio.shape[2] > samples ? audio.narrow(2, 0, samples)
        : nn.functional.pad(audio, [0, samples - audio.shape[2]]);

    /// <inheritdoc />
    public void Dispose() => _lossMel.Dispose();
}
