using MyXtts.Core.Models;
using MyXtts.Core.Training.Losses;

namespace MyXtts.Core.Tests.Models;

/// <summary>A very small acoustic model and its full loss set, sized for <c>SyntheticBatches</c> (8 mels, vocabulary 12).</summary>
internal static class TinyAcoustic
{
    public static AcousticModelOptions Options(bool voice = true, bool gst = true, double dropout = 0.0) => new()
    {
        VocabSize = 12, NMels = 8, TextDim = 32, TextLayers = 1, TextHeads = 2, AudioDim = 32, AudioLayers = 1, AudioHeads = 2,
        DecoderDim = 32, DecoderLayers = 2, DecoderHeads = 2, SpeakerDim = 16, ConditioningLatents = 4, ResamplerLayers = 1,
        GstTokens = 4, Gst = gst, VoiceConditioning = voice, ReductionFactor = 2, Dropout = dropout, VoiceDropout = dropout,
    };

    public static XttsAcousticModel Model(long seed = 5, bool voice = true, bool gst = true, double dropout = 0.0)
    {
        ModelTestSupport.Seed(seed);
        return new XttsAcousticModel(Options(voice, gst, dropout));
    }

    public static LossSet Losses() => new(Terms());

    /// <summary>The model's four terms; <paramref name="speakerWeight"/> weighs the contrastive term, the only one that mixes the rows of a batch.</summary>
    public static IReadOnlyList<WeightedLossTerm> Terms(double speakerWeight = 0.1) =>
    [
        new(MelLoss.Name, new MelLoss(), 1.0, "test"),
        new(AttentionLoss.Name, new AttentionLoss(), 1.0, "test"),
        new(DurationLoss.Name, new DurationLoss(), 1.0, "test"),
        new(SpeakerContrastiveLoss.Name, new SpeakerContrastiveLoss(), speakerWeight, "test"),
    ];
}
