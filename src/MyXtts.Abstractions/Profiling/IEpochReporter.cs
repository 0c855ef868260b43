namespace MyXtts.Abstractions.Profiling;

/// <summary>
/// Optional capability of a profiler: called at the end of each epoch and of the run with the run folder, so a
/// profiler can print a summary and write its files there.
/// </summary>
public interface IEpochReporter
{
    /// <summary>Called after each epoch (<paramref name="epoch"/> counts from 1) and once more at the end (<paramref name="final"/> true).</summary>
    void ReportEpoch(int epoch, bool final, string runDirectory);
}
