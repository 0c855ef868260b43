using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Audio;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Data.Features;
using MyXtts.Core.Text;
using Serilog;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Batches;

/// <summary>Where the training and validation data come from and where derived files go.</summary>
/// <param name="TrainPath">Dataset folder (metadata.csv + wavs/) or metadata file.</param>
/// <param name="ValidationPath">Separate validation dataset, or null to split <c>data.val_split</c> off the training one.</param>
/// <param name="CacheDirectory">Feature cache folder (shared between runs).</param>
/// <param name="Tokenizer">The tokenizer to use (a resumed checkpoint's); null builds a character vocabulary from the training texts.</param>
/// <param name="PrefetchDevice">Device batches are copied to while the previous step runs (CUDA), or null.</param>
public sealed record TrainingDataRequest(string TrainPath, string? ValidationPath, string CacheDirectory, TokenizerDefinition? Tokenizer, Device? PrefetchDevice);

/// <summary>
/// The data side of a training run: index the dataset(s), split, tokenize, compute (or read cached) log-mels, drop what
/// cannot be used (each skip counted and logged once per reason), and serve bucketed, prefetched batches.
/// </summary>
public sealed class TrainingData : IDisposable
{
    private readonly MelFeatureExtractor _extractor;

    private TrainingData(MelFeatureExtractor extractor, TokenizerDefinition tokenizer, IBatchSource train, IBatchSource? validation)
        => (_extractor, Tokenizer, Train, Validation) = (extractor, tokenizer, train, validation);

    public TokenizerDefinition Tokenizer { get; }
    public IBatchSource Train { get; }
    public IBatchSource? Validation { get; }

    /// <summary>Builds both splits; throws <see cref="InvalidDataException"/> when nothing usable remains.</summary>
    public static TrainingData Load(TrainingDataRequest request, MyXttsSettings settings, IProfiler profiler, ILogger log)
    {
        var data = settings.Data;
        var skips = new SkipLog();
        skips.Skipped += (reason, message) => { if (skips.Counts[reason] <= 3) log.Warning("Skipped ({Reason}): {Message}", reason, message); };
        var speakers = new SpeakerResolver(data.EnableMultispeaker ? data.SpeakerIdPattern : "");
        var all = DatasetIndexer.Index(DatasetSource.Resolve(request.TrainPath, data.MetadataTrainFile, data.WavsTrainDir), speakers, skips);
        var (train, validation) = request.ValidationPath is null
            ? DatasetSplitter.Split(all, data.ValSplit, data.SubsetSeed)
            : (all, DatasetIndexer.Index(DatasetSource.Resolve(request.ValidationPath, data.MetadataEvalFile, data.WavsEvalDir), speakers, skips));
        train = DatasetSplitter.Subset(train, data.TrainSubsetFraction, data.SubsetSeed);
        validation = validation.Count == 0 ? validation : DatasetSplitter.Subset(validation, data.EvalSubsetFraction, data.SubsetSeed);

        var definition = request.Tokenizer ?? CharacterTokenizer(train, data);
        var tokenizer = new TextTokenizer(definition);
        var mel = settings.Model.ToMelSettings();
        var extractor = new MelFeatureExtractor(AudioOptions(settings), mel);
        var cache = new FeatureCache(request.CacheDirectory, extractor.FrontEndKey, profiler);
        var trainSource = Usable(train, tokenizer, cache, extractor, data, mel.HopLength, skips, "training");
        if (trainSource.Count == 0)
            throw new InvalidDataException($"No usable training utterances in '{request.TrainPath}' ({skips.Total} skipped: {Describe(skips)}). Check the metadata file and the wavs folder.");
        var validationSource = validation.Count == 0 ? null : Usable(validation, tokenizer, cache, extractor, data, mel.HopLength, skips, "validation");
        if (skips.Total > 0) log.Warning("Skipped {Count} utterances in all: {Reasons}", skips.Total, Describe(skips));

        var padValue = (float)Math.Log(mel.LogClamp);
        var referenceFrames = (int)(data.ReferenceAudioLength * mel.SampleRate / mel.HopLength);
        var speakerNames = all.Concat(validation).Select(i => i.Speaker).Distinct().Order(StringComparer.Ordinal).ToArray();
        IBatchSource Source(DatasetUtterances source, bool shuffle)
        {
            var frames = Enumerable.Range(0, source.Count).Select(i => source.Features(i).Frames).ToArray();
            var sampler = new BucketBatchSampler(frames, Math.Min(data.BatchSize, source.Count), (int)settings.Training.Seed, bucketBatches: shuffle ? 8 : 1);
            var collator = new BatchCollator(source, new ReferencePicker(source.Items.Select(i => i.Speaker).ToArray(), (int)settings.Training.Seed), speakerNames, padValue, referenceFrames, (int)settings.Training.Seed);
            var loader = new PrefetchingBatchLoader(collator, source, profiler, data.PrefetchBufferSize, data.NumWorkers, request.PrefetchDevice);
            return new LoaderBatchSource(sampler, loader, source.Count);
        }
        return new TrainingData(extractor, definition, Source(trainSource, shuffle: true), validationSource is { Count: > 0 } v ? Source(v, shuffle: false) : null);
    }

