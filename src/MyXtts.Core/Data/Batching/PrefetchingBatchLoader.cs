using System.Threading.Channels;
using MyXtts.Abstractions.Profiling;
using TorchSharp;

namespace MyXtts.Core.Data.Batching;

/// <summary>
/// Produces an epoch's batches on a background task, up to <c>bufferSize</c> ahead of the consumer, loading each batch's
/// features with <c>workers</c> threads. With <c>toDevice</c> set to a CUDA device the tensors are pinned and copied
/// without blocking, so the copy overlaps the previous step. Batches arrive in plan order starting at
/// <c>startPosition</c> (resume), so the consumer sees the same sequence as an uninterrupted run.
/// </summary>
public sealed class PrefetchingBatchLoader(BatchCollator collator, IUtteranceSource source, IOperationProfiler profiler,
    int bufferSize, int workers, torch.Device? toDevice = null)
{
    /// <summary>The batches of <paramref name="plan"/> from <paramref name="startPosition"/> on, prefetched.</summary>
    public async IAsyncEnumerable<LoadedBatch> ReadEpochAsync(IReadOnlyList<int[]> plan, int epoch, int startPosition,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        var channel = Channel.CreateBounded<LoadedBatch>(new BoundedChannelOptions(Math.Max(1, bufferSize)) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(() => Produce(channel.Writer, plan, epoch, startPosition, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancel)) yield return batch;
            await producer;   // surfaces a producer exception
        }
        finally
        {
            await stop.CancelAsync();
            try { await producer; } catch (OperationCanceledException) { }
            while (channel.Reader.TryRead(out var left)) left.Dispose();
        }
    }

    private async Task Produce(ChannelWriter<LoadedBatch> writer, IReadOnlyList<int[]> plan, int epoch, int start, CancellationToken cancel)
    {
        try
        {
            for (var position = start; position < plan.Count; position++)
            {
                cancel.ThrowIfCancellationRequested();
                var batch = Load(plan[position], epoch, position);
                try { await writer.WriteAsync(batch, cancel); }
                catch { batch.Dispose(); throw; }
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e is OperationCanceledException ? null : e);
        }
    }

    private LoadedBatch Load(int[] indices, int epoch, int position)
    {
        using var _ = profiler.ProfileOperation("load_batch");
        // Load features in parallel (cache reads, or extraction on a miss); the collator then only copies memory.
        var features = new Cache.FeatureSet[source.Count > 0 ? indices.Length : 0];
        Parallel.For(0, indices.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) },
            k => features[k] = source.Features(indices[k]));
        var lookup = indices.Select((item, k) => (item, k)).ToDictionary(p => p.item, p => features[p.k]);
        var loaded = collator.Collate(indices, epoch, position, i => lookup.TryGetValue(i, out var f) ? f : source.Features(i));
        return toDevice is null || toDevice.type == DeviceType.CPU ? loaded : MoveToDevice(loaded, toDevice);
    }

    private static LoadedBatch MoveToDevice(LoadedBatch batch, torch.Device device)
    {
        static torch.Tensor Move(torch.Tensor t, torch.Device d)
        {
            using var pinned = t.pin_memory();
            return pinned.to(d, non_blocking: true);
        }
        var b = batch.Batch;
        var moved = b with
        {
            Tokens = Move(b.Tokens, device), TokenLengths = Move(b.TokenLengths, device), Mel = Move(b.Mel, device),
            MelLengths = Move(b.MelLengths, device), SpeakerIds = Move(b.SpeakerIds, device),
            ReferenceMel = Move(b.ReferenceMel, device), ReferenceMelLengths = Move(b.ReferenceMelLengths, device),
            Extra = b.Extra.ToDictionary(kv => kv.Key, kv => Move(kv.Value, device)),
        };
        batch.Dispose();
        return new LoadedBatch(moved, batch.Epoch, batch.Position);
    }
}
