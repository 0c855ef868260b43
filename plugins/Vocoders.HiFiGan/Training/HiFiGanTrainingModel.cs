using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Plugins.Vocoders.HiFiGan.Discriminators;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Training;

/// <summary>
/// HiFi-GAN's trainable parts for the host's GAN loop: the generator with weight norm (train.py trains it so) and the
/// MPD + MSD discriminators. Exported generators are <c>g_</c>-style safetensors plus a hifi-gan config.json.
/// </summary>
public sealed class HiFiGanTrainingModel(HiFiGanGenerator generator, HiFiGanDiscriminators discriminators, MelSettings mel) : IVocoderTrainingModel
{
    /// <inheritdoc />
    public string Description
    {
        get
        {
            var c = generator.Config;
            return $"HiFi-GAN generator (resblock {(int)c.ResBlock}, upsample_rates [{string.Join(", ", c.UpsampleRates)}], " +
                   $"{c.UpsampleInitialChannel} initial channels, {Count(generator):N0} parameters) + MPD/MSD " +
                   $"(published width ÷ {discriminators.ChannelDivisor}, {Count(discriminators):N0} parameters)";
        }
    }

    /// <inheritdoc />
    public nn.Module Generator => generator;

    /// <inheritdoc />
    public nn.Module Discriminator => discriminators;

    /// <summary>The generator, typed.</summary>
    public HiFiGanGenerator TypedGenerator => generator;

    /// <inheritdoc />
    public Tensor Generate(Tensor logMel) => generator.call(logMel);

    /// <inheritdoc />
    public IReadOnlyList<DiscriminatorVerdict> Discriminate(Tensor real, Tensor generated)
    {
        var period = discriminators.Mpd.call(real, generated);
        var scale = discriminators.Msd.call(real, generated);
        return [.. Verdicts("mpd", period), .. Verdicts("msd", scale)];
    }

    /// <inheritdoc />
    public void ExportGenerator(string path) => GeneratorExport.Write(path, generator, mel);

    /// <inheritdoc />
    public void Dispose()
    {
        generator.Dispose();
        discriminators.Dispose();
    }

    private static IEnumerable<DiscriminatorVerdict> Verdicts(string prefix, DiscriminatorOutputs outputs) =>
        Enumerable.Range(0, outputs.RealScores.Count).Select(i => new DiscriminatorVerdict(
            $"{prefix}.{i}", outputs.RealScores[i], outputs.FakeScores[i], outputs.RealFeatureMaps[i], outputs.FakeFeatureMaps[i]));

    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());
}
