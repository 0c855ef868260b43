using MyXtts.Core.Data;
using MyXtts.Core.Evaluation.Runs;

namespace MyXtts.Core.Tests.Evaluation.Runs;

public sealed class EvaluationSetTests
{
    [Fact]
    public void A_corpus_with_a_heldout_split_is_evaluated_on_it_with_prompts_from_the_corpus()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("heldout"));
        File.WriteAllText(dir.File("heldout/metadata.csv"), "");
        File.WriteAllText(dir.File("metadata.csv"), "");

        Assert.Equal((dir.File("heldout"), dir.Path), EvaluationSet.Folders(dir.Path, null));
        Assert.Equal((dir.File("heldout"), dir.Path), EvaluationSet.Folders(dir.File("heldout"), null));
        Assert.Equal((dir.File("heldout"), "/elsewhere"), EvaluationSet.Folders(dir.File("heldout"), "/elsewhere"));
        Assert.Equal((dir.File("other"), dir.File("other")), EvaluationSet.Folders(dir.File("other"), null));
    }

    [Fact]
    public void Lines_come_in_file_order_up_to_the_limit_and_lines_without_a_prompt_are_counted_not_evaluated()
    {
        RecordedUtterance U(string id, string speaker) => new(id, "text of " + id, speaker, id + ".wav");
        var evaluated = new[] { U("x_1", "lonely"), U("a_h1", "a"), U("b_h1", "b"), U("a_h2", "a") };
        var pool = new[] { U("a_1", "a"), U("a_2", "a"), U("b_1", "b") };

        var set = EvaluationSet.From(evaluated, pool, maxLines: 2, "held out", "train", voices: null);

        Assert.Equal(["a_h1", "b_h1"], set.Lines.Select(l => l.Id));
        Assert.Equal(["a_1", "b_1"], set.Lines.Select(l => l.Reference.Id));
        Assert.Equal(1, set.WithoutReference);
        Assert.Contains("text of a_2", set.Sentences);
        Assert.Equal(3, set.Enrollment.Count);
    }

    [Fact]
    public void Each_line_gets_the_speakers_next_clips_for_the_speaking_rate_up_to_the_count()
    {
        RecordedUtterance U(string id, string speaker) => new(id, "text of " + id, speaker, id + ".wav");
        var pool = new[] { U("a_3", "a"), U("a_1", "a"), U("a_2", "a"), U("b_1", "b") };

        var set = EvaluationSet.From([U("a_h1", "a"), U("b_h1", "b")], pool, null, "held out", "train", voices: null, ratePrompts: 3);
        var single = EvaluationSet.From([U("a_h1", "a")], pool, null, "held out", "train", voices: null, ratePrompts: 1);

        Assert.Equal(3, set.RatePrompts);
        Assert.Equal("a_1", set.Lines[0].Reference.Id);
        Assert.Equal(["a_2", "a_3"], set.Lines[0].RatePrompts.Select(u => u.Id));
        Assert.Empty(set.Lines[1].RatePrompts);                            // b has one clip: the prompt alone
        Assert.Empty(single.Lines[0].RatePrompts);
        Assert.Equal(EvaluationSet.DefaultRatePrompts - 1, EvaluationSet.From([U("a_h1", "a")], Enumerable.Range(1, 9).Select(i => U($"a_{i}", "a")).ToArray(),
            null, "held out", "train", voices: null).Lines[0].RatePrompts.Count);
    }

    [Fact]
    public void Opening_a_dataset_folder_reads_its_metadata_and_fails_when_no_line_has_a_prompt()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("wavs"));
        foreach (var id in new[] { "s1_a", "s1_b", "s2_a" }) File.WriteAllBytes(dir.File($"wavs/{id}.wav"), [1, 2, 3]);
        File.WriteAllText(dir.File("metadata.csv"), "s1_a|one|one\ns1_b|two|two\ns2_a|three|three\n");

        var set = EvaluationSet.Open(dir.Path, null, null, new SpeakerResolver(null), new SkipLog());

        Assert.Equal(["s1_a", "s1_b"], set.Lines.Select(l => l.Id));   // s2 has one clip: it cannot prompt itself
        Assert.Equal(1, set.WithoutReference);
        File.WriteAllText(dir.File("metadata.csv"), "s2_a|three|three\n");
        var error = Assert.Throws<InvalidOperationException>(() => EvaluationSet.Open(dir.Path, null, null, new SpeakerResolver(null), new SkipLog()));
        Assert.Contains("--reference-data", error.Message);
    }
}
