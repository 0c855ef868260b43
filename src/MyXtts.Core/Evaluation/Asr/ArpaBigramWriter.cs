using System.Globalization;
using System.Text;
using MyXtts.Core.Evaluation.Intelligibility;

namespace MyXtts.Core.Evaluation.Asr;

/// <summary>
/// Writes a closed-vocabulary ARPA bigram language model from a list of sentences: interpolated absolute discounting
/// (D = 0.75) over add-½ unigrams, in backoff form. An in-domain model makes WER far more sensitive to what the
/// synthesizer got wrong (the generic 3-gram cannot tell a mumbled Harvard sentence from silence), and optimistic in
/// absolute terms because the references are in it: compare systems with the same LM, never against published WERs.
/// </summary>
public static class ArpaBigramWriter
{
    private const double Discount = 0.75;
    private const string Start = "<s>", End = "</s>";

    /// <summary>
    /// Normalises every sentence with <see cref="TranscriptNormalizer"/>, keeps the words in <paramref name="vocabulary"/>
    /// (the decoder's dictionary: a word it cannot pronounce must not be in the LM) and writes the model to <paramref name="path"/>.
    /// Returns the number of unigrams and bigrams written.
    /// </summary>
    public static (int Unigrams, int Bigrams) Write(string path, IEnumerable<string> sentences, ISet<string> vocabulary)
    {
        var counts = Count(sentences, vocabulary);
        if (counts.Unigrams.Count <= 2)
            throw new ArgumentException("None of the sentences has a word in the dictionary, so there is no language model to write.", nameof(sentences));
        var text = Format(counts);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return (counts.Unigrams.Count, counts.Bigrams.Count);
    }

    private sealed record Counts(Dictionary<string, int> Unigrams, Dictionary<(string, string), int> Bigrams);

    private static Counts Count(IEnumerable<string> sentences, ISet<string> vocabulary)
    {
        var unigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigrams = new Dictionary<(string, string), int>();
        foreach (var sentence in sentences)
        {
            var words = TranscriptNormalizer.Words(TranscriptNormalizer.Normalize(sentence)).Where(vocabulary.Contains);
            string[] tokens = [Start, .. words, End];
            for (int i = 0; i < tokens.Length; i++)
            {
                unigrams[tokens[i]] = unigrams.GetValueOrDefault(tokens[i]) + 1;
                if (i > 0) bigrams[(tokens[i - 1], tokens[i])] = bigrams.GetValueOrDefault((tokens[i - 1], tokens[i])) + 1;
            }
        }
        return new Counts(unigrams, bigrams);
    }

    private static string Format(Counts counts)
    {
        var words = counts.Unigrams.Keys.OrderBy(w => w, StringComparer.Ordinal).ToArray();
        // Add-½ unigram probabilities over everything but <s>, which is never predicted; they sum to one.
        long total = counts.Unigrams.Where(u => u.Key != Start).Sum(u => (long)u.Value);
        double denominator = total + 0.5 * (words.Length - 1);
        var unigram = counts.Unigrams.Where(u => u.Key != Start).ToDictionary(u => u.Key, u => (u.Value + 0.5) / denominator);

        var history = new Dictionary<string, (int Count, int Types)>();
        foreach (var ((a, _), c) in counts.Bigrams)
        {
            var h = history.GetValueOrDefault(a);
            history[a] = (h.Count + c, h.Types + 1);
        }
        var bigram = new Dictionary<(string, string), double>();
        foreach (var ((a, b), c) in counts.Bigrams)
        {
            var (count, types) = history[a];
            bigram[(a, b)] = (c - Discount) / count + Discount * types / count * unigram[b];
        }
        var backoff = Backoffs(bigram, unigram);

        var text = new StringBuilder();
        text.Append("\\data\\\n").Append(Inv($"ngram 1={words.Length}\nngram 2={bigram.Count}\n\n\\1-grams:\n"));
        foreach (var w in words)
            text.Append(Inv($"{(w == Start ? -99.0 : Math.Log10(unigram[w])):F4} {w} {backoff.GetValueOrDefault(w):F4}\n"));
        text.Append("\n\\2-grams:\n");
        foreach (var ((a, b), p) in bigram.OrderBy(e => e.Key.Item1, StringComparer.Ordinal).ThenBy(e => e.Key.Item2, StringComparer.Ordinal))
            text.Append(Inv($"{Math.Log10(p):F4} {a} {b}\n"));
        text.Append("\n\\end\\\n");
        return text.ToString();
    }

    /// <summary>
    /// Per history word: log10 of the probability mass left for its unseen successors over their unigram mass (so the
    /// backed-off distribution sums to one). Words never seen as a history get none (0).
    /// </summary>
    private static Dictionary<string, double> Backoffs(Dictionary<(string, string), double> bigram, Dictionary<string, double> unigram)
    {
        var mass = new Dictionary<string, (double Seen, double SeenUnigram)>(StringComparer.Ordinal);
        foreach (var ((a, b), p) in bigram)
        {
            var m = mass.GetValueOrDefault(a);
            mass[a] = (m.Seen + p, m.SeenUnigram + unigram[b]);
        }
        return mass.ToDictionary(m => m.Key, m => Math.Log10(Math.Max(1 - m.Value.Seen, 1e-9) / Math.Max(1 - m.Value.SeenUnigram, 1e-9)));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
