namespace MyXtts.Core.Data.Sample;

/// <summary>The shipped sentence list (Harvard sentences, public domain): lines 1–670 train, 671–720 held out.</summary>
public static class SampleSentences
{
    /// <summary>Sentences available for training clips.</summary>
    public const int TrainingPool = 670;

    private static readonly Lazy<IReadOnlyList<string>> Lines = new(Load);

    /// <summary>All 720 sentences in list order.</summary>
    public static IReadOnlyList<string> All => Lines.Value;

    /// <summary>Sentences 1–670.</summary>
    public static IEnumerable<string> Training => All.Take(TrainingPool);

    /// <summary>Sentences 671–720, never used for training clips.</summary>
    public static IEnumerable<string> HeldOut => All.Skip(TrainingPool);

    private static IReadOnlyList<string> Load()
    {
        using var stream = typeof(SampleSentences).Assembly.GetManifestResourceStream("MyXtts.Core.Data.Sample.harvard.txt")
            ?? throw new InvalidOperationException("The embedded sentence list is missing from MyXtts.Core (build problem).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim().Replace('|', ',')).Where(l => l.Length > 0).ToList();
    }
}
