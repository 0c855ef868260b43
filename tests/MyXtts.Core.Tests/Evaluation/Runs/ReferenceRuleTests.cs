using MyXtts.Core.Evaluation.Runs;

namespace MyXtts.Core.Tests.Evaluation.Runs;

public sealed class ReferenceRuleTests
{
    private static RecordedUtterance U(string id, string speaker, string text) => new(id, text, speaker, $"/data/{id}.wav");

    [Fact]
    public void The_prompt_is_the_speakers_first_clip_by_id_that_is_neither_the_line_nor_the_same_sentence()
    {
        var rule = new ReferenceRule([U("b_02", "b", "other words"), U("a_03", "a", "third"), U("a_01", "a", "Hello, world!"), U("a_02", "a", "second")]);

        Assert.Equal("a_02", rule.Pick(U("a_01", "a", "hello world"))!.Id);          // a_01 is the line itself
        Assert.Equal("a_02", rule.Pick(U("h_09", "a", "hello world"))!.Id);          // a_01 says the same sentence (after normalisation)
        Assert.Equal("a_01", rule.Pick(U("h_10", "a", "something new"))!.Id);
        Assert.Equal("b_02", rule.Pick(U("b_01", "b", "x"))!.Id);
    }

    [Fact]
    public void Several_prompts_follow_the_same_rule_in_id_order_prompt_first()
    {
        var rule = new ReferenceRule([U("a_04", "a", "four"), U("a_02", "a", "two"), U("a_01", "a", "Hello, world!"), U("a_03", "a", "three")]);

        Assert.Equal(["a_02", "a_03"], rule.PickMany(U("h_09", "a", "hello world"), 2).Select(u => u.Id));
        Assert.Equal(["a_01", "a_03", "a_04"], rule.PickMany(U("a_02", "a", "new"), 10).Select(u => u.Id));   // fewer than asked: all there are
        Assert.Equal(rule.Pick(U("h_10", "a", "x"))!.Id, rule.PickMany(U("h_10", "a", "x"), 3)[0].Id);
        Assert.Empty(rule.PickMany(U("z_01", "z", "x"), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.PickMany(U("h_10", "a", "x"), 0));
    }

    [Fact]
    public void A_speaker_without_another_clip_gets_no_prompt()
    {
        var rule = new ReferenceRule([U("a_01", "a", "one")]);

        Assert.Null(rule.Pick(U("a_01", "a", "one")));
        Assert.Null(rule.Pick(U("z_01", "z", "one")));
    }
}
