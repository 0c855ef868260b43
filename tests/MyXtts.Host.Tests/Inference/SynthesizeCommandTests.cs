using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Inference;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Plugins;
using MyXtts.Host.Tests.Training;

namespace MyXtts.Host.Tests.Inference;

/// <summary>Train a tiny model through the CLI once, then speak with it through <c>myxtts synthesize</c> and <see cref="SpeechSynthesizer"/>.</summary>
[Collection(TrainingCommandCollection.Name)]
public sealed class SynthesizeCommandTests : IClassFixture<SynthesizeCommandTests.TrainedModel>
{
    private readonly TrainedModel _trained;

    public SynthesizeCommandTests(TrainedModel trained) => _trained = trained;

    public sealed class TrainedModel : IDisposable
    {
        internal TempDirectory Directory { get; } = new();
        public string Data { get; }
        public string Checkpoint { get; }

        public TrainedModel()
        {
            Data = TinyDataset.Write(Directory.Combine("data"));
            var (exit, error) = Run(["train", "--train-data", Data, "--output-dir", Directory.Combine("runs"), "--run-name", "t", "--device", "cpu", "--threads", "1",
                "--batch-size", "4", .. TinyAcousticModel.Flags, "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime",
                "--set", "data.val_split=0", "--set", "data.train_split=1", "--max-steps", "3"]).GetAwaiter().GetResult();
            Assert.True(exit == 0, error);
            Checkpoint = new CheckpointStore(Directory.Combine("runs", "t", "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest().Manifest.Path!;
        }

        public string Clip(int i) => System.IO.Directory.GetFiles(Path.Combine(Data, "wavs")).Order().ElementAt(i);

        public void Dispose() => Directory.Dispose();
    }

    [Fact]
    public async Task Synthesize_writes_a_wav_in_the_model_sample_rate_for_one_sentence()
    {
        var output = _trained.Directory.Combine("one.wav");

        var (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "the birch canoe", "--reference", _trained.Clip(0),
            "--out", output, "--output-dir", _trained.Directory.Combine("runs"), "--device", "cpu", "--set", "plugins:griffin_lim:Iterations=4"]);

        Assert.True(exit == 0, error);
        var audio = WavReader.Read(output);
        Assert.Equal(22050, audio.SampleRate);
        Assert.True(audio.Frames > 256, $"only {audio.Frames} samples");
    }

