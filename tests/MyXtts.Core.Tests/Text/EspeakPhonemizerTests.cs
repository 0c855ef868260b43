using MyXtts.Core.Text;

namespace MyXtts.Core.Tests.Text;

public class EspeakPhonemizerTests
{
    private static EspeakPhonemizer RequireEspeak()
    {
        var phonemizer = EspeakPhonemizer.TryCreate(out var whyNot);
        Skip.If(phonemizer is null, whyNot ?? "espeak-ng missing");
        return phonemizer!;
    }

    [SkippableFact]
    public void English_text_becomes_ipa_with_punctuation_kept_in_place()
    {
        var ipa = RequireEspeak().Phonemize("hello world, how are you?", "en");
        Assert.Contains("həlˈoʊ", ipa);
        Assert.Contains(",", ipa);
        Assert.EndsWith("?", ipa);
        Assert.DoesNotContain("  ", ipa);
    }

    [SkippableFact]
    public void Another_language_uses_its_own_voice()
    {
        var phonemizer = RequireEspeak();
        Assert.NotEqual(phonemizer.Phonemize("hallo", "en"), phonemizer.Phonemize("hallo", "de"));
    }

    [SkippableFact]
    public void An_unknown_language_fails_with_the_way_to_list_voices()
    {
        var e = Assert.Throws<ArgumentException>(() => RequireEspeak().Phonemize("x", "xx-nope"));
        Assert.Contains("espeak-ng --voices", e.Message);
    }

    [SkippableFact]
    public void Phoneme_tokenizer_encodes_with_a_vocabulary_built_from_phonemized_data()
    {
        var phonemizer = RequireEspeak();
        var texts = new[] { "The birch canoe slid on the smooth planks.", "Glue the sheet to the dark blue background." };
        var phonemized = texts.Select(t => phonemizer.Phonemize(TextCleaners.Phoneme(t), "en")).ToList();
        var tokenizer = new TextTokenizer(new TokenizerDefinition
        {
            Kind = TokenizerKinds.Phonemes,
            Cleaners = ["phoneme_cleaners"],
            Symbols = Vocabulary.Build(phonemized, Vocabulary.BasePunctuation),
            Phonemizer = phonemizer.Identity,
        }, phonemizer);
        var ids = tokenizer.Encode(texts[0]);
        Assert.Equal(0, tokenizer.Unknown.Total);
        Assert.Equal(phonemized[0], tokenizer.Decode(ids));
    }
}
