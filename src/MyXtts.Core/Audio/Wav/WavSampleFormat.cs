namespace MyXtts.Core.Audio.Wav;

/// <summary>How <see cref="WavWriter"/> stores samples.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed PCM: samples clipped to [-1, 1] and scaled by 32767 (the libsndfile convention).</summary>
    Pcm16,
    /// <summary>32-bit IEEE float, stored as given.</summary>
    Float32,
}
