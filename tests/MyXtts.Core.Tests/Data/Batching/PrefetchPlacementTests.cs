using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Data.Batching;
using NSubstitute;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Data.Batching;

/// <summary>
/// <c>--prefetch-to-gpu</c> / <c>--no-prefetch-to-gpu</c>. There is no GPU here: the decision is tested for CUDA devices
/// (a <see cref="Device"/> is only a descriptor), the CPU path end to end; the pinned copy itself needs a CUDA build.
/// </summary>
public class PrefetchPlacementTests
{
    private static readonly Device Cuda = new("cuda:1");

    [Theory]
    [InlineData(null, PrefetchMode.PinnedToGpu)]
    [InlineData(true, PrefetchMode.PinnedToGpu)]
    [InlineData(false, PrefetchMode.HostMemoryByRequest)]
    public void On_cuda_batches_are_prefetched_to_the_training_gpu_unless_switched_off(bool? requested, PrefetchMode expected)
    {
        var placement = PrefetchPlacement.Choose(Cuda, requested);

        Assert.Equal(expected, placement.Mode);
        Assert.Equal(expected == PrefetchMode.PinnedToGpu ? "cuda:1" : null, placement.Target?.ToString());
    }

    [Theory]
    [InlineData(null, PrefetchMode.HostMemory)]
    [InlineData(false, PrefetchMode.HostMemory)]
    [InlineData(true, PrefetchMode.HostMemoryGpuFlagIgnored)]
    public void On_cpu_batches_stay_in_host_memory_whatever_the_flags(bool? requested, PrefetchMode expected)
    {
        var placement = PrefetchPlacement.Choose(CPU, requested);

        Assert.Equal(expected, placement.Mode);
        Assert.Null(placement.Target);
    }

    [Fact]
    public void Prefetch_to_gpu_on_cpu_logs_one_line_saying_it_has_no_effect_and_plain_cpu_logs_nothing()
    {
        var log = Substitute.For<ILogger>();
        PrefetchPlacement.Choose(CPU, requested: null).Log(log, CPU);
        log.DidNotReceiveWithAnyArgs().Information(default(string)!, default(string));

        PrefetchPlacement.Choose(CPU, requested: true).Log(log, CPU);
        log.Received(1).Information(Arg.Is<string>(t => t.StartsWith("--prefetch-to-gpu has no effect on device {Device}")), "cpu");
    }

    [Fact]
    public async Task A_cpu_target_hands_over_the_collated_batches_unchanged()
    {
        string[] speakers = ["a", "b", "a", "b"];
        var source = new FakeUtterances([3, 4, 5, 6], [7, 8, 9, 10], speakers);
        PrefetchingBatchLoader Loader(Device? target) => new(new BatchCollator(source, new ReferencePicker(speakers, 3), ["a", "b"], -11.5f, 0, 3),
            source, NullProfiler.Instance, 2, 1, target);
        var plan = new[] { new[] { 0, 1 }, new[] { 2, 3 } };

        var plain = new List<LoadedBatch>();
        await foreach (var batch in Loader(null).ReadEpochAsync(plan, 0, 0)) plain.Add(batch);
        var i = 0;
        await foreach (var batch in Loader(CPU).ReadEpochAsync(plan, 0, 0))
            using (batch)
            using (plain[i])
            {
                Assert.Equal(DeviceType.CPU, batch.Batch.Mel.device_type);
                Assert.True(Training.TinyTraining.Same(batch.Batch.Mel, plain[i].Batch.Mel) && Training.TinyTraining.Same(batch.Batch.Tokens, plain[i].Batch.Tokens));
                i++;
            }
        Assert.Equal(2, i);
    }
}
