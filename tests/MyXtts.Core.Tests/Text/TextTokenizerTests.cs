using MyXtts.Core.Text;

namespace MyXtts.Core.Tests.Text;

public class TextTokenizerTests
{
    private static TokenizerDefinition Characters(IEnumerable<string> texts, bool addBlank = false) => new()
    {
        Kind = TokenizerKinds.Characters,
        Symbols = Vocabulary.Build(texts.Select(TextCleaners.English), Vocabulary.BasePunctuation + Vocabulary.BaseLetters),
        AddBlank = addBlank,
    };

    [Fact]
    public void Vocabulary_starts_with_the_special_tokens_and_has_no_duplicate_symbols()
    {
        var symbols = Vocabulary.Build(["abc", "naïve ß", "abc"], Vocabulary.BasePunctuation + Vocabulary.BaseLetters);
        Assert.Equal([TokenizerDefinition.Pad, TokenizerDefinition.Bos, TokenizerDefinition.Eos, TokenizerDefinition.Blank], symbols.Take(4));
        Assert.Equal(symbols.Count, symbols.Distinct().Count());
        Assert.Contains("ß", symbols);
        Assert.Contains("ï", symbols);
    }

    [Fact]
    public void Vocabulary_is_the_same_for_the_same_data_in_any_order()
    {
        var a = Vocabulary.Build(["xyzé", "ñ"], Vocabulary.BasePunctuation);
        var b = Vocabulary.Build(["ñ", "xyzé"], Vocabulary.BasePunctuation);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Encode_wraps_in_bos_and_eos_and_round_trips_through_decode()
    {
        var tokenizer = new TextTokenizer(Characters(["hello world"]));
        var ids = tokenizer.Encode("Hello, world!");
        Assert.Equal(TokenizerDefinition.BosId, ids[0]);
        Assert.Equal(TokenizerDefinition.EosId, ids[^1]);
        Assert.Equal("hello, world!", tokenizer.Decode(ids));
    }

    [Fact]
    public void Blank_is_interspersed_between_every_two_symbols_and_at_both_ends()
    {
        var tokenizer = new TextTokenizer(Characters(["ab"], addBlank: true));
        var ids = tokenizer.Encode("ab");
        var a = tokenizer.Definition.Symbols.ToList().IndexOf("a");
        var b = tokenizer.Definition.Symbols.ToList().IndexOf("b");
        var blank = TokenizerDefinition.BlankId;
        Assert.Equal([TokenizerDefinition.BosId, blank, a, blank, b, blank, TokenizerDefinition.EosId], ids);
    }

    [Fact]
    public void Unknown_symbols_are_counted_every_time_and_reported_once_each()
    {
        var tokenizer = new TextTokenizer(new TokenizerDefinition
        {
            Kind = TokenizerKinds.Characters,
            Cleaners = ["multilingual_cleaners"],
            Symbols = Vocabulary.Build([], Vocabulary.BasePunctuation + Vocabulary.BaseLetters),
        });
        var reported = new List<string>();
        tokenizer.Unknown.FirstSeen += (symbol, _) => reported.Add(symbol);
        tokenizer.Encode("añb ñ");
        tokenizer.Encode("ñ ж");
        Assert.Equal(["ñ", "ж"], reported);
        Assert.Equal(3, tokenizer.Unknown.Counts["ñ"]);
        Assert.Equal(4, tokenizer.Unknown.Total);
    }

    [Fact]
    public void A_vocabulary_with_a_duplicate_symbol_is_refused()
    {
        var definition = new TokenizerDefinition { Kind = TokenizerKinds.Characters, Symbols = ["<pad>", "<bos>", "<eos>", "<blank>", "a", "a"] };
        var e = Assert.Throws<ArgumentException>(() => new TextTokenizer(definition));
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void Combining_marks_stay_with_their_letter()
    {
        Assert.Equal(["t\u032A", "a"], SymbolSplitter.Split("t\u032Aa"));
    }

    [Fact]
    public void Mismatched_vocabularies_are_described_with_the_first_differing_id()
    {
        var a = Characters(["abc"]);
        var b = Characters(["abc ß"]);
        Assert.Null(a.DescribeMismatch(a));
        Assert.Contains("vocabulary", a.DescribeMismatch(b));
    }
}
