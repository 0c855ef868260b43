using System.Diagnostics;
using System.Globalization;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Reporting;
using Spectre.Console;

namespace MyXtts.Host.Commands;

/// <summary>
/// A live progress bar per epoch for terminals: step/total, loss, every active loss term (<c>mel=</c>, <c>stop=</c>, <c>voice=</c>
/// first) and the <c>--progress-terms</c> extras, learning rate, gradient norm, steps/s and ETA. Numbers change only on log steps (reading them syncs the device).
/// </summary>
internal sealed class TrainProgress(IAnsiConsole console, IReadOnlyList<string> progressTerms) : ITrainingReporter
{
    private IReadOnlyList<string> _terms = [];
    private readonly Stopwatch _clock = new();
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _epochs;
    private long _lastStep;
    private string _numbers = "";

    /// <summary>Runs <paramref name="fit"/> with the progress display on screen.</summary>
    public TrainingOutcome Run(Func<TrainingOutcome> fit) =>
        console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                return fit();
            });

    public void RunStarted(RunSummary summary)
    {
        _epochs = summary.Epochs;
        _terms = LossDisplay.ProgressTerms(summary.LossTerms.Select(t => t.Name).ToArray(), progressTerms);
        _lastStep = summary.Start.Step;
        _clock.Restart();
    }

    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch)
    {
        _task = _context?.AddTask(Describe(epoch, firstStepInEpoch, stepsInEpoch), maxValue: Math.Max(1, stepsInEpoch));
        if (_task is not null) _task.Value = firstStepInEpoch;
    }

    public void StepCompleted(StepReport r)
    {
        if (_task is null) return;
        _task.Increment(1);
        if (r.Metrics is not null)
        {
            var rate = (r.Step - _lastStep) / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
            (_lastStep, _numbers) = (r.Step, $"{LossDisplay.Progress(r.Metrics, _terms, r.LearningRate, r.SkippedSteps)} {rate.ToString("F2", CultureInfo.InvariantCulture)} steps/s");
            _clock.Restart();
        }
        _task.Description = Describe(r.Epoch, r.StepInEpoch, r.StepsInEpoch);
    }

    public void EpochCompleted(EpochReport report) => _task?.StopTask();

    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) => _task?.StopTask();

    private string Describe(int epoch, int step, int steps) => Markup.Escape($"epoch {epoch + 1}/{_epochs} step {step}/{steps} {_numbers}".TrimEnd());
}
