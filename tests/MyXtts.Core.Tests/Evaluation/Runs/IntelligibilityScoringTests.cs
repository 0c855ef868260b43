using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Runs;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace MyXtts.Core.Tests.Evaluation.Runs;

public sealed class IntelligibilityScoringTests
{
    private static readonly ProducedLine[] Lines = [EvaluationFixtures.Line("a_1", "a", "the birch canoe"), EvaluationFixtures.Line("b_1", "b", "smooth planks")];

    [Fact]
    public void One_asr_pass_scores_the_outputs_and_the_griffin_lim_and_recording_ceilings()
    {
        var engine = Substitute.For<IAsrEngine>();
        engine.Transcribe(Arg.Any<IReadOnlyList<AudioClip>>()).Returns(["the birch", "smooth planks", "the birch canoe", "smooth planks", "the birch canoe", "smooth planks"]);

        var groups = IntelligibilityScoring.Measure(engine, "", "fake", Lines);

        engine.Received(1).Transcribe(Arg.Is<IReadOnlyList<AudioClip>>(c => c.Count == 6));
        Assert.Equal([IntelligibilityScoring.Output, IntelligibilityScoring.GriffinLimCeiling, IntelligibilityScoring.Recordings], groups.Select(g => g.Name));
        Assert.Equal(1.0 / 5, groups[0].Summary.Values["wer"], 9);   // one deleted word of five
        Assert.Equal("the birch", groups[0].Lines![0].Texts["transcript"]);
        Assert.Equal(0.0, groups[1].Summary.Values["wer"]);
        Assert.Equal(0.0, groups[2].Summary.Values["wer"]);
    }

    [Fact]
    public void Without_an_engine_or_when_it_fails_every_group_is_unavailable_with_the_reason_never_zero()
    {
        var broken = Substitute.For<IAsrEngine>();
        broken.Transcribe(Arg.Any<IReadOnlyList<AudioClip>>()).Throws(new InvalidOperationException("decoder crashed"));
        var missing = Substitute.For<IAsrEngine>();
        missing.UnavailableReason.Returns("PocketSphinx is not installed. Install it with: sudo apt-get install pocketsphinx pocketsphinx-en-us");

        foreach (var (engine, expected) in new[] { ((IAsrEngine?)null, "select one"), (broken, "decoder crashed"), (missing, "apt-get install pocketsphinx") })
        {
            var groups = IntelligibilityScoring.Measure(engine, "No ASR engine is selected; select one.", "x", Lines);
            Assert.All(groups, g =>
            {
                Assert.False(g.Summary.IsAvailable);
                Assert.Contains(expected, g.Summary.UnavailableReason);
                Assert.Empty(g.Summary.Values);
                Assert.All(g.Lines!, r => Assert.False(r.IsAvailable));
            });
        }
    }
}
