using MyXtts.Abstractions.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Audio.Mel;

public class PaddedStftTests
{
    [Theory]
    [InlineData(1024, 256, 1024)]
    [InlineData(1024, 256, 800)]
    [InlineData(512, 128, 512)]
    public void Inverse_of_forward_returns_the_clip(int nFft, int hop, int win)
    {
        using var scope = NewDisposeScope();
        using var stft = new PaddedStft(new MelSettings { NFft = nFft, HopLength = hop, WinLength = win });
        var clip = randn(2, 40 * hop) * 0.3;
        var spectrum = stft.Forward(clip);
        Assert.Equal([2L, nFft / 2 + 1, 40L], spectrum.shape);
        var back = stft.Inverse(spectrum);
        Assert.Equal(clip.shape, back.shape);
        Assert.True((back - clip).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void A_clip_of_f_times_hop_samples_has_f_frames()
    {
        using var stft = new PaddedStft(new MelSettings());
        Assert.Equal(88, stft.FrameCount(88 * 256));
        Assert.Equal(88, stft.FrameCount(88 * 256 + 255));
    }

    [Fact]
    public void A_clip_shorter_than_the_reflect_padding_is_rejected_with_its_length()
    {
        using var scope = NewDisposeScope();
        using var stft = new PaddedStft(new MelSettings());
        var error = Assert.Throws<ArgumentException>(() => stft.Forward(zeros(1, 300)));
        Assert.Contains("300 samples", error.Message);
    }
}
