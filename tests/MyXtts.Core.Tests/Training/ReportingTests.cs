using System.Text.Json;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Metrics;
using MyXtts.Core.Tests.TestSupport;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Reporting;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace MyXtts.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class ReportingTests
{
    [Fact]
    public void The_log_shows_the_start_block_and_per_epoch_raw_and_weighted_components_for_training_and_validation()
    {
        var lines = new List<string>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new LineSink(lines)).CreateLogger();
        using var model = TinyTraining.Model();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(4, 2), new LogReporter(log, periodicLines: true),
            new TrainerOptions { Epochs = 1, LogEvery = 1 }, validation: new SyntheticBatches(2, 2),
            losses: [new("mel_loss", new Core.Training.Losses.MelLoss(), 2.0, "training.loss_weights.mel")]);

        trainer.Fit();

        Assert.Contains(lines, l => l.StartsWith("Model: baseline_conv", StringComparison.Ordinal) && l.Contains("trainable"));
        Assert.Contains(lines, l => l == "Loss weights: mel_loss=2 (training.loss_weights.mel)");
        Assert.Contains(lines, l => l.StartsWith("Step 2 (epoch 1, 2/2): loss=", StringComparison.Ordinal) && l.Contains(" mel=") && l.Contains("steps/s"));
        var train = Assert.Single(lines, l => l.StartsWith("Train loss components: mel_loss=", StringComparison.Ordinal));
        Assert.Contains(", w_mel_loss=", train);
        Assert.Contains("skipped non-finite steps: 0", train);
        Assert.Contains(lines, l => l.StartsWith("Validation loss components: mel_loss=", StringComparison.Ordinal) && l.Contains("w_mel_loss=") && l.EndsWith("(best so far)"));
    }

    [Fact]
    public void The_jsonl_sink_writes_one_object_per_write_with_the_step_and_every_scalar()
    {
        using var dir = new TempDirectory();
        using (var sink = new JsonlMetricsSink(new RunContext(dir.Path, "r1")))
        {
            var reporter = new MetricsReporter([sink]);
            reporter.StepCompleted(new StepReport(5, 0, 5, 10, 1e-3, false, new Dictionary<string, double> { ["loss"] = 0.5, ["mel_loss"] = 0.25, ["w_mel_loss"] = 0.5 }));
            reporter.StepCompleted(new StepReport(6, 0, 6, 10, 1e-3, false, null));   // not a log step: nothing written
            reporter.EpochCompleted(new EpochReport(0, 10, new Dictionary<string, double> { ["loss"] = 0.4 }, new Dictionary<string, double> { ["loss"] = double.NaN }, 1, 2.0, false));
        }

        var lines = File.ReadAllLines(Path.Combine(dir.Path, JsonlMetricsSink.FileName));
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(5, first.GetProperty("step").GetInt64());
        Assert.Equal(0.25, first.GetProperty("train/mel_loss").GetDouble());
        Assert.Equal(0.5, first.GetProperty("train/w_mel_loss").GetDouble());
        Assert.Equal(1e-3, first.GetProperty("train/lr").GetDouble());
        var epoch = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("NaN", epoch.GetProperty("epoch/val/loss").GetString());
        Assert.Equal(1, epoch.GetProperty("epoch/skipped_steps").GetDouble());
    }

    [Fact]
    public void Progress_text_uses_short_names_and_adds_requested_terms()
    {
        var metrics = new Dictionary<string, double> { ["loss"] = 1, ["mel_loss"] = 0.5, ["voice_similarity_loss"] = 0.25, ["pitch_loss"] = 0.125 };

        Assert.Equal("loss=1.0000 mel=0.5000 voice=0.2500 lr=1.00e-04", LossDisplay.Progress(metrics, LossDisplay.DefaultProgressTerms, 1e-4));
        Assert.Equal("loss=1.0000 mel=0.5000 voice=0.2500 pitch=0.1250 lr=1.00e-04", LossDisplay.Progress(metrics, [.. LossDisplay.DefaultProgressTerms, "pitch_loss"], 1e-4));
    }

    [Fact]
    public void Progress_shows_mel_stop_and_voice_first_then_every_other_active_term_then_the_requested_extras()
    {
        string[] active = ["attention_loss", "mel_loss", "duration_loss", "voice_similarity_loss"];

        var terms = LossDisplay.ProgressTerms(active, ["w_mel_loss", "grad_norm", "duration_loss", "attention_loss/prior"]);

        Assert.Equal(["mel_loss", "voice_similarity_loss", "attention_loss", "duration_loss", "w_mel_loss", "grad_norm", "attention_loss/prior"], terms);
        var metrics = new Dictionary<string, double>
        {
            ["loss"] = 2, ["mel_loss"] = 0.5, ["attention_loss"] = 0.25, ["duration_loss"] = 0.125, ["voice_similarity_loss"] = 1,
            ["w_mel_loss"] = 1.5, ["grad_norm"] = 3.25, ["attention_loss/prior"] = 0.75,
        };
        Assert.Equal("loss=2.0000 mel=0.5000 voice=1.0000 attention=0.2500 duration=0.1250 w_mel=1.5000 attention_loss/prior=0.7500 lr=1.00e-04 grad_norm=3.25 skipped=2",
            LossDisplay.Progress(metrics, terms, 1e-4, skippedSteps: 2));
    }

    [Fact]
    public void A_progress_term_that_names_nothing_in_the_run_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => LossDisplay.ProgressTerms(["mel_loss", "duration_loss"], ["pitch_loss"]));

        Assert.Contains("--progress-terms names 'pitch_loss'", error.Message);
        Assert.Contains("Valid: mel_loss, duration_loss", error.Message);
        Assert.Contains("w_duration_loss", error.Message);
        Assert.Contains("grad_norm", error.Message);
    }

    [Fact]
    public void Periodic_lines_show_every_active_term_not_only_mel()
    {
        var lines = new List<string>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new LineSink(lines)).CreateLogger();
        using var model = TinyTraining.Model();
        using var trainer = TinyTraining.Trainer(model, new SyntheticBatches(4, 2), new LogReporter(log, periodicLines: true, ["w_mel_loss"]),
            new TrainerOptions { Epochs = 1, LogEvery = 1 },
            losses: [new("mel_loss", new Core.Training.Losses.MelLoss(), 2.0, "test"), new("second_loss", new Core.Training.Losses.MelLoss(), 0.5, "test")]);

        trainer.Fit();

        var step = Assert.Single(lines, l => l.StartsWith("Step 2 ", StringComparison.Ordinal));
        Assert.Matches(@"loss=\S+ mel=\S+ second=\S+ w_mel=\S+ lr=\S+ grad_norm=\S+, \S+ steps/s$", step);
    }

    private sealed class LineSink(List<string> lines) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => lines.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
