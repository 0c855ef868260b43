using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MyXtts.Abstractions.Configuration;

/// <summary>Dataset, splits, batching and audio handling (<c>data.*</c>), after the original's <c>DataConfig</c>.</summary>
public sealed record DataSettings
{
    /// <summary>Root folder of the dataset (LJSpeech layout: <c>metadata.csv</c> + <c>wavs/</c>).</summary>
    [ConfigurationKeyName("dataset_path")]
    public string DatasetPath { get; init; } = "";

    /// <summary>Dataset format name.</summary>
    [ConfigurationKeyName("dataset_name")]
    public string DatasetName { get; init; } = "ljspeech";

    /// <summary>Training metadata file; overrides the split of <c>metadata.csv</c> when set.</summary>
    [ConfigurationKeyName("metadata_train_file")]
    public string? MetadataTrainFile { get; init; }

    /// <summary>Evaluation metadata file; used with <see cref="MetadataTrainFile"/>.</summary>
    [ConfigurationKeyName("metadata_eval_file")]
    public string? MetadataEvalFile { get; init; }

    /// <summary>Folder of the training wavs when it is not <c>dataset_path/wavs</c>.</summary>
    [ConfigurationKeyName("wavs_train_dir")]
    public string? WavsTrainDir { get; init; }

    /// <summary>Folder of the evaluation wavs when it is not <c>dataset_path/wavs</c>.</summary>
    [ConfigurationKeyName("wavs_eval_dir")]
    public string? WavsEvalDir { get; init; }

    /// <summary>Cut leading and trailing silence.</summary>
    [ConfigurationKeyName("trim_silence")]
    public bool TrimSilence { get; init; } = true;

    /// <summary>Peak-normalise each clip.</summary>
    [ConfigurationKeyName("normalize_audio")]
    public bool NormalizeAudio { get; init; } = true;

    /// <summary>Normalise clips to <see cref="TargetLoudnessLufs"/>.</summary>
    [ConfigurationKeyName("enable_loudness_normalization")]
    public bool EnableLoudnessNormalization { get; init; } = true;

    /// <summary>Loudness target in LUFS.</summary>
    [ConfigurationKeyName("target_loudness_lufs"), Range(-70.0, 0.0)]
    public double TargetLoudnessLufs { get; init; } = -23.0;

    /// <summary>Text cleaners applied in order.</summary>
    [ConfigurationKeyName("text_cleaners")]
    public IReadOnlyList<string> TextCleaners { get; init; } = ["english_cleaners"];

    /// <summary>Default language code of the dataset.</summary>
    [ConfigurationKeyName("language")]
    public string Language { get; init; } = "en";

    /// <summary>
    /// Insert a blank token between symbols (VITS/Glow-TTS style). Off by default: the non-autoregressive model's alignment
    /// gives every token at least one decoder step, and at 2 frames per step blanks doubled the tokens to about one per
    /// step, so the search had almost no freedom (docs/quality.md, third run).
    /// </summary>
    [ConfigurationKeyName("add_blank")]
    public bool AddBlank { get; init; }

    /// <summary>
    /// Read speakers from the metadata's fourth column or the id (see <see cref="SpeakerIdPattern"/>); false treats the
    /// whole dataset as one speaker.
    /// </summary>
    [ConfigurationKeyName("enable_multispeaker")]
    public bool EnableMultispeaker { get; init; } = true;

    /// <summary>Regex whose first group is the speaker, matched against the id; null = <c>^([^_]+)_</c>, empty = single speaker.</summary>
    [ConfigurationKeyName("speaker_id_pattern")]
    public string? SpeakerIdPattern { get; init; }

    /// <summary>Most speakers supported.</summary>
    [ConfigurationKeyName("max_speakers"), Range(1, 1_000_000)]
    public int MaxSpeakers { get; init; } = 1000;

    /// <summary>Fraction of the items used for training.</summary>
    [ConfigurationKeyName("train_split"), Range(0.0, 1.0)]
    public double TrainSplit { get; init; } = 0.9;

