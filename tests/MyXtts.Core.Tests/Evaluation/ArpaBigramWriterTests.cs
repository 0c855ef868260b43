using System.Globalization;
using MyXtts.Core.Evaluation.Asr;
using MyXtts.Core.Tests.TestSupport;

namespace MyXtts.Core.Tests.Evaluation;

public class ArpaBigramWriterTests
{
    private static readonly HashSet<string> Vocabulary = ["the", "cat", "sat", "dog", "ran", "on", "mat"];

    private static (Dictionary<string, (double LogP, double Backoff)> Unigrams, Dictionary<(string, string), double> Bigrams, string Text) Write()
    {
        using var folder = new TempDirectory();
        var path = folder.File("lm.arpa");
        ArpaBigramWriter.Write(path, ["The cat sat on the mat.", "The dog ran!", "The zebra sat."], Vocabulary);
        var text = File.ReadAllText(path);
        var unigrams = new Dictionary<string, (double, double)>();
        var bigrams = new Dictionary<(string, string), double>();
        string section = "";
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('\\')) { section = line; continue; }
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double P(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            if (section == "\\1-grams:" && f.Length == 3) unigrams[f[1]] = (P(0), P(2));
            if (section == "\\2-grams:" && f.Length == 3) bigrams[(f[1], f[2])] = P(0);
        }
        return (unigrams, bigrams, text);
    }

    [Fact]
    public void The_header_counts_match_the_listed_ngrams_and_unknown_words_are_left_out()
    {
        var (unigrams, bigrams, text) = Write();
        Assert.Contains($"ngram 1={unigrams.Count}\n", text);
        Assert.Contains($"ngram 2={bigrams.Count}\n", text);
        Assert.DoesNotContain("zebra", text);
        Assert.True(bigrams.ContainsKey(("the", "sat")));   // "the zebra sat" keeps its known words
        Assert.EndsWith("\\end\\\n", text);
    }

    [Fact]
    public void Every_history_gives_a_distribution_that_sums_to_one_after_backoff()
    {
        var (unigrams, bigrams, _) = Write();
        foreach (var history in unigrams.Keys.Where(w => w != "</s>"))
        {
            double total = unigrams.Keys.Where(w => w != "<s>").Sum(w => bigrams.TryGetValue((history, w), out var logP)
                ? Math.Pow(10, logP)
                : Math.Pow(10, unigrams[history].Backoff + unigrams[w].LogP));
            Assert.True(Math.Abs(total - 1) < 2e-3, $"P(.|{history}) sums to {total}");
        }
    }
}
