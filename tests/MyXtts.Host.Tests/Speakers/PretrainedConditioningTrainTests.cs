using MyXtts.Checkpoints.Safetensors;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.IO;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Host.Cli;
using MyXtts.Host.Tests.Evaluation;
using MyXtts.Host.Tests.Plugins;
using MyXtts.Host.Tests.Training;

namespace MyXtts.Host.Tests.Speakers;

/// <summary>
/// <c>myxtts train</c>'s pretrained speaker encoder flags in real (tiny) runs with a random-weight Resemblyzer checkpoint,
/// and <c>myxtts synthesize</c> with what they trained.
/// </summary>
[Collection(TrainingCommandCollection.Name)]
public sealed class PretrainedConditioningTrainTests : IClassFixture<PretrainedConditioningTrainTests.Corpus>
{
    /// <summary>One dataset and one encoder checkpoint for every test of the class.</summary>
    public sealed class Corpus : IDisposable
    {
        internal TempDirectory Directory { get; } = new();
        public string Data { get; }
        public string Weights { get; }

        public Corpus()
        {
            Data = TinyDataset.Write(Directory.Combine("data"), clips: 6);
            Weights = TinyResemblyzerCheckpoint.Write(Directory.Combine("voice_encoder.safetensors"));
        }

        public string Clip(int i) => System.IO.Directory.GetFiles(Path.Combine(Data, "wavs")).Order().ElementAt(i);

        public void Dispose() => Directory.Dispose();
    }

    private readonly Corpus _corpus;

    public PretrainedConditioningTrainTests(Corpus corpus) => _corpus = corpus;

    private string[] Train(string run, params string[] extra) =>
    [
        "train", "--train-data", _corpus.Data, "--output-dir", _corpus.Directory.Combine("runs"), "--run-name", run, "--device", "cpu", "--threads", "1",
        "--batch-size", "3", .. TinyAcousticModel.Flags, "--set", "model.tokenizer_type=characters", "--set", "data.val_split=0", "--set", "data.train_split=1",
        "--set", "data.num_workers=1", "--set", "training.validation_samples=0", "--set", $"data.cache_dir={_corpus.Directory.Combine("cache")}",
        "--max-steps", "2", .. extra,
    ];

    private TrainingCheckpoint Latest(string run) =>
        new CheckpointStore(_corpus.Directory.Combine("runs", run, "checkpoints"), 3, Serilog.Core.Logger.None).ReadLatest();

    private string Log(string run) => File.ReadAllText(_corpus.Directory.Combine("runs", run, "log.txt"));

    private string[] Synthesize(string checkpoint, string output, params string[] extra) =>
    [
        "synthesize", "--checkpoint", checkpoint, "--text", "the birch canoe", "--reference", _corpus.Clip(1), "--out", output,
        "--output-dir", _corpus.Directory.Combine("runs"), "--device", "cpu", "--set", "plugins:griffin_lim:Iterations=2", .. extra,
    ];

    private string[] Evaluate(string checkpoint, string output) =>
    [
        "evaluate", "--checkpoint", checkpoint, "--data", _corpus.Data, "--max-utterances", "2", "--out", _corpus.Directory.Combine(output), "--showcase", "0",
        "--output-dir", _corpus.Directory.Combine("runs"), "--device", "cpu", "--threads", "1", "--set", "plugins:griffin_lim:Iterations=2",
        .. FakePocketSphinx.Install(_corpus.Directory.Combine("asr")),
    ];