    /// <summary>Fraction of the items used for validation.</summary>
    [ConfigurationKeyName("val_split"), Range(0.0, 1.0)]
    public double ValSplit { get; init; } = 0.1;

    /// <summary>Fraction of the training split actually used (quick experiments).</summary>
    [ConfigurationKeyName("train_subset_fraction"), Range(0.0, 1.0)]
    public double TrainSubsetFraction { get; init; } = 1.0;

    /// <summary>Fraction of the validation split actually used.</summary>
    [ConfigurationKeyName("eval_subset_fraction"), Range(0.0, 1.0)]
    public double EvalSubsetFraction { get; init; } = 1.0;

    /// <summary>Seed of the split and subset sampling.</summary>
    [ConfigurationKeyName("subset_seed")]
    public int SubsetSeed { get; init; } = 42;

    /// <summary>Items with more tokens are skipped.</summary>
    [ConfigurationKeyName("max_text_tokens"), Range(1, 100_000)]
    public int MaxTextTokens { get; init; } = 1024;

    /// <summary>Items with more mel frames are skipped.</summary>
    [ConfigurationKeyName("max_mel_frames"), Range(16, 100_000)]
    public int MaxMelFrames { get; init; } = 1024;

    /// <summary>Items per batch.</summary>
    [ConfigurationKeyName("batch_size"), Range(1, 4096)]
    public int BatchSize { get; init; } = 32;

    /// <summary>Loader worker threads (0 loads on the training thread).</summary>
    [ConfigurationKeyName("num_workers"), Range(0, 256)]
    public int NumWorkers { get; init; } = 2;

    /// <summary>Batches prepared ahead of the training step.</summary>
    [ConfigurationKeyName("prefetch_buffer_size"), Range(0, 1024)]
    public int PrefetchBufferSize { get; init; } = 4;

    /// <summary>
    /// Feature cache policy: <c>precompute</c> (features cached on disk under <c>data.cache_dir</c>, built before training
    /// and reused by later runs), <c>runtime</c> (computed in memory for each run, nothing written), <c>auto</c>
    /// (precompute when the cache folder is writable, else runtime).
    /// </summary>
    [ConfigurationKeyName("preprocessing_mode"), AllowedValues("auto", "precompute", "runtime")]
    public string PreprocessingMode { get; init; } = "auto";

    /// <summary>Feature cache root; empty = <c>$XDG_CACHE_HOME/myxtts</c> (else <c>~/.cache/myxtts</c>). One sub-folder per dataset.</summary>
    [ConfigurationKeyName("cache_dir")]
    public string CacheDir { get; init; } = "";

    /// <summary>Seconds of reference audio used for voice conditioning.</summary>
    [ConfigurationKeyName("reference_audio_length"), Range(0.5, 60.0)]
    public double ReferenceAudioLength { get; init; } = 3.0;

    /// <summary>Clips longer than this (seconds, after trimming) are skipped and counted in the dataset report.</summary>
    [ConfigurationKeyName("max_audio_length"), Range(0.5, 600.0)]
    public double MaxAudioLength { get; init; } = 11.0;

    /// <summary>Reduced-precision compute: <c>off</c>, <c>fp16</c> (CUDA, with a loss scaler) or <c>bf16</c>.
    /// Also set by <c>MYXTTS_ENABLE_MIXED_PRECISION</c>.</summary>
    [ConfigurationKeyName("mixed_precision")]
    public MixedPrecisionMode MixedPrecision { get; init; } = MixedPrecisionMode.Off;

    /// <summary>Speed-over-exactness backend settings (this stack has no XLA; see docs/configuration.md for exactly
    /// what it changes on CPU and CUDA). Also set by <c>MYXTTS_ENABLE_XLA</c>.</summary>
    [ConfigurationKeyName("enable_xla")]
    public bool EnableXla { get; init; }
}
