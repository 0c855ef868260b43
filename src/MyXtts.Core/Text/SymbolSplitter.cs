namespace MyXtts.Core.Text;

/// <summary>
/// Splits text into symbols: one per UTF-16 code point, except that combining marks (IPA diacritics, tie bars) stay
/// attached to their base letter, so "t̪" is one symbol rather than a letter plus an orphan mark.
/// </summary>
public static class SymbolSplitter
{
    /// <summary>The symbols of <paramref name="text"/> in order.</summary>
    public static IEnumerable<string> Split(string text)
    {
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) yield return e.GetTextElement();
    }
}
