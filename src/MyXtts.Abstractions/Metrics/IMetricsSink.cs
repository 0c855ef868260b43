namespace MyXtts.Abstractions.Metrics;

/// <summary>
/// Experiment tracking: receives scalar metrics by step, and optionally images and audio. A sink that has no use for
/// images or audio (a JSON-lines file, say) keeps the default implementations, which ignore them.
/// </summary>
public interface IMetricsSink : IDisposable
{
    /// <summary>Writes a set of scalars measured at <paramref name="step"/>; names use '/' to group (e.g. <c>train/mel_loss</c>).</summary>
    void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars);

    /// <summary>
    /// Writes an image (PNG bytes) produced at <paramref name="step"/>, e.g. <c>samples/LJ001-0001/mel</c>.
    /// The default ignores it.
    /// </summary>
    void WriteImage(long step, string name, ReadOnlyMemory<byte> png) { }

    /// <summary>
    /// Writes mono audio (samples in [-1, 1] at <paramref name="sampleRate"/> Hz) produced at <paramref name="step"/>,
    /// e.g. <c>samples/LJ001-0001/audio</c>. The default ignores it.
    /// </summary>
    void WriteAudio(long step, string name, ReadOnlyMemory<float> samples, int sampleRate) { }
}
