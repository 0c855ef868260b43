namespace MyXtts.Abstractions.Metrics;

/// <summary>Optional capability of a metrics sink that can store audio (TensorBoard's audio tab); probed with <c>is</c>.</summary>
public interface IAudioMetricsSink
{
    /// <summary>Stores mono <paramref name="samples"/> in [-1, 1] at <paramref name="sampleRate"/> under <paramref name="name"/> (e.g. <c>val/audio/LJ001-0001</c>).</summary>
    void WriteAudio(long step, string name, ReadOnlySpan<float> samples, int sampleRate);
}
