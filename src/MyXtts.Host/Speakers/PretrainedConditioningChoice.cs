using MyXtts.Host.Configuration;

namespace MyXtts.Host.Speakers;

/// <summary>
/// Whether a training run conditions on the pretrained speaker encoder, decided from the configuration before the run
/// starts: <c>model.use_pretrained_speaker_encoder</c>, turned on by a <c>model.speaker_encoder_path</c> given while the
/// key is at its default, and off whenever it is set false explicitly (that wins over a path).
/// </summary>
/// <param name="Enabled">Whether the run uses the encoder.</param>
/// <param name="Note">What the decision was based on, for the log, when it is not plain (a path turned it on, or an explicit false overrode a path).</param>
public sealed record PretrainedConditioningChoice(bool Enabled, string? Note)
{
    /// <summary>The configuration key that turns pretrained speaker conditioning on.</summary>
    public const string EnableKey = "model.use_pretrained_speaker_encoder";

    /// <summary>The decision for <paramref name="configuration"/>.</summary>
    public static PretrainedConditioningChoice From(EffectiveConfiguration configuration)
    {
        var model = configuration.Settings.Model;
        var path = model.SpeakerEncoderPath;
        var hasPath = !string.IsNullOrWhiteSpace(path);
        var source = configuration.Provenance.SourceOf(EnableKey);
        var pathSource = configuration.Provenance.SourceOf(SpeakerEncoderChoice.PathKey);
        if (model.UsePretrainedSpeakerEncoder) return new(true, null);
        if (!hasPath) return new(false, null);
        return source.Kind == ConfigSourceKind.Default
            ? new(true, $"Pretrained speaker conditioning is on because {SpeakerEncoderChoice.PathKey} = '{path}' is given ({pathSource}); " +
                        $"--disable-pretrained-speaker-encoder ({EnableKey}=false) turns it off.")
            : new(false, $"Pretrained speaker conditioning is off ({EnableKey}=false, {source}), which wins over {SpeakerEncoderChoice.PathKey} = '{path}' ({pathSource}); " +
                         "the path is not used for training.");
    }
}
