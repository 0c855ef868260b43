using MyXtts.Core.Evaluation.Intelligibility;

namespace MyXtts.Core.Evaluation.Prosody;

/// <summary>
/// English syllables estimated from spelling: vowel groups (a e i o u y) per word, a silent final "e" dropped
/// (but not in "-le" as in "table"), at least one per word; numbers are spelled out first. Off by a syllable on some
/// words, which cancels in a rate ratio between utterances of the same text; no phonemizer is needed.
/// </summary>
public static class SyllableCounter
{
    /// <summary>Estimated syllables in <paramref name="text"/>.</summary>
    public static int Count(string text) => TranscriptNormalizer.Words(TranscriptNormalizer.Normalize(text)).Sum(CountWord);

    /// <summary>Estimated syllables in one lower-case word.</summary>
    public static int CountWord(string word)
    {
        int groups = 0;
        bool previousVowel = false;
        foreach (var c in word)
        {
            bool vowel = c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            if (vowel && !previousVowel) groups++;
            previousVowel = vowel;
        }
        if (word.Length > 2 && word.EndsWith('e') && !word.EndsWith("le") && !IsVowel(word[^2])) groups--;
        return Math.Max(1, groups);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
