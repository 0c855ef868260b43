using MyXtts.Core.Models;
using MyXtts.Core.Models.Autoregressive;
using MyXtts.Core.Training.Losses;

namespace MyXtts.Core.Tests.Models.Autoregressive;

/// <summary>A very small autoregressive acoustic model and its loss set, sized for <c>SyntheticBatches</c> (8 mels, vocabulary 12).</summary>
internal static class TinyAutoregressive
{
    public static AcousticModelOptions Options(double prenetDropout = 0.0, double dropout = 0.0, bool voice = true) =>
        TinyAcoustic.Options(voice: voice, dropout: dropout) with
        {
            DecoderStrategy = AcousticModels.Autoregressive, PrenetDropout = prenetDropout, MaxFramesPerToken = 6,
        };

    public static AutoregressiveAcousticModel Model(long seed = 5, double prenetDropout = 0.0, bool voice = true, bool gst = true)
    {
        ModelTestSupport.Seed(seed);
        return new AutoregressiveAcousticModel(Options(prenetDropout, voice: voice) with { Gst = gst });
    }

    public static AutoregressiveDecoder Decoder(long seed = 3, bool conditioning = true)
    {
        ModelTestSupport.Seed(seed);
        return new AutoregressiveDecoder("decoder", frameChannels: 6, dim: 16, layerCount: 2, heads: 2, speakerDim: 8, conditioning, dropout: 0.0, prenetDropout: 0.0);
    }

    public static LossSet Losses() => new(
    [
        new(MelLoss.Name, new MelLoss(), 1.0, "test"),
        new(StopLoss.Name, new StopLoss(), 1.0, "test"),
        new(AttentionLoss.Name, new AttentionLoss(), 1.0, "test"),
        new(SpeakerContrastiveLoss.Name, new SpeakerContrastiveLoss(), 0.1, "test"),
    ]);
}
