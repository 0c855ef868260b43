using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Text;
using MyXtts.Core.Training.Distributed;
using Serilog;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Batches;

/// <summary>Where the training and validation data come from.</summary>
/// <param name="TrainPath">Dataset folder (metadata.csv + wavs/) or metadata file.</param>
/// <param name="ValidationPath">Separate validation dataset, or null to split <c>data.val_split</c> off the training one.</param>
/// <param name="Tokenizer">The tokenizer to use (a resumed checkpoint's); null builds one from the training texts.</param>
/// <param name="PrefetchDevice">Device batches are copied to while the previous step runs (CUDA), or null.</param>
public sealed record TrainingDataRequest(string TrainPath, string? ValidationPath, TokenizerDefinition? Tokenizer, Device? PrefetchDevice)
{
    /// <summary>This process's share of each training epoch (data-parallel ranks); validation is never sharded.</summary>
    public BatchShard Shard { get; init; } = BatchShard.Single;

    /// <summary>
    /// The pretrained speaker inputs of a split's references, built once per split from the prepared split and the feature
    /// cache folder (null in runtime mode); null adds none.
    /// </summary>
    public Func<PreparedDataset, string?, IReferenceConditioning>? Conditioning { get; init; }
}

/// <summary>
/// The data side of a training run: the dataset pipeline's prepared splits (<see cref="DatasetPipeline"/>: index, split,
/// tokenize, cached features, skips counted) served as bucketed, prefetched batches.
/// </summary>
public sealed class TrainingData : IDisposable
{
    private readonly OpenedDatasets _opened;

    private TrainingData(OpenedDatasets opened, IBatchSource train, IBatchSource? validation)
        => (_opened, Train, Validation) = (opened, train, validation);

    public TokenizerDefinition Tokenizer => _opened.Tokenizer.Definition;
    public IBatchSource Train { get; }
    public IBatchSource? Validation { get; }
    /// <summary>The training and validation utterances (texts, speakers, audio paths), e.g. for synthesis evaluation.</summary>
    public (IReadOnlyList<DatasetItem> Train, IReadOnlyList<DatasetItem> Validation) Items => (_opened.Train.Items, _opened.Validation.Items);

    /// <summary>Builds both splits; throws <see cref="InvalidOperationException"/> when nothing usable remains.</summary>
    public static TrainingData Load(TrainingDataRequest request, MyXttsSettings settings, IProfiler profiler, ILogger log)
    {
        var data = settings.Data;
        var tokenizer = request.Tokenizer is null ? null : TokenizerBuilder.Restore(request.Tokenizer);
        var opened = DatasetPipeline.Open(settings, new DatasetPaths(request.TrainPath, request.ValidationPath), profiler, log, tokenizer);
        if (opened.Skips.Total > 0)
            log.Warning("Skipped {Count} utterances in all: {Reasons}. 'myxtts dataset check' lists them", opened.Skips.Total,
                string.Join(", ", opened.Skips.Counts.Select(kv => $"{kv.Key} {kv.Value}")));

        var mel = settings.Model.ToMelSettings();
        var padValue = (float)Math.Log(mel.LogClamp);
        var referenceFrames = (int)(data.ReferenceAudioLength * mel.SampleRate / mel.HopLength);
        var seed = (int)settings.Training.Seed;
        IBatchSource Source(PreparedDataset source, bool shuffle, BatchShard shard)
        {
            var sampler = new BucketBatchSampler(source.Frames, Math.Min(data.BatchSize, source.Count), seed, bucketBatches: shuffle ? 8 : 1);
            var speakers = Enumerable.Range(0, source.Count).Select(source.Speaker).ToArray();
            var collator = new BatchCollator(source, new ReferencePicker(speakers, seed), opened.Speakers, padValue, referenceFrames, seed,
                request.Conditioning?.Invoke(source, opened.Store.Cache?.Directory));
            var loader = new PrefetchingBatchLoader(collator, source, profiler, data.PrefetchBufferSize, data.NumWorkers, request.PrefetchDevice);
            return new LoaderBatchSource(sampler, loader, source.Count, shard);
        }
        return new TrainingData(opened, Source(opened.Train, shuffle: true, request.Shard),
            opened.Validation.Count > 0 ? Source(opened.Validation, shuffle: false, BatchShard.Single) : null);
    }

    public void Dispose() => _opened.Dispose();
}
