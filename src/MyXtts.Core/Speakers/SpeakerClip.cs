namespace MyXtts.Core.Speakers;

/// <summary>One decoded clip, downmixed to mono; after <see cref="SpeakerClipLoader.Resample"/> at the speaker encoder's rate.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Samples">Mono float32 samples at <paramref name="SampleRate"/>.</param>
/// <param name="SampleRate">The rate of <paramref name="Samples"/>.</param>
/// <param name="SourceSampleRate">The file's own rate.</param>
public sealed record SpeakerClip(string Path, float[] Samples, int SampleRate, int SourceSampleRate)
{
    /// <summary>Length in seconds.</summary>
    public double Seconds => (double)Samples.Length / SampleRate;
}
