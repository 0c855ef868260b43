namespace MyXtts.Core.Audio;

/// <summary>
/// Decoded audio: interleaved float32 samples (integer encodings scaled to [-1, 1); float files as stored),
/// the sample rate and the channel count.
/// </summary>
public sealed record DecodedAudio(float[] Interleaved, int SampleRate, int Channels)
{
    /// <summary>Samples per channel.</summary>
    public int Frames => Interleaved.Length / Channels;

    /// <summary>Length in seconds.</summary>
    public double DurationSeconds => (double)Frames / SampleRate;

    /// <summary>The mean of the channels per frame (the buffer itself when already mono).</summary>
    public float[] ToMono()
    {
        if (Channels == 1) return Interleaved;
        var mono = new float[Frames];
        for (int f = 0, i = 0; f < mono.Length; f++)
        {
            double sum = 0;
            for (int c = 0; c < Channels; c++) sum += Interleaved[i++];
            mono[f] = (float)(sum / Channels);
        }
        return mono;
    }
}
