using MyXtts.Core.Models.NonAutoregressive;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

public sealed class ProsodyTargetsTests
{
    /// <summary>Three tokens over four decoder steps of two frames: token 0 has steps 0–1, token 1 step 2, token 2 step 3.</summary>
    private static Tensor Path() => tensor(new float[]
    {
        1, 1, 0, 0,
        0, 0, 1, 0,
        0, 0, 0, 1,
    }, [1, 3, 4]);

    [Fact]
    public void Pitch_is_log_f0_standardised_over_voiced_frames_then_averaged_per_token()
    {
        // Frames 0–3 → token 0, 4–5 → token 1, 6–7 → token 2; 7 valid frames (frame 7 is padding, its 999 Hz ignored).
        var f0 = tensor(new float[] { 100, 0, 200, 200, 400, 0, 0, 999 }, [1, 8]);
        var pitch = ProsodyTargets.Pitch(f0, tensor(new long[] { 7 }), Path(), r: 2);
        // Voiced log-F0: ln100, ln200, ln200, ln400: mean ln200, std ln2/√2, so z = −√2, 0, 0, √2.
        var expected = new[] { -MathF.Sqrt(2) / 3, MathF.Sqrt(2), 0f };   // token 2 has no voiced frame: the utterance mean
        Assert.Equal(expected, pitch.flatten().data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public void Energy_is_the_mean_log_mel_over_bands_standardised_then_averaged_per_token()
    {
        var path = tensor(new float[] { 1, 0, 0, 1 }, [1, 2, 2]);
        // Two bands at e − 1 and e + 1, so the band mean is e = 1, 3, 5, 7 (mean 4, std √5).
        var mel = tensor(new float[] { 0, 2, 4, 6, 2, 4, 6, 8 }, [1, 2, 4]);
        var energy = ProsodyTargets.Energy(mel, tensor(new long[] { 4 }), path, r: 2);
        var expected = new[] { -2 / MathF.Sqrt(5), 2 / MathF.Sqrt(5) };
        Assert.Equal(expected, energy.flatten().data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public void A_flat_contour_stays_zero_instead_of_being_blown_up()
    {
        var f0 = full(1, 8, 150f);
        var pitch = ProsodyTargets.Pitch(f0, tensor(new long[] { 8 }), Path(), r: 2);
        Assert.Equal(0f, pitch.abs().max().item<float>(), 5);
    }
}
