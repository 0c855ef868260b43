namespace MyXtts.Abstractions.Metrics;

/// <summary>Experiment tracking: receives scalar metrics by step. Images and audio are optional capabilities.</summary>
public interface IMetricsSink : IDisposable
{
    /// <summary>Writes a set of scalars measured at <paramref name="step"/>; names use '/' to group (e.g. <c>train/mel_loss</c>).</summary>
    void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars);
}
