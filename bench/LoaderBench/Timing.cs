using System.Diagnostics;
using MyXtts.Core.Data.Batching;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Batches;
using MyXtts.Core.Training.Reporting;

namespace MyXtts.Bench.LoaderBench;

/// <summary>Passes batches through, recording how long each one took to arrive (the consumer's wait for data).</summary>
internal sealed class TimedBatches(IBatchSource inner) : IBatchSource
{
    public readonly List<double> WaitMilliseconds = [];
    public int Utterances => inner.Utterances;
    public int BatchesPerEpoch => inner.BatchesPerEpoch;

    public IEnumerable<LoadedBatch> Read(int epoch, int startPosition)
    {
        using var batches = inner.Read(epoch, startPosition).GetEnumerator();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (!batches.MoveNext()) yield break;
            WaitMilliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            yield return batches.Current;
        }
    }
}

/// <summary>Wall time between consecutive optimizer steps (the first from the run's start).</summary>
internal sealed class StepClock : ITrainingReporter
{
    private long _last;
    public readonly List<double> Milliseconds = [];

    public void RunStarted(RunSummary summary) => _last = Stopwatch.GetTimestamp();
    public void EpochStarted(int epoch, int stepsInEpoch, int firstStepInEpoch) { }
    public void EpochCompleted(EpochReport report) { }
    public void RunCompleted(TrainingOutcome outcome, TrainingProgress progress, string? checkpoint) { }

    public void StepCompleted(StepReport report)
    {
        var now = Stopwatch.GetTimestamp();
        Milliseconds.Add(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds);
        _last = now;
    }
}
