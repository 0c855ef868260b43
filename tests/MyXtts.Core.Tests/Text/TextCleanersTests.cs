using MyXtts.Core.Text;

namespace MyXtts.Core.Tests.Text;

public class TextCleanersTests
{
    [Theory]
    [InlineData("I have 3 cats.", "i have three cats.")]
    [InlineData("It cost $3.50 today", "it cost three dollars, fifty cents today")]
    [InlineData("It cost $1", "it cost one dollar")]
    [InlineData("£2 and €0.01", "two pounds and one cent")]
    [InlineData("The 21st and 2nd of 103rd", "the twenty first and second of one hundred third")]
    [InlineData("In 1984 and 2024, 2005", "in nineteen eighty four and twenty twenty four, two thousand five")]
    [InlineData("pi is 3.14", "pi is three point one four")]
    [InlineData("50% off", "fifty percent off")]
    [InlineData("1,234,567 people", "one million two hundred thirty four thousand five hundred sixty seven people")]
    [InlineData("Dr. Smith met Mr. Jones at St. Paul", "doctor smith met mister jones at saint paul")]
    [InlineData("See No. 5; I said no.", "see number five; i said no.")]
    [InlineData("Caf\u00e9  \u201Cna\u00efve\u201D \u2014 ok\u2026", "cafe \"naive\" - ok...")]
    [InlineData("zero\u200Bwidth\tand\nlines", "zerowidth and lines")]
    public void English_cleaners_spell_out_what_a_reader_says(string input, string expected)
    {
        Assert.Equal(expected, TextCleaners.English(input));
    }

    [Fact]
    public void Multilingual_cleaner_keeps_letters_of_every_script_and_lowercases()
    {
        Assert.Equal("straße привет ελλάδα 42", TextCleaners.Multilingual("  Straße  ПРИВЕТ Ελλάδα 42 "));
    }

    [Fact]
    public void Unknown_cleaner_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => TextCleaners.Clean("x", ["englsh_cleaners"]));
        Assert.Contains("english_cleaners", e.Message);
        Assert.Contains("englsh_cleaners", e.Message);
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(15, "fifteen")]
    [InlineData(40, "forty")]
    [InlineData(101, "one hundred one")]
    [InlineData(1_000_001, "one million one")]
    public void Numbers_become_cardinal_words(long n, string words)
    {
        Assert.Equal(words, NumberNormalizer.ToWords(n));
    }

    [Theory]
    [InlineData(1, "first")]
    [InlineData(12, "twelfth")]
    [InlineData(20, "twentieth")]
    [InlineData(33, "thirty third")]
    [InlineData(100, "one hundredth")]
    public void Ordinals_follow_english_irregulars(long n, string words)
    {
        Assert.Equal(words, NumberNormalizer.ToOrdinal(n));
    }
}
