using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Models.Autoregressive;
using MyXtts.Core.Training.Losses;

namespace MyXtts.Core.Models;

/// <summary>
/// Builds the acoustic model <c>model.decoder_strategy</c> names (ESPnet's class-choice pattern: one name, one class;
/// an unknown name lists the valid ones) and says which built-in loss terms train it.
/// </summary>
public static class AcousticModels
{
    /// <summary><c>model.decoder_strategy</c> of <see cref="XttsAcousticModel"/>.</summary>
    public const string NonAutoregressive = "non_autoregressive";

    /// <summary><c>model.decoder_strategy</c> of <see cref="AutoregressiveAcousticModel"/>.</summary>
    public const string Autoregressive = AutoregressiveAcousticModel.Strategy;

    /// <summary>The strategies there are, in the order they are listed in errors.</summary>
    public static IReadOnlyList<string> Strategies { get; } = [NonAutoregressive, Autoregressive];

    /// <summary>
    /// The model <paramref name="settings"/> describe, for a tokenizer with <paramref name="vocabSize"/> symbols, also
    /// conditioned on a pretrained speaker encoder's <paramref name="pretrainedSpeakerDim"/>-dim embedding when above 0.
    /// </summary>
    public static IAcousticModel Create(ModelSettings settings, int vocabSize, int pretrainedSpeakerDim = 0) =>
        Create(AcousticModelOptions.From(settings, vocabSize, pretrainedSpeakerDim));

    /// <summary>The model of <paramref name="options"/>' decoder strategy.</summary>
    public static IAcousticModel Create(AcousticModelOptions options) => options.DecoderStrategy switch
    {
        NonAutoregressive => new XttsAcousticModel(options),
        Autoregressive => new AutoregressiveAcousticModel(options),
        _ => throw Unknown(options.DecoderStrategy),
    };

    /// <summary>
    /// The built-in loss terms (names of <c>[Plugin]</c> loss terms, weighted by <c>training.loss_weights.&lt;name&gt;</c>)
    /// a model of <paramref name="strategy"/> is trained with. <c>attention_loss</c> is the alignment objective of
    /// either decoder: the alignment NLL for non_autoregressive, guided attention for autoregressive. <c>pitch_loss</c> and
    /// <c>energy_loss</c> apply when the model has those predictors; <c>voice_similarity_loss</c> when it has voice conditioning.
    /// </summary>
    public static IReadOnlyList<string> LossTermNames(string strategy) => strategy switch
    {
        NonAutoregressive => [MelLoss.Name, AttentionLoss.Name, DurationLoss.Name, PitchLoss.Name, EnergyLoss.Name, SpeakerContrastiveLoss.Name, VoiceSimilarityLoss.Name],
        Autoregressive => [MelLoss.Name, StopLoss.Name, AttentionLoss.Name, SpeakerContrastiveLoss.Name, VoiceSimilarityLoss.Name],
        _ => throw Unknown(strategy),
    };

    private static ArgumentException Unknown(string strategy) =>
        new($"Unknown model.decoder_strategy '{strategy}'; valid: {string.Join(", ", Strategies)}. Set model.decoder_strategy to one of them in the configuration.");
}
