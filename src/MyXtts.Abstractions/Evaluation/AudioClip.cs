namespace MyXtts.Abstractions.Evaluation;

/// <summary>Mono float samples in [-1, 1] at <paramref name="SampleRate"/> Hz.</summary>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    /// <summary>Length in seconds.</summary>
    public double DurationSeconds => (double)Samples.Length / SampleRate;
}
