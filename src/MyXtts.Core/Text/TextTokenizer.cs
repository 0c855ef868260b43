namespace MyXtts.Core.Text;

/// <summary>
/// Turns raw text into token ids under a <see cref="TokenizerDefinition"/>: clean, (phonemize), split into symbols,
/// map, intersperse blanks, wrap in BOS/EOS. Thread-safe when its phonemizer is.
/// </summary>
public sealed class TextTokenizer
{
    private readonly Dictionary<string, int> _ids;
    private readonly IPhonemizer? _phonemizer;

    /// <summary>Unknown symbols seen by <see cref="Encode"/>.</summary>
    public UnknownSymbolLog Unknown { get; } = new();

    /// <summary>The saved definition.</summary>
    public TokenizerDefinition Definition { get; }

    /// <summary>Creates a tokenizer; phoneme definitions need a phonemizer.</summary>
    public TextTokenizer(TokenizerDefinition definition, IPhonemizer? phonemizer = null)
    {
        Definition = definition;
        if (definition.Kind == TokenizerKinds.Phonemes && phonemizer is null)
            throw new ArgumentException("A phoneme tokenizer needs a phonemizer (espeak-ng). Install it with 'apt-get install espeak-ng' or use characters.", nameof(phonemizer));
        _phonemizer = phonemizer;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Symbols.Count; i++)
            if (!_ids.TryAdd(definition.Symbols[i], i))
                throw new ArgumentException($"Vocabulary has the symbol '{definition.Symbols[i]}' twice (ids {_ids[definition.Symbols[i]]} and {i}).", nameof(definition));
        foreach (var special in new[] { TokenizerDefinition.Pad, TokenizerDefinition.Bos, TokenizerDefinition.Eos, TokenizerDefinition.Blank })
            if (!_ids.ContainsKey(special)) throw new ArgumentException($"Vocabulary lacks the special token {special}.", nameof(definition));
    }

    /// <summary>The text the symbols are taken from: cleaned, and phonemized for phoneme tokenizers.</summary>
    public string Normalize(string text)
    {
        var cleaned = TextCleaners.Clean(text, Definition.Cleaners);
        return _phonemizer is null ? cleaned : _phonemizer.Phonemize(cleaned, Definition.Language);
    }

    /// <summary>Token ids for <paramref name="text"/>. Unknown symbols are skipped and recorded in <see cref="Unknown"/>.</summary>
    public int[] Encode(string text)
    {
        var normalized = Normalize(text);
        var ids = new List<int>(normalized.Length * (Definition.AddBlank ? 2 : 1) + 3);
        if (Definition.AddBosEos) ids.Add(TokenizerDefinition.BosId);
        foreach (var symbol in SymbolSplitter.Split(normalized))
        {
            if (!_ids.TryGetValue(symbol, out var id) || id <= TokenizerDefinition.BlankId)
            {
                Unknown.Record(symbol, text);
                continue;
            }
            if (Definition.AddBlank) ids.Add(TokenizerDefinition.BlankId);
            ids.Add(id);
        }
        if (Definition.AddBlank && ids.Count > (Definition.AddBosEos ? 1 : 0)) ids.Add(TokenizerDefinition.BlankId);
        if (Definition.AddBosEos) ids.Add(TokenizerDefinition.EosId);
        return ids.ToArray();
    }

    /// <summary>The symbols of <paramref name="ids"/> joined, without special tokens (for logs and reports).</summary>
    public string Decode(IEnumerable<int> ids) =>
        string.Concat(ids.Where(i => i > TokenizerDefinition.BlankId && i < Definition.Symbols.Count).Select(i => Definition.Symbols[i]));
}

/// <summary>The values of <see cref="TokenizerDefinition.Kind"/>.</summary>
public static class TokenizerKinds
{
    /// <summary>Characters of the cleaned text.</summary>
    public const string Characters = "characters";
    /// <summary>IPA phonemes from espeak-ng.</summary>
    public const string Phonemes = "phonemes";
}
