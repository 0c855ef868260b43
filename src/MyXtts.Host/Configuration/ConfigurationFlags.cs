using System.CommandLine;

namespace MyXtts.Host.Configuration;

/// <summary>
/// The configuration flags every command accepts. Adding a flag for a key is one line in <see cref="Table"/>;
/// any other key can be set with <c>--set section.key=value</c>, and loss weights with <c>--loss-weight NAME=VALUE</c>.
/// </summary>
public sealed class ConfigurationFlags
{
    public IReadOnlyList<ConfigFlag> Table { get; } =
    [
        ConfigFlag.Value("--device", "runtime.device", "Device: auto (CUDA when available, else CPU), cpu, cuda or cuda:N.", "auto|cpu|cuda|cuda:N"),
        ConfigFlag.Value("--threads", "runtime.threads", "Intra-op CPU threads; 0 keeps libtorch's default.", "n"),
        ConfigFlag.Value("--interop-threads", "runtime.interop_threads", "Inter-op CPU threads; 0 keeps libtorch's default.", "n"),
        ConfigFlag.Value("--mixed-precision", "data.mixed_precision", "Reduced-precision compute.", "off|fp16|bf16"),
        ConfigFlag.Switch("--enable-xla", "data.enable_xla", "true", "Speed-over-exactness backend settings (see docs/configuration.md)."),
        ConfigFlag.Switch("--disable-xla", "data.enable_xla", "false", "Strict float32 backend settings."),
        ConfigFlag.Switch("--eager-debug", "training.enable_eager_debug", "true", "Anomaly detection, synchronous CUDA, deterministic algorithms (slow)."),
        ConfigFlag.Value("--log-level", "runtime.log_level", "Lowest level logged.", "verbose|debug|information|warning|error|fatal"),
        ConfigFlag.Value("--log-format", "runtime.log_format", "Console log format.", "text|json"),
        ConfigFlag.Value("--output-dir", "runtime.output_dir", "Parent folder of run folders.", "dir"),
        ConfigFlag.Value("--run-name", "runtime.run_name", "Run folder name instead of <timestamp>-<command>.", "name"),
        ConfigFlag.Value("--seed", "training.seed", "Seed of torch's random generators.", "n"),
        ConfigFlag.Value("--epochs", "training.epochs", "Passes over the training data.", "n"),
        ConfigFlag.Value("--batch-size", "data.batch_size", "Utterances per micro-batch.", "n"),
        ConfigFlag.Value("--grad-accum", "training.gradient_accumulation_steps", "Micro-batches whose gradients are summed per optimizer step (effective batch = N x batch size).", "n"),
        ConfigFlag.Value("--lr", "training.learning_rate", "Peak learning rate.", "lr"),
        ConfigFlag.Value("--stage1-epochs", "training.epochs", "Stage-1 (acoustic model) epochs of --two-stage-training; the same key as --epochs.", "n"),
        ConfigFlag.Value("--stage1-lr", "training.learning_rate", "Stage-1 (acoustic model) peak learning rate of --two-stage-training; the same key as --lr.", "lr"),
        ConfigFlag.Value("--train-data", "data.dataset_path", "Training dataset folder (metadata.csv + wavs/).", "dir"),
        ConfigFlag.Value("--val-step", "training.val_step", "Optimizer steps between validations besides the one after every epoch; 0 validates after epochs only.", "n"),
        ConfigFlag.Value("--checkpoint-dir", "training.checkpoint_dir", "Checkpoint folder (relative to the run folder unless absolute).", "dir"),
        ConfigFlag.Value("--num-workers", "data.num_workers", "Threads loading features for each batch.", "n"),
        ConfigFlag.Value("--prefetch-buffer-size", "data.prefetch_buffer_size", "Batches prepared ahead of the training step.", "n"),
        ConfigFlag.Switch("--enable-gst", "model.use_gst", "true", "Global Style Tokens on (the default): style from the reference through learned tokens."),
        ConfigFlag.Switch("--disable-gst", "model.use_gst", "false", "No Global Style Tokens: the voice comes from the audio encoder alone."),
        ConfigFlag.Value("--decoder-strategy", "model.decoder_strategy", "Acoustic decoder.", "non_autoregressive|autoregressive"),
        ConfigFlag.Value("--speaker-encoder-type", "model.speaker_encoder_type", "Speaker encoder plugin: ecapa_tdnn, resemblyzer, coqui or a third-party one.", "name"),
        ConfigFlag.Value("--speaker-encoder-path", "model.speaker_encoder_path", "Speaker encoder weights (.pth/.pt/.ckpt or .safetensors); for train, also turns pretrained speaker conditioning on.", "file"),
        ConfigFlag.Switch("--use-pretrained-speaker-encoder", "model.use_pretrained_speaker_encoder", "true", "Condition the acoustic model on the pretrained speaker encoder's embedding of the reference too."),
        ConfigFlag.Switch("--disable-pretrained-speaker-encoder", "model.use_pretrained_speaker_encoder", "false", "No pretrained speaker conditioning, even when a --speaker-encoder-path is given."),
        ConfigFlag.Switch("--freeze-speaker-encoder", "model.freeze_speaker_encoder", "true", "Keep the pretrained speaker encoder fixed (the default): embeddings computed once and cached."),
        ConfigFlag.Switch("--unfreeze-speaker-encoder", "model.freeze_speaker_encoder", "false", "Fine-tune the pretrained speaker encoder with the model; its weights go into the checkpoints."),
        ConfigFlag.Value("--speaker-encoder-lr", "training.speaker_encoder_learning_rate", "Peak learning rate of a fine-tuned (unfrozen) speaker encoder.", "lr"),
        ConfigFlag.Value("--contrastive-loss-temperature", "plugins.speaker_contrastive_loss.temperature", "Temperature of the speaker contrastive loss (lower is sharper).", "t"),
        ConfigFlag.Value("--contrastive-loss-margin", "plugins.speaker_contrastive_loss.margin", "Additive margin on same-speaker similarities in the speaker contrastive loss, in [0, 2).", "m"),
    ];

