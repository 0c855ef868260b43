namespace MyXtts.Core.Evaluation.Asr;

/// <summary>The words of a CMU-format pronunciation dictionary (<c>word PH ON ES</c>, variants as <c>word(2)</c>).</summary>
public static class PronunciationDictionary
{
    /// <summary>The distinct words, variant suffixes removed.</summary>
    public static HashSet<string> ReadWords(string path)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            int space = line.IndexOfAny([' ', '\t']);
            if (space <= 0) continue;
            var word = line[..space];
            int variant = word.LastIndexOf('(');
            if (variant > 0 && word.EndsWith(')')) word = word[..variant];
            words.Add(word);
        }
        return words;
    }
}
