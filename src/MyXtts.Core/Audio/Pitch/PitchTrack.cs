namespace MyXtts.Core.Audio.Pitch;

/// <summary>A frame-wise F0 contour: <see cref="F0"/> in Hz (0 where unvoiced) and the voicing flag, one per mel frame.</summary>
/// <param name="F0">Fundamental frequency per frame, Hz; 0 for unvoiced frames.</param>
/// <param name="Voiced">True where the frame is periodic and loud enough.</param>
/// <param name="Aperiodicity">YIN's normalised difference at the chosen period (0 = perfectly periodic, ≈1 = noise).</param>
/// <param name="SampleRate">Rate of the analysed audio.</param>
/// <param name="HopLength">Samples between frames.</param>
public sealed record PitchTrack(float[] F0, bool[] Voiced, float[] Aperiodicity, int SampleRate, int HopLength)
{
    /// <summary>Number of frames.</summary>
    public int Frames => F0.Length;

    /// <summary>Number of voiced frames.</summary>
    public int VoicedFrames => Voiced.Count(v => v);

    /// <summary>Seconds per frame.</summary>
    public double FrameSeconds => (double)HopLength / SampleRate;

    /// <summary>The F0 values of the voiced frames.</summary>
    public float[] VoicedF0() => F0.Where((_, t) => Voiced[t]).ToArray();
}
