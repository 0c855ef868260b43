using MyXtts.Core.Data.Batching;

namespace MyXtts.Core.Tests.Data.Batching;

public class ReferencePickerTests
{
    private static readonly string[] Speakers = ["a", "a", "b", "a", "c", "b"];

    [Fact]
    public void The_reference_is_another_utterance_of_the_same_speaker()
    {
        var picker = new ReferencePicker(Speakers, seed: 1);
        for (var epoch = 0; epoch < 20; epoch++)
            for (var i = 0; i < Speakers.Length; i++)
            {
                var r = picker.Pick(i, epoch);
                Assert.Equal(Speakers[i], Speakers[r]);
                if (Speakers[i] != "c") Assert.NotEqual(i, r);
            }
    }

    [Fact]
    public void A_speaker_with_one_clip_uses_that_clip()
    {
        Assert.Equal(4, new ReferencePicker(Speakers, 1).Pick(4, 0));
    }

    [Fact]
    public void Choices_are_deterministic_and_vary_over_epochs()
    {
        var a = new ReferencePicker(Speakers, 9);
        var b = new ReferencePicker(Speakers, 9);
        var picks = Enumerable.Range(0, 30).Select(e => a.Pick(0, e)).ToList();
        Assert.Equal(picks, Enumerable.Range(0, 30).Select(e => b.Pick(0, e)));
        Assert.Equal([1, 3], picks.Distinct().Order());
    }
}
