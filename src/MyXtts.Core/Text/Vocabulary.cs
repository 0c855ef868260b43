namespace MyXtts.Core.Text;

/// <summary>Builds symbol lists: the special tokens, a fixed base set, then whatever else the training data uses.</summary>
public static class Vocabulary
{
    /// <summary>Punctuation and space every vocabulary has, so prosody marks survive even when rare in the data.</summary>
    public const string BasePunctuation = " !'\"(),-.:;?";

    /// <summary>The English letters every character vocabulary has.</summary>
    public const string BaseLetters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Special tokens + base set + every other symbol seen in <paramref name="cleanedTexts"/>, sorted by code point so the
    /// same data always gives the same ids. No duplicates.
    /// </summary>
    public static IReadOnlyList<string> Build(IEnumerable<string> cleanedTexts, string baseSymbols)
    {
        var symbols = new List<string> { TokenizerDefinition.Pad, TokenizerDefinition.Bos, TokenizerDefinition.Eos, TokenizerDefinition.Blank };
        var seen = new HashSet<string>(symbols, StringComparer.Ordinal);
        foreach (var c in baseSymbols)
            if (seen.Add(c.ToString())) symbols.Add(c.ToString());
        var extra = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in cleanedTexts)
            foreach (var symbol in SymbolSplitter.Split(text))
                if (!seen.Contains(symbol)) extra.Add(symbol);
        symbols.AddRange(extra);
        return symbols;
    }
}
