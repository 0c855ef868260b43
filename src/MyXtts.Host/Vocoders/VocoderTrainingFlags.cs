using System.CommandLine;

namespace MyXtts.Host.Vocoders;

/// <summary>
/// The stage-2 flags, defined once so that <c>train-vocoder</c> and <c>train --two-stage-training</c> accept the same ones.
/// <see cref="AddTo"/> adds them to a command; <see cref="Read"/> turns a parse into <see cref="VocoderTrainingOptions"/>.
/// (<c>--resume</c> and <c>--max-steps</c> belong to the command: stage 1 has its own.)
/// </summary>
public sealed class VocoderTrainingFlags
{
    public readonly Option<int?> Epochs = new("--stage2-epochs") { Description = "Stage-2 (vocoder) passes over the training clips; default training.epochs.", HelpName = "n" };
    public readonly Option<double?> LearningRate = new("--stage2-lr") { Description = "Stage-2 initial learning rate of both AdamW optimizers (decayed × 0.999 per epoch). Default 2e-4.", HelpName = "lr" };
    public readonly Option<int?> BatchSize = new("--stage2-batch-size") { Description = "Stage-2 segments per step. Default 16.", HelpName = "n" };
    public readonly Option<double?> MaxAudioSeconds = new("--stage2-max-audio-seconds") { Description = "Stage-2 validation clips are cut to this many seconds. Default 10.", HelpName = "seconds" };
    public readonly Option<int?> SegmentSize = new("--segment-size") { Description = "Stage-2 training segment in samples, a multiple of the hop length. Default 8192.", HelpName = "samples" };
    public readonly Option<string> Vocoder = new("--vocoder") { Description = "Vocoder plugin to train. Default hifigan.", HelpName = "name", DefaultValueFactory = _ => VocoderTrainingOptions.DefaultVocoder };
    public readonly Option<string?> Config = new("--vocoder-config") { Description = "Vocoder architecture: V1, V2, V3 or the path of a hifi-gan config.json. Default: plugins:<vocoder>:Config (V1).", HelpName = "V1|V2|V3|path" };
    public readonly Option<string?> Checkpoint = new("--vocoder-checkpoint") { Description = "Fine-tune from these generator weights: a published g_XXXXXXXX file, a generator .safetensors or a stage-2 checkpoint.", HelpName = "path" };

    /// <summary>Every flag, for adding to a command.</summary>
    public IEnumerable<Option> All => [Epochs, LearningRate, BatchSize, MaxAudioSeconds, SegmentSize, Vocoder, Config, Checkpoint];

    /// <summary>Adds every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>The options these flags give (unset ones keep their defaults).</summary>
    public VocoderTrainingOptions Read(ParseResult parse)
    {
        var defaults = new VocoderTrainingOptions();
        return defaults with
        {
            Vocoder = parse.GetValue(Vocoder) ?? defaults.Vocoder,
            Config = parse.GetValue(Config),
            PretrainedGenerator = parse.GetValue(Checkpoint),
            Epochs = parse.GetValue(Epochs),
            LearningRate = parse.GetValue(LearningRate) ?? defaults.LearningRate,
            BatchSize = parse.GetValue(BatchSize) ?? defaults.BatchSize,
            MaxAudioSeconds = parse.GetValue(MaxAudioSeconds) ?? defaults.MaxAudioSeconds,
            SegmentSize = parse.GetValue(SegmentSize) ?? defaults.SegmentSize,
        };
    }
}