    public Option<string> ModelSize { get; } = new("--model-size")
    {
        Description = "Preset layered under --config: tiny, small, normal or big (configs/<size>.json).",
        Recursive = true,
        HelpName = string.Join("|", Presets.Names),
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Set any key: --set training.learning_rate=3e-4 (repeatable; lists as a,b,c). Named flags win over --set.",
        Recursive = true,
        HelpName = "section.key=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> LossWeight { get; } = new("--loss-weight")
    {
        Description = "Weight of a loss term: --loss-weight mel_loss=35 (repeatable) [training.loss_weights.NAME].",
        Recursive = true,
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> Options => Table.Select(f => f.Option).Append(ModelSize).Append(Set).Append(LossWeight);

    public void AddTo(Command root)
    {
        foreach (var option in Options) root.Options.Add(option);
    }

    /// <summary>The flag layer of a parse: <c>--set</c> entries first, then table flags (which therefore win).</summary>
    public IReadOnlyList<ConfigEntry> EntriesIn(ParseResult parse)
    {
        var entries = new List<ConfigEntry>();
        foreach (var assignment in parse.GetValue(Set) ?? [])
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ConfigurationException($"--set '{assignment}' is not of the form section.key=value (e.g. --set training.learning_rate=3e-4).");
            var key = assignment[..eq].Trim();
            entries.Add(new(key.Replace('.', ':'), assignment[(eq + 1)..], new ConfigSource(ConfigSourceKind.Flag, $"--set {key}")));
        }
        foreach (var assignment in parse.GetValue(LossWeight) ?? [])
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ConfigurationException($"--loss-weight '{assignment}' is not of the form NAME=VALUE (e.g. --loss-weight mel_loss=35).");
            var name = assignment[..eq].Trim();
            entries.Add(new($"training:loss_weights:{name}", assignment[(eq + 1)..].Trim(), new ConfigSource(ConfigSourceKind.Flag, $"--loss-weight {name}")));
        }
        var given = new Dictionary<string, ConfigFlag>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in Table)
        {
            if (flag.ValueIn(parse) is not { } value) continue;
            if (given.TryGetValue(flag.Key, out var other) && entries.Last(e => e.Key == flag.Key).Value != value)
                throw new ConfigurationException($"{other.Option.Name} and {flag.Option.Name} both set {flag.Key.Replace(':', '.')} to different values; give only one.");
            given[flag.Key] = flag;
            entries.Add(new(flag.Key, value, new ConfigSource(ConfigSourceKind.Flag, flag.Option.Name)));
        }
        return entries;
    }
}
