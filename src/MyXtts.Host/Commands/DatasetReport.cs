using System.Globalization;
using MyXtts.Core.Data;
using MyXtts.Core.Data.Preparation;
using Spectre.Console;

namespace MyXtts.Host.Commands;

/// <summary>The table <c>myxtts dataset check</c> prints: what is usable, per speaker, and what was skipped and why.</summary>
public static class DatasetReport
{
    public static void Render(IAnsiConsole console, OpenedDatasets opened, int sampleRate)
    {
        var splits = new[] { ("train", opened.Train), ("validation", opened.Validation) };
        var summary = new Table().Title("Dataset").AddColumns("split", "clips", "speakers", "hours", "mean s", "source sample rates");
        foreach (var (name, data) in splits)
        {
            var seconds = data.Samples.Select(s => s / (double)sampleRate).ToList();
            var rates = data.SourceSampleRates.GroupBy(r => r)
                .OrderBy(g => g.Key).Select(g => $"{g.Key} Hz × {g.Count()}");
            summary.AddRow(name, data.Count.ToString(CultureInfo.InvariantCulture),
                data.Items.Select(i => i.Speaker).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                F(seconds.Sum() / 3600, "0.000"), seconds.Count == 0 ? "-" : F(seconds.Average(), "0.00"), Markup.Escape(string.Join(", ", rates)));
        }
        console.Write(summary);

        var perSpeaker = new Table().Title("Per speaker (train + validation)").AddColumns("speaker", "clips", "minutes");
        foreach (var group in splits.SelectMany(s => Enumerable.Range(0, s.Item2.Count).Select(i => (s.Item2.Speaker(i), s.Item2.Samples[i])))
                     .GroupBy(p => p.Item1).OrderBy(g => g.Key, StringComparer.Ordinal))
            perSpeaker.AddRow(Markup.Escape(group.Key), group.Count().ToString(CultureInfo.InvariantCulture), F(group.Sum(p => p.Item2) / (double)sampleRate / 60, "0.00"));
        console.Write(perSpeaker);

        console.WriteLine($"Tokenizer: {opened.Tokenizer.Definition.Kind}, {opened.Tokenizer.Definition.Symbols.Count} symbols" +
                          (opened.Tokenizer.Unknown.Total > 0 ? $"; {opened.Tokenizer.Unknown.Total} unknown symbol occurrences dropped ({string.Join(" ", opened.Tokenizer.Unknown.Counts.Select(kv => $"'{kv.Key}'×{kv.Value}"))})" : ""));
        if (opened.Skips.Total == 0)
        {
            console.WriteLine("Skipped: none.");
            return;
        }
        var skipped = new Table().Title($"Skipped: {opened.Skips.Total}").AddColumns("reason", "count", "first examples");
        foreach (var (reason, count) in opened.Skips.Counts.OrderBy(kv => kv.Key))
            skipped.AddRow(reason.ToString(), count.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join("\n", opened.Skips.Examples(reason))));
        console.Write(skipped);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
