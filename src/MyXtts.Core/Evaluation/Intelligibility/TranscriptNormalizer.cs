using System.Globalization;
using System.Text;
using MyXtts.Core.Text;

namespace MyXtts.Core.Evaluation.Intelligibility;

/// <summary>
/// The one normalisation applied to both the reference text and the ASR hypothesis before WER/CER, so the score
/// counts misrecognised words, not formatting: numbers spelled out (<see cref="NumberNormalizer"/>), lower case,
/// accents folded, hyphens and other punctuation become spaces, apostrophes inside words are kept ("don't"),
/// whitespace collapsed.
/// </summary>
public static class TranscriptNormalizer
{
    /// <summary>The normalised text, words separated by single spaces.</summary>
    public static string Normalize(string text)
    {
        var expanded = NumberNormalizer.Expand(text).Normalize(NormalizationForm.FormD).ToLowerInvariant();
        var builder = new StringBuilder(expanded.Length);
        foreach (var c in expanded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;   // é → e
            builder.Append(char.IsLetterOrDigit(c) || IsApostrophe(c) ? (IsApostrophe(c) ? '\'' : c) : ' ');
        }
        return string.Join(' ', Words(builder.ToString()));
    }

    /// <summary>The words of a normalised text.</summary>
    public static string[] Words(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\''))          // quotes around words, not apostrophes inside them
            .Where(w => w.Length > 0).ToArray();

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';
}
