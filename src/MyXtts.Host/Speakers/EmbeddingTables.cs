using System.Globalization;
using Spectre.Console;

namespace MyXtts.Host.Speakers;

/// <summary>Renders an <see cref="EmbeddingReport"/> for people: a clip table, the cosine matrix and the verification line.</summary>
public static class EmbeddingTables
{
    public static void Write(IAnsiConsole console, EmbeddingReport report)
    {
        console.WriteLine(Invariant($"Speaker encoder {report.Encoder}: {report.EmbeddingDim}-dim embeddings of {report.SampleRate} Hz audio, weights {report.Checkpoint}"));
        console.Write(Clips(report));
        console.WriteLine("Cosine similarity (embeddings L2-normalised):");
        console.Write(CosineMatrix(report));
        if (report.Verification is { } v && report.Threshold is { } t)
            console.WriteLine(Invariant(
                $"{(v.SameSpeaker ? "SAME speaker" : "DIFFERENT speakers")}: cosine {v.Cosine:0.0000} {(v.SameSpeaker ? ">=" : "<")} threshold {t.Value:0.####} ({t.Basis})"));
    }

    private static Table Clips(EmbeddingReport report)
    {
        var table = new Table().AddColumns("#", "clip", "file", "source Hz", "seconds", "dim", "norm");
        bool npy = report.Clips.Any(c => c.NpyPath is not null);
        if (npy) table.AddColumn("npy");
        for (int i = 0; i < report.Clips.Count; i++)
        {
            var c = report.Clips[i];
            var cells = new List<string>
            {
                (i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(c.Name), Markup.Escape(c.Clip.Path),
                c.Clip.SourceSampleRate.ToString(CultureInfo.InvariantCulture), Invariant($"{c.Clip.Seconds:0.00}"),
                c.Embedding.Length.ToString(CultureInfo.InvariantCulture), Invariant($"{c.Norm:0.0000}"),
            };
            if (npy) cells.Add(Markup.Escape(c.NpyPath ?? ""));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static Table CosineMatrix(EmbeddingReport report)
    {
        var table = new Table().AddColumn("");
        foreach (var c in report.Clips) table.AddColumn(new TableColumn(Markup.Escape(c.Name)).RightAligned());
        for (int i = 0; i < report.Clips.Count; i++)
            table.AddRow(new[] { Markup.Escape(report.Clips[i].Name) }
                .Concat(Enumerable.Range(0, report.Clips.Count).Select(j => Invariant($"{report.Cosine[i, j]:0.0000}"))).ToArray());
        return table;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
