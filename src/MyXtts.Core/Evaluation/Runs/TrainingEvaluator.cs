using MyXtts.Abstractions.Metrics;
using MyXtts.Core.Inference;
using MyXtts.Core.Reporting;
using MyXtts.Core.Reporting.Html;
using MyXtts.Core.Training;
using Serilog;
using static TorchSharp.torch;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>What <see cref="TrainingEvaluator"/> evaluates with and where it reports.</summary>
public sealed record TrainingEvaluatorSetup
{
    /// <summary>The validation lines, with prompts from the training split.</summary>
    public required EvaluationSet Set { get; init; }
    public required EvaluationEngines Engines { get; init; }
    public EvaluationRunOptions Options { get; init; } = new();
    /// <summary>Evaluate after every N-th epoch (and always at the end of the run).</summary>
    public int EveryEpochs { get; init; } = 1;
    /// <summary>The training run folder: evaluations go to <c>evaluation/step-N/</c>, the report to <c>report.html</c>.</summary>
    public required string RunDirectory { get; init; }
    /// <summary>Where the synthesizer runs.</summary>
    public Device? Device { get; init; }
    /// <summary>The run's pretrained speaker encoder, for checkpoints conditioned on one (see <see cref="SynthesizerOptions.SpeakerEncoder"/>).</summary>
    public MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder? SpeakerEncoder { get; init; }
    /// <summary>Receive <c>eval/&lt;group&gt;/&lt;value&gt;</c> scalars at the checkpoint's step.</summary>
    public IReadOnlyList<IMetricsSink> Sinks { get; init; } = [];
    public ILogger Log { get; init; } = Serilog.Core.Logger.None;
}

/// <summary>
/// <c>myxtts train --enable-evaluation</c>: evaluates the checkpoint written after every <see cref="TrainingEvaluatorSetup.EveryEpochs"/>-th
/// epoch and the run's last one with <see cref="EvaluationRunner"/> on a few validation lines, loading the checkpoint the
/// way <c>myxtts evaluate</c> does (so the numbers match a later evaluate of that file). Writes
/// <c>RUN/evaluation/step-N/</c>, sends the set-level numbers to the metrics sinks as <c>eval/…</c>, logs them under the
/// epoch summary and regenerates <c>RUN/report.html</c>. torch's CPU random state is restored afterwards, so training
/// continues exactly as it would without evaluation.
/// </summary>
public sealed class TrainingEvaluator(TrainingEvaluatorSetup setup) : ICheckpointEvaluator
{
    private long _evaluatedStep = -1;

    /// <summary>The results of the last evaluation, if any.</summary>
    public EvaluationResults? Last { get; private set; }

    public void Evaluate(CheckpointWritten checkpoint)
    {
        if (checkpoint.Step == _evaluatedStep || (!checkpoint.Final && checkpoint.Epoch % Math.Max(1, setup.EveryEpochs) != 0)) return;
        _evaluatedStep = checkpoint.Step;
        using var randomState = random.get_rng_state();
        try
        {
            using var tts = SpeechSynthesizer.Load(checkpoint.Checkpoint, new SynthesizerOptions { Device = setup.Device, SpeakerEncoder = setup.SpeakerEncoder });
            var folder = TrainingRunFolder.EvaluationAt(setup.RunDirectory, checkpoint.Step);
            Last = new EvaluationRunner(setup.Engines, setup.Options, setup.Log).Run(tts, setup.Set, folder, setup.RunDirectory);
            foreach (var sink in setup.Sinks) sink.WriteScalars(checkpoint.Step, Last.Scalars("eval/"));
            setup.Log.Information("Evaluation at step {Step} (epoch {Epoch}, {Lines} validation lines): {Summary:l}; files in {Folder}",
                checkpoint.Step, checkpoint.Epoch, setup.Set.Lines.Count, EvaluationSummary.Line(Last), folder);
            RunReport.Write(setup.RunDirectory);
        }
        finally
        {
            random.set_rng_state(randomState);
        }
    }
}