    [Fact]
    public async Task A_text_file_gives_one_wav_per_non_empty_line_and_an_index()
    {
        var lines = _trained.Directory.Combine("lines.txt");
        File.WriteAllLines(lines, ["the birch canoe", "", "  smooth planks  "]);
        var folder = _trained.Directory.Combine("many");

        var (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text-file", lines, "--reference", _trained.Clip(1),
            "--out", folder, "--output-dir", _trained.Directory.Combine("runs"), "--device", "cpu", "--speed", "1.5"]);

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(folder, "0001.wav")) && File.Exists(Path.Combine(folder, "0002.wav")));
        Assert.False(File.Exists(Path.Combine(folder, "0003.wav")));
        var index = File.ReadAllLines(Path.Combine(folder, "index.tsv"));
        Assert.Equal(3, index.Length);
        Assert.StartsWith("0002.wav\tsmooth planks\t", index[2]);
    }

    [Fact]
    public async Task A_missing_checkpoint_or_wrong_style_weights_fail_with_messages_naming_them()
    {
        var (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Directory.Combine("nope.ckpt"), "--text", "hi", "--reference", _trained.Clip(0),
            "--out", _trained.Directory.Combine("x.wav"), "--output-dir", _trained.Directory.Combine("runs")]);
        Assert.Equal(2, exit);
        Assert.Contains("nope.ckpt' does not exist", error);

        (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "hi", "--reference", _trained.Clip(0),
            "--out", _trained.Directory.Combine("x.wav"), "--output-dir", _trained.Directory.Combine("runs"), "--style-weights", "1,0"]);
        Assert.Equal(2, exit);
        Assert.Contains("The model has 4 style tokens; 2 weights were given", error);

        (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "hi", "--reference", _trained.Clip(0), "--text-file", "f",
            "--out", _trained.Directory.Combine("x.wav")]);
        Assert.NotEqual(0, exit);
        Assert.Contains("exactly one of --text", error);
    }

    [Fact]
    public void The_in_process_synthesizer_is_deterministic_speeds_up_on_request_and_serves_threads_one_at_a_time()
    {
        using var tts = SpeechSynthesizer.Load(_trained.Checkpoint);
        var voice = tts.LoadReference(_trained.Clip(2));
        var text = "glue the sheet to the dark blue background";

        var first = tts.Synthesize(text, voice);
        var fast = tts.Synthesize(text, voice, new SynthesisOptions { Speed = 2.0 });
        var parallel = Enumerable.Range(0, 3).AsParallel().Select(_ => tts.Synthesize(text, voice)).ToArray();

        Assert.Equal(22050, first.SampleRate);
        Assert.True(fast.Frames < first.Frames, $"speed 2 gave {fast.Frames} frames, speed 1 gave {first.Frames}");
        Assert.All(parallel, r => Assert.Equal(first.Samples, r.Samples));
        Assert.Equal(first.Frames * 80, first.LogMel.Length);
        Assert.Equal(4, tts.StyleTokenCount);
        var styled = tts.Synthesize(text, voice, new SynthesisOptions { StyleWeights = [1, 0, 0, 0] });
        Assert.NotEqual(first.LogMel, styled.LogMel);
    }

    [Fact]
    public void A_reference_loaded_with_its_transcript_makes_its_own_sentence_last_as_long_as_the_clip()
    {
        using var tts = SpeechSynthesizer.Load(_trained.Checkpoint);
        var clip = _trained.Clip(2);                                      // "smooth planks", 0.45 s: shorter than a reference crop
        const string transcript = "smooth planks";
        var plain = tts.LoadReference(clip);
        var timed = tts.LoadReference(clip, transcript);
        var ownPace = tts.Synthesize(transcript, plain).Frames;

        Assert.Equal(1.0, plain.SpeakingRate);
        Assert.Equal(transcript, timed.Transcript);
        Assert.Equal(Math.Clamp((double)ownPace / plain.Frames, SpeechSynthesizer.MinSpeakingRate, SpeechSynthesizer.MaxSpeakingRate), timed.SpeakingRate, 6);
        if (timed.SpeakingRate is > SpeechSynthesizer.MinSpeakingRate and < SpeechSynthesizer.MaxSpeakingRate)
        {
            var cloned = tts.Synthesize(transcript, timed).Frames;
            Assert.True(Math.Abs(cloned - plain.Frames) <= 0.15 * plain.Frames + 2, $"the clip has {plain.Frames} frames, its sentence in its cloned pace {cloned} (own pace {ownPace})");
        }
        var other = "glue the sheet to the dark blue background";
        var expected = tts.Synthesize(other, plain, new SynthesisOptions { Speed = timed.SpeakingRate }).Frames;
        Assert.Equal(expected, tts.Synthesize(other, timed).Frames);
    }

    [Fact]
    public void Rate_clips_give_the_geometric_mean_of_each_clips_own_rate_and_leave_the_voice_to_the_reference()
    {
        using var tts = SpeechSynthesizer.Load(_trained.Checkpoint);
        var (reference, others) = (_trained.Clip(1), new[] { new TranscribedClip(_trained.Clip(2), "to the dark"), new TranscribedClip(_trained.Clip(3), "the birch canoe") });
        var single = new[] { tts.LoadReference(reference, "smooth planks"), tts.LoadReference(others[0].Path, others[0].Transcript), tts.LoadReference(others[1].Path, others[1].Transcript) };

        var pooled = tts.LoadReference(reference, "smooth planks", others);
        var clipsOnly = tts.LoadReference(reference, null, others);

        var expected = Math.Exp(single.Average(v => Math.Log(v.SpeakingRate)));
        Assert.Equal(Math.Clamp(expected, SpeechSynthesizer.MinSpeakingRate, SpeechSynthesizer.MaxSpeakingRate), pooled.SpeakingRate, 9);
        Assert.Equal(3, pooled.SpeakingRateClips);
        Assert.Equal(1, single[0].SpeakingRateClips);
        Assert.Equal(single[0].LogMel, pooled.LogMel);                     // the voice itself is the reference's alone
        Assert.Equal(Math.Sqrt(single[1].SpeakingRate * single[2].SpeakingRate), clipsOnly.SpeakingRate, 9);
        Assert.Null(clipsOnly.Transcript);
        Assert.Equal(0, tts.LoadReference(reference, null, []).SpeakingRateClips);
        Assert.Throws<ArgumentException>(() => tts.LoadReference(reference, null, [new TranscribedClip(_trained.Clip(2), " ")]));
    }

    [Fact]
    public async Task Synthesize_reads_rate_clips_from_a_list_and_names_the_line_of_a_bad_entry()
    {
        var output = _trained.Directory.Combine("pooled.wav");
        var list = _trained.Directory.Combine("rate-clips.txt");
        File.Copy(_trained.Clip(3), _trained.Directory.Combine("near.wav"), overwrite: true);
        File.WriteAllLines(list, ["# clips of the same speaker", $"{_trained.Clip(2)}|to the dark", "", "near.wav | the birch canoe"]);

        var (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "the birch canoe", "--reference", _trained.Clip(1),
            "--reference-text", "smooth planks", "--rate-clips", list, "--out", output, "--output-dir", _trained.Directory.Combine("runs"), "--device", "cpu",
            "--set", "plugins:griffin_lim:Iterations=4"]);
        Assert.True(exit == 0, error);
        Assert.Contains("Reference speaking rate from 3 transcribed clip(s)", error);

        File.WriteAllLines(list, [$"{_trained.Clip(2)}|to the dark", "missing.wav|smooth planks"]);
        (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "hi", "--reference", _trained.Clip(1),
            "--rate-clips", list, "--out", output, "--output-dir", _trained.Directory.Combine("runs"), "--device", "cpu"]);
        Assert.NotEqual(0, exit);
        Assert.Contains(list + ":2", error);
        Assert.Contains("missing.wav", error);
    }

    [Fact]
    public async Task Synthesize_takes_the_reference_transcript_and_reports_the_speaking_rate()
    {
        var output = _trained.Directory.Combine("timed.wav");

        var (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "the birch canoe", "--reference", _trained.Clip(2),
            "--reference-text", "smooth planks", "--out", output, "--output-dir", _trained.Directory.Combine("runs"), "--device", "cpu", "--set", "plugins:griffin_lim:Iterations=4"]);
        Assert.True(exit == 0, error);
        Assert.Contains("Reference speaking rate from 1 transcribed clip(s)", error);

        (exit, error) = await Run(["synthesize", "--checkpoint", _trained.Checkpoint, "--text", "hi", "--reference", _trained.Clip(2),
            "--reference-text", " ", "--out", output]);
        Assert.NotEqual(0, exit);
        Assert.Contains("--reference-text is empty", error);
    }

    [Fact]
    public async Task An_autoregressive_model_trains_and_speaks_through_the_same_commands()
    {
        var runs = _trained.Directory.Combine("ar-runs");
        var (exit, error) = await Run(["train", "--train-data", _trained.Data, "--output-dir", runs, "--run-name", "ar", "--device", "cpu", "--threads", "1",
            "--batch-size", "4", .. TinyAcousticModel.Flags, "--set", "model.tokenizer_type=characters", "--set", "data.preprocessing_mode=runtime",
            "--set", "data.val_split=0", "--set", "data.train_split=1", "--max-steps", "2", "--decoder-strategy", "autoregressive", "--set", "model.max_frames_per_token=3"]);
        Assert.True(exit == 0, error);
        Assert.Contains("stop_loss=", File.ReadAllText(Path.Combine(runs, "ar", "log.txt")));
        var checkpoint = new CheckpointStore(Path.Combine(runs, "ar", "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest().Manifest.Path!;

        (exit, error) = await Run(["synthesize", "--checkpoint", checkpoint, "--text", "the birch canoe", "--reference", _trained.Clip(0),
            "--out", _trained.Directory.Combine("ar.wav"), "--output-dir", runs, "--device", "cpu", "--set", "plugins:griffin_lim:Iterations=4"]);

        Assert.True(exit == 0, error);
        Assert.True(WavReader.Read(_trained.Directory.Combine("ar.wav")).Frames > 256);
    }

    private static async Task<(int Exit, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(output, error, new Dictionary<string, string?>()));
        return (exit, error.ToString() + output);
    }
}
