using MyXtts.Core.Evaluation.Intelligibility;

namespace MyXtts.Core.Tests.Evaluation;

public class ErrorRatesTests
{
    [Theory]
    [InlineData("Hello, World!  It's 42.", "hello world it's forty two")]
    [InlineData("A well-known 'quote'", "a well known quote")]
    [InlineData("Café   au lait", "cafe au lait")]
    [InlineData("  ", "")]
    public void Normalisation_lowercases_spells_numbers_and_strips_punctuation(string text, string expected) =>
        Assert.Equal(expected, TranscriptNormalizer.Normalize(text));

    [Fact]
    public void Texts_that_differ_only_in_formatting_have_no_errors()
    {
        var rates = ErrorRates.Measure("The birch canoe slid on the smooth planks; it cost $2.", "the BIRCH canoe slid on the smooth planks it cost two dollars");
        Assert.Equal(0, rates.Wer);
        Assert.Equal(0, rates.Cer);
    }

    [Fact]
    public void A_substitution_and_a_deletion_give_two_errors_over_the_reference_words()
    {
        var rates = ErrorRates.Measure("the cat sat on the mat", "the cat sit on mat");
        Assert.Equal((1, 1, 0), (rates.Words.Substitutions, rates.Words.Deletions, rates.Words.Insertions));
        Assert.Equal(2.0 / 6, rates.Wer, 12);
    }

    [Fact]
    public void Insertions_can_push_the_word_error_rate_above_one()
    {
        var rates = ErrorRates.Measure("yes", "oh yes yes indeed");
        Assert.Equal(3, rates.Words.Insertions);
        Assert.Equal(3.0, rates.Wer);
    }

    [Fact]
    public void An_empty_transcript_deletes_every_reference_word()
    {
        var rates = ErrorRates.Measure("glue the sheet", "");
        Assert.Equal(3, rates.Words.Deletions);
        Assert.Equal(1.0, rates.Wer);
        Assert.Equal(1.0, rates.Cer);
    }

    [Fact]
    public void Character_error_rate_counts_edits_over_reference_characters()
    {
        var rates = ErrorRates.Measure("abc", "abd");
        Assert.Equal(1.0 / 3, rates.Cer, 12);
        Assert.Equal(1.0, rates.Wer);
    }

    [Fact]
    public void Alignment_prefers_one_substitution_to_a_deletion_plus_an_insertion()
    {
        var alignment = EditAlignment.Align(["a", "b", "c"], ["a", "x", "c"]);
        Assert.Equal((1, 0, 0), (alignment.Substitutions, alignment.Deletions, alignment.Insertions));
    }
}
