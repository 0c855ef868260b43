using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Text;
using Serilog;

namespace MyXtts.Core.Data.Preparation;

/// <summary>
/// Builds the tokenizer a new model trains with: phonemes (espeak-ng) or characters per <c>model.tokenizer_type</c>,
/// the cleaners, language and blank setting from <c>data.*</c>, and a vocabulary from the training transcripts.
/// </summary>
public static class TokenizerBuilder
{
    /// <summary>The tokenizer for <paramref name="trainingTexts"/> (normalized transcripts).</summary>
    /// <exception cref="InvalidOperationException">Phonemes were asked for explicitly and espeak-ng is not installed.</exception>
    public static TextTokenizer Build(ModelSettings model, DataSettings data, IEnumerable<string> trainingTexts, ILogger log)
    {
        IPhonemizer? phonemizer = null;
        if (model.TokenizerType is "phonemes" or "auto")
        {
            phonemizer = EspeakPhonemizer.TryCreate(out var whyNot);
            if (phonemizer is null && model.TokenizerType == "phonemes")
                throw new InvalidOperationException($"model.tokenizer_type is 'phonemes' but {whyNot}. Install espeak-ng or set model.tokenizer_type=characters.");
            if (phonemizer is null) log.Warning("espeak-ng unavailable ({Reason}); training on characters. Phonemes are worth most of the intelligibility: install espeak-ng", whyNot);
        }
        var cleaners = phonemizer is null ? data.TextCleaners : PhonemeCleaners(data.TextCleaners);
        var normalized = trainingTexts.Select(t => TextCleaners.Clean(t, cleaners))
            .Select(t => phonemizer is null ? t : phonemizer.Phonemize(t, data.Language)).ToList();
        var definition = new TokenizerDefinition
        {
            Kind = phonemizer is null ? TokenizerKinds.Characters : TokenizerKinds.Phonemes,
            Language = data.Language,
            Cleaners = cleaners,
            Symbols = Vocabulary.Build(normalized, phonemizer is null ? Vocabulary.BasePunctuation + Vocabulary.BaseLetters : Vocabulary.BasePunctuation),
            AddBlank = data.AddBlank,
            Phonemizer = phonemizer?.Identity,
        };
        log.Information("Tokenizer: {Kind} ({Phonemizer}), {Symbols} symbols, cleaners {Cleaners}, blank {AddBlank}",
            definition.Kind, definition.Phonemizer ?? "no phonemizer", definition.Symbols.Count, string.Join(",", cleaners), definition.AddBlank);
        return new TextTokenizer(definition, phonemizer);
    }

    /// <summary>The tokenizer a checkpoint was trained with.</summary>
    public static TextTokenizer Restore(TokenizerDefinition definition)
    {
        if (definition.Kind != TokenizerKinds.Phonemes) return new TextTokenizer(definition);
        var phonemizer = EspeakPhonemizer.TryCreate(out var whyNot)
            ?? throw new InvalidOperationException($"This model was trained on espeak-ng phonemes ({definition.Phonemizer}) but {whyNot}.");
        return new TextTokenizer(definition, phonemizer);
    }

    /// <summary>espeak-ng reads numbers and case itself; lower-casing English text would only lose information.</summary>
    private static IReadOnlyList<string> PhonemeCleaners(IReadOnlyList<string> configured) =>
        configured.Select(c => c == "english_cleaners" ? "phoneme_cleaners" : c).ToList();
}
