namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// One utterance for stage 2: the processed waveform (the samples its mel was computed from) and its log-mel
/// [n_mels, frames] row-major, frame f covering samples [f · hop, (f + 1) · hop).
/// </summary>
public sealed record VocoderClip(string Id, float[] Audio, float[] Mel, int MelChannels, int Frames);

/// <summary>The clips of one split. Must be thread-safe and return the same clip for the same index every time.</summary>
public interface IVocoderClipSource
{
    /// <summary>Number of clips.</summary>
    int Count { get; }

    /// <summary>Clip <paramref name="index"/>.</summary>
    VocoderClip Get(int index);
}

/// <summary>Clips held in memory (tests, small corpora, teacher-forced mels computed up front).</summary>
public sealed class InMemoryClipSource(IReadOnlyList<VocoderClip> clips) : IVocoderClipSource
{
    /// <inheritdoc />
    public int Count => clips.Count;

    /// <inheritdoc />
    public VocoderClip Get(int index) => clips[index];
}
