using MyXtts.Core.Training.Vocoder;

namespace MyXtts.Vocoders.HiFiGan.Tests.Training;

public sealed class TeacherForcedClipSourceTests
{
    private static readonly VocoderClip Clip = new("a", [0.1f, 0.2f, 0.3f, 0.4f], [1, 2, 3, 4, 5, 6], MelChannels: 2, Frames: 3);

    [Fact]
    public void The_generator_input_becomes_the_predicted_mel_while_the_audio_stays_the_recording()
    {
        var predictions = new Dictionary<string, float[]> { ["a"] = [9, 9, 9, 9, 9, 9] };
        var source = new TeacherForcedClipSource(new InMemoryClipSource([Clip]), TeacherForcedMels.Hook(predictions));

        var clip = source.Get(0);

        Assert.Equal(predictions["a"], clip.Mel);
        Assert.Same(Clip.Audio, clip.Audio);
        Assert.Equal((2, 3), (clip.MelChannels, clip.Frames));
    }

    [Fact]
    public void A_prediction_of_another_length_is_refused_naming_the_clip_and_both_shapes()
    {
        var source = new TeacherForcedClipSource(new InMemoryClipSource([Clip]), _ => new float[4]);

        var error = Assert.Throws<InvalidOperationException>(() => source.Get(0));

        Assert.Contains("'a'", error.Message);
        Assert.Contains("[2, 3]", error.Message);
    }

    [Fact]
    public void A_clip_without_a_prediction_is_refused_naming_it()
    {
        var source = new TeacherForcedClipSource(new InMemoryClipSource([Clip]), TeacherForcedMels.Hook(new Dictionary<string, float[]>()));

        Assert.Contains("'a'", Assert.Throws<InvalidOperationException>(() => source.Get(0)).Message);
    }
}