    [Fact]
    public async Task A_path_alone_turns_frozen_conditioning_on_records_the_encoder_and_synthesis_and_evaluation_need_its_file()
    {
        var hash = FileHash.Sha256(_corpus.Weights);

        var (exit, error) = await Run(Train("frozen", "--speaker-encoder-type", "resemblyzer", "--speaker-encoder-path", _corpus.Weights));

        Assert.True(exit == 0, error);
        Assert.Contains("Pretrained speaker conditioning is on because model.speaker_encoder_path", Log("frozen"));
        var checkpoint = Latest("frozen");
        var record = checkpoint.Manifest.SpeakerEncoder!;
        Assert.Equal((SpeakerEncoderRecord.Active, "resemblyzer", _corpus.Weights, hash, true, 256),
            (record.Status, record.Type, record.Path, record.Sha256, record.Frozen, record.EmbeddingDim));
        Assert.False(checkpoint.HasSpeakerEncoder);
        Assert.Equal([16, 256], checkpoint.Manifest.Shapes["speaker_projection.weight"]);
        Assert.Equal(hash, FileHash.Sha256(_corpus.Weights));
        var cached = Directory.GetFiles(_corpus.Directory.Combine("cache"), "*.emb", SearchOption.AllDirectories);
        Assert.Equal(6, cached.Length);
        Assert.All(cached, f => Assert.Contains($"resemblyzer-{hash[..16]}", f));

        var output = _corpus.Directory.Combine("frozen.wav");
        (exit, error) = await Run(Synthesize(checkpoint.Manifest.Path!, output));
        Assert.True(exit == 0, error);
        Assert.True(WavReader.Read(output).Frames > 256);
        (exit, error) = await Run(Evaluate(checkpoint.Manifest.Path!, "frozen-eval"));
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(_corpus.Directory.Combine("frozen-eval", "metrics.json")));
        (exit, error) = await Run([.. Evaluate(checkpoint.Manifest.Path!, "frozen-eval-other"), "--speaker-encoder-type", "ecapa_tdnn", "--speaker-encoder-path", _corpus.Weights]);
        Assert.Equal(2, exit);
        Assert.Contains("is conditioned on the speaker encoder 'resemblyzer'", error);

