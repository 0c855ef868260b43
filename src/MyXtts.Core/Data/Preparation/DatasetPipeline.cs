using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Processing;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Text;
using Serilog;

namespace MyXtts.Core.Data.Preparation;

/// <summary>Where the training and (optional) validation data come from.</summary>
/// <param name="Train">Dataset folder or metadata file (<c>--train-data</c>, else <c>data.dataset_path</c>).</param>
/// <param name="Validation">Validation folder or metadata file (<c>--val-data</c>); null = split from training.</param>
public sealed record DatasetPaths(string Train, string? Validation = null);

/// <summary>Both splits, ready for batching, with everything that was skipped.</summary>
public sealed record OpenedDatasets(PreparedDataset Train, PreparedDataset Validation, TextTokenizer Tokenizer,
    IReadOnlyList<string> Speakers, SkipLog Skips, FeatureStore Store) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Store.Extractor.Dispose();
}

/// <summary>
/// data.* settings → prepared train/validation datasets: index, split, subset, speakers, tokenizer, features through the
/// cache. The one path used by <c>myxtts dataset check</c>, <c>dataset preprocess</c> and <c>train</c>.
/// </summary>
public static class DatasetPipeline
{
    /// <summary>The train source from <paramref name="paths"/> and the data settings' custom file keys.</summary>
    public static (DatasetSource Train, DatasetSource? Validation) Sources(DataSettings data, DatasetPaths paths) =>
        (DatasetSource.Resolve(paths.Train, data.MetadataTrainFile, data.WavsTrainDir),
         paths.Validation is { } v ? DatasetSource.Resolve(v, data.MetadataEvalFile, data.WavsEvalDir)
         : data.MetadataEvalFile is { } eval ? DatasetSource.Resolve(paths.Train, eval, data.WavsEvalDir ?? data.WavsTrainDir) : null);

    /// <summary>The audio pipeline data.* asks for, at the mel's sample rate.</summary>
    public static AudioLoadOptions AudioOptions(DataSettings data, int sampleRate) => new()
    {
        SampleRate = sampleRate,
        Trim = data.TrimSilence ? new TrimOptions() : null,
        TargetLufs = data.EnableLoudnessNormalization ? data.TargetLoudnessLufs : null,
        PeakCeiling = data.NormalizeAudio ? PeakProtection.DefaultCeiling : null,
    };

    /// <summary>Opens both splits. <paramref name="tokenizer"/> given (resume, fine-tuning) = keep that vocabulary.</summary>
    public static OpenedDatasets Open(MyXttsSettings settings, DatasetPaths paths, IProfiler profiler, ILogger log,
        TextTokenizer? tokenizer = null, IProgress<(string Split, int Done, int Total)>? progress = null)
    {
        var data = settings.Data;
        var skips = new SkipLog();
        skips.Skipped += (reason, message) => log.Debug("Skipped ({Reason}): {Message}", reason, message);
        var (trainSource, valSource) = Sources(data, paths);
        var speakers = new SpeakerResolver(data.EnableMultispeaker ? data.SpeakerIdPattern : "");
        var trainItems = DatasetIndexer.Index(trainSource, speakers, skips);
        IReadOnlyList<DatasetItem> valItems;
        if (valSource is null) (trainItems, valItems) = SplitTrain(trainItems, data);
        else valItems = DatasetIndexer.Index(valSource, speakers, skips);
        trainItems = DatasetSplitter.Subset(trainItems, data.TrainSubsetFraction, data.SubsetSeed);
        if (valItems.Count > 0) valItems = DatasetSplitter.Subset(valItems, data.EvalSubsetFraction, data.SubsetSeed);

        var speakerNames = trainItems.Concat(valItems).Select(i => i.Speaker).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (speakerNames.Count > data.MaxSpeakers)
            throw new InvalidOperationException($"The dataset has {speakerNames.Count} speakers, more than data.max_speakers={data.MaxSpeakers}. Raise the limit or check data.speaker_id_pattern.");

        tokenizer ??= TokenizerBuilder.Build(settings.Model, data, trainItems.Select(i => i.NormalizedText), log);
        tokenizer.Unknown.FirstSeen += (symbol, text) => log.Warning("Unknown symbol {Symbol} (U+{Code:X4}) dropped, first in \"{Text}\"; every occurrence is counted", symbol, char.ConvertToUtf32(symbol, 0), text);
        var store = OpenStore(settings, trainSource, log, profiler);
        var tokens = store.Cache is null ? null : new TokenCache(store.Cache.Directory, tokenizer.Definition, profiler);
        var limits = new DatasetLimits(data.MaxTextTokens, data.MaxMelFrames, data.MaxAudioLength);
        var workers = Math.Max(1, Environment.ProcessorCount);
        var train = PreparedDataset.Prepare(trainItems, tokenizer, tokens, store, limits, profiler, skips, workers,
            progress is null ? null : new InlineProgress<int>(d => progress.Report(("train", d, trainItems.Count))));
        var validation = PreparedDataset.Prepare(valItems, tokenizer, tokens, store, limits, profiler, skips, workers,
            progress is null ? null : new InlineProgress<int>(d => progress.Report(("validation", d, valItems.Count))));
        if (train.Count == 0)
            throw new InvalidOperationException($"No usable training clips in {trainSource.MetadataPath}: {skips.Total} skipped. Run 'myxtts dataset check' for the reasons.");
        return new OpenedDatasets(train, validation, tokenizer, speakerNames, skips, store);
    }

    private static (IReadOnlyList<DatasetItem>, IReadOnlyList<DatasetItem>) SplitTrain(IReadOnlyList<DatasetItem> items, DataSettings data)
    {
        var (train, validation) = DatasetSplitter.Split(items, data.ValSplit, data.SubsetSeed);
        var trainShare = data.ValSplit < 1 ? data.TrainSplit / (1 - data.ValSplit) : 1;
        if (trainShare < 1 - 1e-9 && train.Count > 0) train = DatasetSplitter.Subset(train, trainShare, data.SubsetSeed + 1);
        return (train, validation);
    }

    private static FeatureStore OpenStore(MyXttsSettings settings, DatasetSource source, ILogger log, IProfiler profiler)
    {
        var mel = settings.Model.ToMelSettings();
        // F0 is tracked for every training set (a few ms per clip), so switching model.use_pitch_predictor never rebuilds the cache.
        var extractor = new FeatureExtractor(AudioOptions(settings.Data, mel.SampleRate), mel, profiler, trackPitch: true);
        var directory = FeatureStore.DirectoryFor(source, settings.Data.CacheDir);
        var mode = settings.Data.PreprocessingMode;
        var useDisk = mode == "precompute" || (mode == "auto" && FeatureStore.IsWritable(directory));
        if (mode == "precompute" && !FeatureStore.IsWritable(directory))
            throw new InvalidOperationException($"data.preprocessing_mode=precompute but the cache folder '{directory}' is not writable. Set data.cache_dir or use runtime.");
        log.Information("Features: {Mode} ({Where})", useDisk ? "cached on disk" : "computed in memory", useDisk ? directory : "nothing written");
        return new FeatureStore(extractor, useDisk ? new FeatureCache(directory, extractor.FrontEndKey, profiler) : null);
    }
}
