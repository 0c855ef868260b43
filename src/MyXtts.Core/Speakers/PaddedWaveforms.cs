using static TorchSharp.torch;

namespace MyXtts.Core.Speakers;

/// <summary>Waveforms of different lengths as one zero-padded batch plus their lengths: what <c>ISpeakerEncoder.Embed</c> takes.</summary>
public static class PaddedWaveforms
{
    /// <summary>[B, max T] float32 waveforms (zero-padded on the right) and [B] int64 lengths, in the caller's dispose scope.</summary>
    public static (Tensor Waveforms, Tensor Lengths) Build(IReadOnlyList<float[]> clips, Device? device = null)
    {
        if (clips.Count == 0) throw new ArgumentException("At least one waveform is needed to build a batch.", nameof(clips));
        int width = clips.Max(c => c.Length);
        var padded = new float[clips.Count * (long)width];
        for (int b = 0; b < clips.Count; b++) clips[b].CopyTo(padded, b * (long)width);
        var lengths = clips.Select(c => (long)c.Length).ToArray();
        return (tensor(padded, [clips.Count, width], device: device), tensor(lengths, device: device));   // [B, T], [B]
    }
}
