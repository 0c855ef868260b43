using MyXtts.Core.Speakers;

namespace MyXtts.Core.Tests.Speakers;

public sealed class SpeakerVerificationTests
{
    [Fact]
    public void A_cosine_at_or_above_the_threshold_means_the_same_speaker()
    {
        float[] a = [1f, 0f], b = [1f, 1f];   // cosine 0.7071

        Assert.True(SpeakerVerification.Decide(a, b, 0.70).SameSpeaker);
        Assert.True(SpeakerVerification.Decide(a, a, 1.0).SameSpeaker);
        Assert.False(SpeakerVerification.Decide(a, b, 0.71).SameSpeaker);
        Assert.Equal(Math.Sqrt(0.5), SpeakerVerification.Decide(a, b, 0.5).Cosine, 12);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1.01)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_the_cosine_range_is_rejected(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeakerVerification.Decide([1f], [1f], threshold));
    }
}
