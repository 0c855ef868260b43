using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.FrontEnd;

/// <summary>
/// SpeechBrain's <c>Filterbank</c> matrix (triangular, freeze=True): n_mels + 2 points evenly spaced on the HTK mel scale
/// between f_min and f_max, triangles centred on the inner points and <b>symmetric in Hz</b> with the left bandwidth,
/// no area normalisation. Computed in float32 like the reference.
/// </summary>
internal static class HtkFilterbank
{
    /// <summary>[n_fft/2 + 1, n_mels]; power spectrum [.., bins] @ matrix = mel power.</summary>
    public static Tensor Create(int bins, int mels, double fMin, double fMax)
    {
        using var scope = NewDisposeScope();
        var mel = linspace(HzToMel(fMin), HzToMel(fMax), mels + 2, dtype: ScalarType.Float32);
        var hz = 700 * (full_like(mel, 10).pow(mel / 2595) - 1);
        var centre = hz[1..^1];                                                                  // [mels]
        var band = (hz[1..] - hz[..^1])[..^1];                                                   // left bandwidths, [mels]
        var frequencies = linspace(0, fMax, bins, dtype: ScalarType.Float32);                   // [bins]
        var slope = (frequencies.unsqueeze(0) - centre.unsqueeze(1)) / band.unsqueeze(1);        // [mels, bins]
        var triangles = maximum(zeros_like(slope), minimum(slope + 1, 1 - slope));
        return triangles.t().contiguous().MoveToOuterDisposeScope();
    }

    private static double HzToMel(double hz) => 2595 * Math.Log10(1 + hz / 700);
}
