using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Profiling;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Data.Cache;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Text;
using NSubstitute;
using Serilog.Core;

namespace MyXtts.Core.Tests.Data.Preparation;

/// <summary>End to end: a multi-speaker dataset written by the test → index → tokens → features → batches.</summary>
public sealed class DatasetPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("myxtts-pipeline-").FullName;
    private string Data => Path.Combine(_root, "data");

    public DatasetPipelineTests()
    {
        Directory.CreateDirectory(Path.Combine(Data, "wavs"));
        var lines = new List<string> { "id|text|normalized_text" };
        for (var s = 0; s < 3; s++)
            for (var u = 0; u < 6; u++)
            {
                var id = $"p{s}_{u:000}_mic1";
                var seconds = 0.3 + 0.1 * u;
                var rate = s == 2 ? 16000 : 22050;   // a speaker recorded at another rate gets resampled
                WavWriter.Write(Path.Combine(Data, "wavs", id + ".wav"), Signals.Harmonic(110 + 40 * s, 5, rate, (int)(rate * seconds)), rate);
                lines.Add($"{id}|Clip {u} of speaker {s}.|clip {u} of speaker {s}.");
            }
        lines.Add("p0_bad_mic1|broken file|broken file");
        File.WriteAllBytes(Path.Combine(Data, "wavs", "p0_bad_mic1.wav"), "RIFF\x10\0\0\0WAVEjunk"u8.ToArray());
        lines.Add("p1_gone_mic1|no file|no file");
        File.WriteAllText(Path.Combine(Data, "metadata.csv"), string.Join("\r\n", lines));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private MyXttsSettings Settings(string mode = "precompute") => new()
    {
        Model = new ModelSettings { TokenizerType = "characters" },
        Data = new DataSettings { CacheDir = Path.Combine(_root, "cache"), PreprocessingMode = mode, ValSplit = 0.2, TrimSilence = false, EnableLoudnessNormalization = false },
    };

    [Fact]
    public void A_generated_multi_speaker_dataset_loads_end_to_end_into_batches()
    {
        using var opened = DatasetPipeline.Open(Settings(), new DatasetPaths(Data), NullProfiler.Instance, Logger.None);

        Assert.Equal(["p0", "p1", "p2"], opened.Speakers);
        Assert.Equal(18, opened.Train.Count + opened.Validation.Count);
        Assert.Equal(1, opened.Skips.Counts[SkipReason.Unreadable]);
        Assert.Equal(1, opened.Skips.Counts[SkipReason.MissingFile]);
        Assert.Equal(TokenizerKinds.Characters, opened.Tokenizer.Definition.Kind);
        var p2 = Enumerable.Range(0, opened.Train.Count).First(i => opened.Train.Speaker(i) == "p2");
        Assert.InRange(opened.Train.Samples[p2], 22050 * 0.29, 22050 * 0.81);   // 16 kHz clip resampled to 22.05 kHz

        var sampler = new BucketBatchSampler(opened.Train.Frames, batchSize: 4, seed: 1);
        var collator = new BatchCollator(opened.Train, new ReferencePicker(Enumerable.Range(0, opened.Train.Count).Select(opened.Train.Speaker).ToList(), 1),
            opened.Speakers, melPadValue: MathF.Log(1e-5f), maxReferenceFrames: 40, seed: 1);
        foreach (var indices in sampler.Plan(0))
        {
            using var batch = collator.Collate(indices, 0, 0);
            var b = batch.Batch;
            Assert.Equal(indices.Length, b.Ids.Count);
            Assert.Equal(80, b.Mel.shape[1]);
            Assert.Equal(b.Mel.shape[2], b.MelLengths.max().item<long>());
            Assert.Equal(b.Tokens.shape[1], b.TokenLengths.max().item<long>());
            Assert.True(b.ReferenceMel.shape[2] <= 40);
            Assert.Equal(indices.Select(i => (long)opened.Speakers.ToList().IndexOf(opened.Train.Speaker(i))), b.SpeakerIds.data<long>().ToArray());
        }
    }

    [Fact]
    public void Batches_carry_each_clips_f0_frame_by_frame_and_the_cache_key_names_the_tracker()
    {
        using var opened = DatasetPipeline.Open(Settings(), new DatasetPaths(Data), NullProfiler.Instance, Logger.None);
        Assert.True(opened.Store.Extractor.TracksPitch);
        var collator = new BatchCollator(opened.Train, new ReferencePicker(Enumerable.Range(0, opened.Train.Count).Select(opened.Train.Speaker).ToList(), 1),
            opened.Speakers, melPadValue: MathF.Log(1e-5f), maxReferenceFrames: 40, seed: 1);
        using var batch = collator.Collate(Enumerable.Range(0, opened.Train.Count).ToArray(), 0, 0);
        var pitch = batch.Batch.Extra[BatchExtraKeys.Pitch];
        Assert.Equal(batch.Batch.Mel.shape[0], pitch.shape[0]);
        Assert.Equal(batch.Batch.Mel.shape[2], pitch.shape[1]);
        for (var r = 0; r < opened.Train.Count; r++)
        {
            var row = pitch[r].data<float>().ToArray();
            var voiced = row.Take((int)batch.Batch.MelLengths[r].item<long>()).Where(f => f > 0).Order().ToArray();
            var expected = 110 + 40 * int.Parse(opened.Train.Speaker(r)[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(voiced.Length > 0, $"row {r} has no voiced frame");
            Assert.InRange(voiced[voiced.Length / 2], expected * 0.97, expected * 1.03);   // the harmonic's F0, from YIN
            Assert.All(row.Skip((int)batch.Batch.MelLengths[r].item<long>()), f => Assert.Equal(0f, f));
        }

        var mel = Settings().Model.ToMelSettings();
        using var melOnly = new FeatureExtractor(DatasetPipeline.AudioOptions(Settings().Data, mel.SampleRate), mel, NullProfiler.Instance);
        Assert.NotEqual(melOnly.FrontEndKey, opened.Store.Extractor.FrontEndKey);   // a cache written without the track is stale
        Assert.Contains("\"Pitch\":{", opened.Store.Extractor.FrontEndKey);
    }

    [Fact]
    public void Reopening_reads_every_clip_from_the_cache()
    {
        using (DatasetPipeline.Open(Settings(), new DatasetPaths(Data), NullProfiler.Instance, Logger.None)) { }
        var profiler = Substitute.For<IProfiler>();
        using var opened = DatasetPipeline.Open(Settings(), new DatasetPaths(Data), profiler, Logger.None);
        profiler.Received(18).RecordCacheHit(FeatureCache.ProfilerName);
        profiler.Received(1).RecordCacheMiss(FeatureCache.ProfilerName);   // only the undecodable clip, which is retried each run
        profiler.Received(19).RecordCacheHit(TokenCache.ProfilerName);    // tokens come first, so the undecodable clip has them too
        profiler.Received().ProfileOperation("tokenize");
    }

    [Fact]
    public void Runtime_mode_writes_no_cache()
    {
        using var opened = DatasetPipeline.Open(Settings("runtime"), new DatasetPaths(Data), NullProfiler.Instance, Logger.None);
        Assert.False(Directory.Exists(Path.Combine(_root, "cache")) && Directory.EnumerateFiles(Path.Combine(_root, "cache"), "*", SearchOption.AllDirectories).Any());
        Assert.Equal(18, opened.Train.Count + opened.Validation.Count);
    }

    [Fact]
    public void Length_limits_skip_and_count_long_clips()
    {
        var settings = Settings() with { Data = Settings().Data with { MaxAudioLength = 0.55 } };
        using var opened = DatasetPipeline.Open(settings, new DatasetPaths(Data), NullProfiler.Instance, Logger.None);
        Assert.Equal(9, opened.Skips.Counts[SkipReason.TooLong]);   // 0.6, 0.7 and 0.8 s clips of each speaker
        Assert.Contains("max_audio_length", opened.Skips.Examples(SkipReason.TooLong)[0]);
    }
}
