using MyXtts.Core.Data;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// The lines an evaluation synthesizes, the pool their voice prompts come from, every sentence of both (for an
/// in-domain ASR language model) and the sample corpus's voice table when there is one.
/// </summary>
public sealed record EvaluationSet
{
    /// <summary>The held-out folder inside a sample corpus.</summary>
    public const string HeldOutFolder = "heldout";

    public required IReadOnlyList<EvaluationLine> Lines { get; init; }
    /// <summary>Where the evaluated lines come from (a folder, or "validation split").</summary>
    public required string Evaluated { get; init; }
    /// <summary>Where the prompts come from.</summary>
    public required string ReferencePool { get; init; }
    /// <summary>Clips of each speaker from the pool for voice identification centroids (a few per speaker).</summary>
    public required IReadOnlyList<RecordedUtterance> Enrollment { get; init; }
    /// <summary>Every sentence of the evaluated lines and the pool.</summary>
    public required IReadOnlyList<string> Sentences { get; init; }
    /// <summary>Lines left out because the pool had no other utterance of their speaker.</summary>
    public int WithoutReference { get; init; }
    public VoiceTable? Voices { get; init; }

    /// <summary>Clips per speaker the speaking rate is measured over: the prompt and the speaker's next ones by <see cref="ReferenceRule"/>.</summary>
    public int RatePrompts { get; init; } = 1;

    /// <summary>
    /// Rate clips per speaker when not told otherwise: six bring one sentence's stray (sd 0.035–0.07 in log) to about
    /// 2 %, which the tempo-twin bar (5 %) needs; each costs one synthesis per speaker without the vocoder.
    /// </summary>
    public const int DefaultRatePrompts = 6;

    /// <summary>Clips per speaker used as identification centroids.</summary>
    public const int EnrollmentPerSpeaker = 5;

    /// <summary>
    /// Lines from <paramref name="evaluated"/> (at most <paramref name="maxLines"/>, in file order) with prompts from
    /// <paramref name="pool"/> by <see cref="ReferenceRule"/>; lines whose speaker has no other clip in the pool are left out.
    /// Each line also gets up to <paramref name="ratePrompts"/> − 1 further clips of its speaker for the speaking rate.
    /// </summary>
    public static EvaluationSet From(IReadOnlyList<RecordedUtterance> evaluated, IReadOnlyList<RecordedUtterance> pool, int? maxLines,
        string evaluatedName, string poolName, VoiceTable? voices, int ratePrompts = DefaultRatePrompts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratePrompts, 1);
        var rule = new ReferenceRule(pool);
        var lines = new List<EvaluationLine>();
        var missing = 0;
        foreach (var target in evaluated)
        {
            if (maxLines is { } max && lines.Count >= max) break;
            var prompts = rule.PickMany(target, ratePrompts);
            if (prompts.Count > 0) lines.Add(new EvaluationLine(target, prompts[0]) { RatePrompts = prompts.Skip(1).ToArray() });
            else missing++;
        }
        var enrollment = pool.GroupBy(u => u.Speaker, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(u => u.Id, StringComparer.Ordinal).Take(EnrollmentPerSpeaker)).ToArray();
        return new EvaluationSet
        {
            Lines = lines, Evaluated = evaluatedName, ReferencePool = poolName, Enrollment = enrollment, WithoutReference = missing, Voices = voices,
            RatePrompts = ratePrompts,
            Sentences = evaluated.Concat(pool).Select(u => u.Text).Distinct(StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>
    /// Opens a dataset folder for evaluation. The evaluated lines are <c>DIR/heldout</c> when it exists (a sample corpus),
    /// else DIR itself; the prompts come from <paramref name="referenceData"/> when given, else from DIR's parent when DIR
    /// is a <c>heldout</c> folder inside a corpus, else from DIR (the corpus that holds the held-out split). Throws
    /// <see cref="InvalidOperationException"/> when no line has a usable prompt.
    /// </summary>
    public static EvaluationSet Open(string data, string? referenceData, int? maxLines, SpeakerResolver speakers, SkipLog skips, int ratePrompts = DefaultRatePrompts)
    {
        var (evaluatedDir, poolDir) = Folders(Path.GetFullPath(data), referenceData is null ? null : Path.GetFullPath(referenceData));
        var evaluated = Read(evaluatedDir, speakers, skips);
        var pool = poolDir == evaluatedDir ? evaluated : Read(poolDir, speakers, skips);
        var set = From(evaluated, pool, maxLines, evaluatedDir, poolDir, VoiceTable.Find(evaluatedDir, poolDir), ratePrompts);
        if (set.Lines.Count == 0)
            throw new InvalidOperationException($"None of the {evaluated.Count} lines of {evaluatedDir} has a voice prompt: the reference pool {poolDir} has no other " +
                                                "utterance of their speakers. Give --reference-data with clips of the same speakers.");
        return set;
    }

    /// <summary>The evaluated and the reference folder for <paramref name="data"/> (see <see cref="Open"/>).</summary>
    public static (string Evaluated, string Pool) Folders(string data, string? referenceData)
    {
        var heldOut = Path.Combine(data, HeldOutFolder);
        if (File.Exists(Path.Combine(heldOut, "metadata.csv"))) return (heldOut, referenceData ?? data);
        var parent = Path.GetDirectoryName(data.TrimEnd(Path.DirectorySeparatorChar));
        if (referenceData is null && Path.GetFileName(data.TrimEnd(Path.DirectorySeparatorChar)) == HeldOutFolder
            && parent is not null && File.Exists(Path.Combine(parent, "metadata.csv")))
            return (data, parent);
        return (data, referenceData ?? data);
    }

    /// <summary>The usable utterances of a dataset folder or metadata file, in file order.</summary>
    public static IReadOnlyList<RecordedUtterance> Read(string dataset, SpeakerResolver speakers, SkipLog skips) =>
        DatasetIndexer.Index(DatasetSource.Resolve(dataset), speakers, skips).Select(FromItem).ToArray();

    /// <summary>A dataset item as a recorded utterance, with the normalised text (what training tokenised and the speaker said).</summary>
    public static RecordedUtterance FromItem(DatasetItem item) => new(item.Id, item.NormalizedText, item.Speaker, item.AudioPath);
}
