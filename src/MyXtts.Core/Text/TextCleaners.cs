using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MyXtts.Core.Text;

/// <summary>
/// Named text cleaning pipelines (the names Coqui and Tacotron users know). Cleaning happens before tokenization and
/// is part of the tokenizer's saved definition, so training and inference clean alike.
/// </summary>
public static partial class TextCleaners
{
    /// <summary>The cleaner names accepted by configuration (<c>data.text_cleaners</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["english_cleaners", "basic_cleaners", "multilingual_cleaners", "phoneme_cleaners"];

    /// <summary>Runs the named cleaners in order.</summary>
    /// <exception cref="ArgumentException">An unknown cleaner name; the message lists the valid ones.</exception>
    public static string Clean(string text, IEnumerable<string> cleaners)
    {
        foreach (var name in cleaners) text = Get(name)(text);
        return text;
    }

    /// <summary>The cleaner function for <paramref name="name"/>.</summary>
    public static Func<string, string> Get(string name) => name switch
    {
        "english_cleaners" => English,
        "basic_cleaners" => Basic,
        "multilingual_cleaners" => Multilingual,
        "phoneme_cleaners" => Phoneme,
        _ => throw new ArgumentException(
            $"Unknown text cleaner '{name}'. Valid cleaners: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>Unicode NFKC, typographic punctuation to ASCII, lower case, collapsed whitespace.</summary>
    public static string Basic(string text) => CollapseWhitespace(NormalizePunctuation(NormalizeUnicode(text)).ToLowerInvariant());

    /// <summary>English: basic cleaning plus numbers, ordinals, currency and abbreviations spelled out; diacritics removed.</summary>
    public static string English(string text)
    {
        text = NormalizePunctuation(NormalizeUnicode(text));
        text = Abbreviations.ExpandEnglish(text);
        text = NumberNormalizer.Expand(text);
        text = StripDiacritics(text).ToLowerInvariant();
        text = text.Replace("&", " and ").Replace("+", " plus ").Replace("@", " at ");
        return CollapseWhitespace(text);
    }

    /// <summary>Any language: basic cleaning that keeps every letter of every script (no transliteration, no number expansion).</summary>
    public static string Multilingual(string text) => CollapseWhitespace(NormalizePunctuation(NormalizeUnicode(text)).ToLowerInvariant());

    /// <summary>Before phonemization: English expansion without lower-casing concerns (espeak-ng reads case-insensitively).</summary>
    public static string Phoneme(string text) => CollapseWhitespace(NumberNormalizer.Expand(Abbreviations.ExpandEnglish(NormalizePunctuation(NormalizeUnicode(text)))));

    /// <summary>NFKC, then control and format characters removed (zero-width spaces, BOMs, soft hyphens).</summary>
    public static string NormalizeUnicode(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                if (c is '\t' or '\n' or '\r') sb.Append(' ');
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Curly quotes, dashes and ellipses to their ASCII forms, so one symbol stands for one sound boundary.</summary>
    public static string NormalizePunctuation(string text) => text
        .Replace('\u2018', '\'').Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
        .Replace('\u2013', '-').Replace('\u2014', '-').Replace("\u2026", "...").Replace('\u00A0', ' ');

    /// <summary>é → e, ñ → n (English only: other languages keep their letters).</summary>
    public static string StripDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Runs of whitespace become one space; ends trimmed.</summary>
    public static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