    /// <summary>Tokenizes and extracts (or reads) features of every item, keeping those within the length limits.</summary>
    private static DatasetUtterances Usable(IReadOnlyList<DatasetItem> items, TextTokenizer tokenizer, FeatureCache cache, MelFeatureExtractor extractor,
        DataSettings data, int hop, SkipLog skips, string split)
    {
        var kept = new List<DatasetItem>();
        var tokens = new List<int[]>();
        var maxFrames = Math.Min(data.MaxMelFrames, (int)(data.MaxAudioLength * extractor.SampleRate / hop));
        foreach (var item in items)
        {
            var ids = tokenizer.Encode(item.NormalizedText);
            if (ids.Length <= (tokenizer.Definition.AddBosEos ? 2 : 0)) { skips.Add(SkipReason.UnknownSymbols, $"{item.Source}: no known symbol in '{item.NormalizedText}'"); continue; }
            if (ids.Length > data.MaxTextTokens) { skips.Add(SkipReason.TextTooLong, $"{item.Source}: {ids.Length} tokens > data.max_text_tokens {data.MaxTextTokens}"); continue; }
            FeatureSet features;
            try { features = cache.GetOrCompute(item, extractor.Extract); }
            catch (AudioFormatException e) { skips.Add(SkipReason.Unreadable, $"{item.Source}: {e.Message}"); continue; }
            if (features.Frames < 2) { skips.Add(SkipReason.EmptyAudio, $"{item.Source}: '{item.AudioPath}' is silence only"); continue; }
            if (features.Frames > maxFrames) { skips.Add(SkipReason.TooLong, $"{item.Source}: {features.Frames} frames > {maxFrames} (data.max_mel_frames / data.max_audio_length) in the {split} split"); continue; }
            kept.Add(item);
            tokens.Add(ids);
        }
        return new DatasetUtterances(kept, tokens, cache, extractor);
    }

    private static TokenizerDefinition CharacterTokenizer(IReadOnlyList<DatasetItem> train, DataSettings data)
    {
        var cleaned = train.Select(i => TextCleaners.Clean(i.NormalizedText, data.TextCleaners));
        return new TokenizerDefinition
        {
            Kind = TokenizerKinds.Characters, Language = data.Language, Cleaners = data.TextCleaners, AddBlank = data.AddBlank,
            Symbols = Vocabulary.Build(cleaned, Vocabulary.BaseLetters + Vocabulary.BasePunctuation),
        };
    }

    private static AudioLoadOptions AudioOptions(MyXttsSettings settings) => new()
    {
        SampleRate = settings.Model.SampleRate,
        Trim = settings.Data.TrimSilence ? new() : null,
        TargetLufs = settings.Data.EnableLoudnessNormalization ? settings.Data.TargetLoudnessLufs : null,
    };

    private static string Describe(SkipLog skips) => string.Join(", ", skips.Counts.Select(kv => $"{kv.Key} {kv.Value}"));

    public void Dispose() => _extractor.Dispose();
}
