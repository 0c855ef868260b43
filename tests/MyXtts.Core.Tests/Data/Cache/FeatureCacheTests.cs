using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Cache;
using NSubstitute;

namespace MyXtts.Core.Tests.Data.Cache;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("myxtts-cache-").FullName;
    private readonly IProfiler _profiler = Substitute.For<IProfiler>();
    private readonly DatasetItem _item;
    private int _computed;

    public FeatureCacheTests()
    {
        var wav = Path.Combine(_dir, "a.wav");
        File.WriteAllBytes(wav, [1, 2, 3, 4]);
        _item = new DatasetItem("spk/01:a", "t", "t", "spk", wav, "m:1");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FeatureSet Compute(DatasetItem _)
    {
        _computed++;
        return new FeatureSet
        {
            Samples = 512,
            Arrays = new Dictionary<string, (int[], float[])> { [FeatureSet.Mel] = ([2, 3], [1, 2, 3, 4, 5, 6]), ["pitch"] = ([3], [100, 0, 110]) },
        };
    }

    private FeatureCache Cache(string key = "mel:v1") => new(Path.Combine(_dir, "cache"), key, _profiler);

    [Fact]
    public void A_second_lookup_is_a_hit_with_identical_features()
    {
        var first = Cache().GetOrCompute(_item, Compute);
        var second = Cache().GetOrCompute(_item, Compute);
        Assert.Equal(1, _computed);
        Assert.Equal(first.Arrays[FeatureSet.Mel].Data, second.Arrays[FeatureSet.Mel].Data);
        Assert.Equal([3], second.Arrays["pitch"].Shape);
        Assert.Equal(512, second.Samples);
        Assert.Equal(3, second.Frames);
        _profiler.Received(1).RecordCacheMiss(FeatureCache.ProfilerName);
        _profiler.Received(1).RecordCacheHit(FeatureCache.ProfilerName);
    }

    [Fact]
    public void Changed_front_end_parameters_make_the_entry_stale_and_it_is_rebuilt()
    {
        Cache("mel:v1").GetOrCompute(_item, Compute);
        Cache("mel:v2").GetOrCompute(_item, Compute);
        Assert.Equal(2, _computed);
        _profiler.Received(2).RecordCacheMiss(FeatureCache.ProfilerName);
    }

    [Fact]
    public void A_changed_source_file_makes_the_entry_stale()
    {
        Cache().GetOrCompute(_item, Compute);
        File.WriteAllBytes(_item.AudioPath, [9, 9, 9, 9, 9]);
        Cache().GetOrCompute(_item, Compute);
        Assert.Equal(2, _computed);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void A_truncated_or_corrupted_entry_is_reported_as_an_error_and_rebuilt(int keepBytes)
    {
        var cache = Cache();
        cache.GetOrCompute(_item, Compute);
        var path = cache.PathFor(_item.Id);
        var bytes = File.ReadAllBytes(path);
        if (keepBytes < bytes.Length - 1) File.WriteAllBytes(path, bytes[..keepBytes]);
        cache.GetOrCompute(_item, Compute);
        Assert.Equal(2, _computed);
        _profiler.Received(1).RecordCacheError(FeatureCache.ProfilerName, Arg.Is<Exception>(e => e.Message.Contains(path)));
        Cache().GetOrCompute(_item, Compute);
        Assert.Equal(2, _computed);
    }

    [Fact]
    public void A_flipped_payload_byte_fails_the_checksum()
    {
        var cache = Cache();
        cache.GetOrCompute(_item, Compute);
        var path = cache.PathFor(_item.Id);
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        cache.GetOrCompute(_item, Compute);
        _profiler.Received(1).RecordCacheError(FeatureCache.ProfilerName, Arg.Is<Exception>(e => e.Message.Contains("checksum")));
    }

    [Fact]
    public void Ids_with_path_characters_map_to_a_file_inside_the_cache()
    {
        var path = Cache().PathFor("../../etc/passwd");
        Assert.StartsWith(Path.Combine(_dir, "cache"), Path.GetFullPath(path));
        Assert.DoesNotContain("/etc/", path[Path.Combine(_dir, "cache").Length..]);
    }
}