        var moved = _corpus.Directory.Combine("moved.safetensors");
        File.Copy(_corpus.Weights, moved);
        var renamed = _corpus.Weights + ".away";
        File.Move(_corpus.Weights, renamed);
        try
        {
            (exit, error) = await Run(Synthesize(checkpoint.Manifest.Path!, _corpus.Directory.Combine("gone.wav")));
            Assert.Equal(2, exit);
            Assert.Contains("that file no longer exists. Give its weights with --speaker-encoder-path FILE", error);

            (exit, error) = await Run(Evaluate(checkpoint.Manifest.Path!, "gone-eval"));
            Assert.Equal(2, exit);
            Assert.Contains("that file no longer exists. Give its weights with --speaker-encoder-path FILE", error);

            (exit, error) = await Run(Synthesize(checkpoint.Manifest.Path!, _corpus.Directory.Combine("given.wav"), "--speaker-encoder-path", moved));
            Assert.True(exit == 0, error);
        }
        finally
        {
            File.Move(renamed, _corpus.Weights);
        }
    }

    [Fact]
    public async Task Fine_tuning_changes_the_encoder_stores_it_in_the_checkpoint_and_synthesis_uses_it_when_the_file_is_gone()
    {
        var weights = _corpus.Directory.Combine("finetune.safetensors");
        File.Copy(_corpus.Weights, weights, overwrite: true);

        var (exit, error) = await Run(Train("tuned", "--use-pretrained-speaker-encoder", "--speaker-encoder-type", "resemblyzer",
            "--speaker-encoder-path", weights, "--unfreeze-speaker-encoder", "--speaker-encoder-lr", "1e-3"));

        Assert.True(exit == 0, error);
        Assert.Contains("fine-tuned at training.speaker_encoder_learning_rate=0.001", Log("tuned"));
        var checkpoint = Latest("tuned");
        Assert.False(checkpoint.Manifest.SpeakerEncoder!.Frozen);
        Assert.True(checkpoint.HasSpeakerEncoder);
        var stored = _corpus.Directory.Combine("stored.safetensors");
        checkpoint.WriteSpeakerEncoderWeights(stored);
        using (var original = SafetensorsFile.Read(weights))
        using (var tuned = SafetensorsFile.Read(stored))
        {
            var (before, after) = (original.StateDict(), tuned.StateDict());
            Assert.Contains(before.Keys, key => !before[key].allclose(after[key], rtol: 0, atol: 0));
        }

        File.Delete(weights);
        var output = _corpus.Directory.Combine("tuned.wav");
        (exit, error) = await Run(Synthesize(checkpoint.Manifest.Path!, output));
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(output));
        Assert.Contains("the fine-tuned weights stored in", error);
    }

    [ParityTheory]
    [InlineData("ecapa_tdnn")]
    [InlineData("coqui_resnet")]
    [InlineData("coqui_lstm")]
    public async Task Each_built_in_encoder_fine_tunes_and_synthesizes_from_the_weights_stored_in_the_checkpoint(string fixture)
    {
        var weights = _corpus.Directory.Combine($"{fixture}-copy", Path.GetFileName(EncoderFixtures.Checkpoint(fixture)));
        Directory.CreateDirectory(Path.GetDirectoryName(weights)!);
        File.Copy(EncoderFixtures.Checkpoint(fixture), weights, overwrite: true);
        var sidecar = Path.Combine(Path.GetDirectoryName(EncoderFixtures.Checkpoint(fixture))!, "config_se.json");   // coqui_lstm's config lives beside it
        if (File.Exists(sidecar)) File.Copy(sidecar, Path.Combine(Path.GetDirectoryName(weights)!, "config_se.json"), overwrite: true);
        var run = $"tuned-{fixture}";

        var (exit, error) = await Run(Train(run, "--speaker-encoder-type", EncoderFixtures.EncoderType(fixture), "--speaker-encoder-path", weights, "--unfreeze-speaker-encoder"));

        Assert.True(exit == 0, error);
        var checkpoint = Latest(run);
        Assert.True(checkpoint.HasSpeakerEncoder);
        File.Delete(weights);
        File.Delete(Path.Combine(Path.GetDirectoryName(weights)!, "config_se.json"));   // the stored copy must carry the encoder's config itself
        (exit, error) = await Run(Synthesize(checkpoint.Manifest.Path!, _corpus.Directory.Combine($"{run}.wav")));
        Assert.True(exit == 0, error);
        if (fixture.StartsWith("coqui", StringComparison.Ordinal)) Assert.Contains("metadata coqui_config", error);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("unfitting")]
    public async Task A_weights_file_that_cannot_be_used_is_one_warning_and_training_goes_on_with_the_built_in_encoder(string problem)
    {
        var weights = _corpus.Directory.Combine($"{problem}.safetensors");
        if (problem == "unfitting") File.WriteAllText(weights, "not a checkpoint at all");
        var run = $"fallback-{problem}";

        var (exit, error) = await Run(Train(run, "--speaker-encoder-type", "resemblyzer", "--speaker-encoder-path", weights));

        Assert.True(exit == 0, error);
        var warnings = Log(run).Split('\n').Where(l => l.Contains("[WRN]")).ToArray();
        var warning = Assert.Single(warnings, l => l.Contains("Pretrained speaker encoder not used"));
        Assert.Contains(weights, warning);
        Assert.Contains("built-in audio encoder only", warning);
        var checkpoint = Latest(run);
        Assert.Equal(SpeakerEncoderRecord.FallbackBuiltIn, checkpoint.Manifest.SpeakerEncoder!.Status);
        Assert.Contains(weights, checkpoint.Manifest.SpeakerEncoder.Reason);
        Assert.DoesNotContain("speaker_projection.weight", checkpoint.Manifest.Shapes.Keys);
    }

    [Fact]
    public async Task The_disable_flag_wins_over_a_path_and_says_so()
    {
        var (exit, error) = await Run(Train("disabled", "--disable-pretrained-speaker-encoder", "--speaker-encoder-path", _corpus.Weights));

        Assert.True(exit == 0, error);
        Assert.Contains("Pretrained speaker conditioning is off (model.use_pretrained_speaker_encoder=false, flag --disable-pretrained-speaker-encoder), which wins over", Log("disabled"));
        Assert.Null(Latest("disabled").Manifest.SpeakerEncoder);
    }

    [Fact]
    public async Task The_contrastive_loss_flags_change_the_loss_the_run_optimises()
    {
        string[] oneStep = ["--set", "training.log_step=1"];
        var (exit, error) = await Run([.. Train("contrastive-default"), .. oneStep]);
        Assert.True(exit == 0, error);
        (exit, error) = await Run([.. Train("contrastive-repeat"), .. oneStep]);
        Assert.True(exit == 0, error);
        (exit, error) = await Run([.. Train("contrastive-flags"), .. oneStep, "--contrastive-loss-temperature", "0.5", "--contrastive-loss-margin", "0.6"]);
        Assert.True(exit == 0, error);

        Assert.Equal(ContrastiveLoss("contrastive-default"), ContrastiveLoss("contrastive-repeat"));   // the runs are deterministic: only the flags differ
        Assert.NotEqual(ContrastiveLoss("contrastive-default"), ContrastiveLoss("contrastive-flags"));
    }

    private double ContrastiveLoss(string run) => File.ReadAllLines(_corpus.Directory.Combine("runs", run, "metrics.jsonl"))
        .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
        .Select(m => m.TryGetProperty("train/speaker_contrastive_loss", out var v) ? v.GetDouble() : double.NaN)
        .First(v => !double.IsNaN(v));

    private static async Task<(int Exit, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApplication.RunAsync(args, new CliContext(output, error, new Dictionary<string, string?>()));
        return (exit, error.ToString() + output);
    }
}
