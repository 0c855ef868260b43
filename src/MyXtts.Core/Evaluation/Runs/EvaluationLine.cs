namespace MyXtts.Core.Evaluation.Runs;

/// <summary>A recorded utterance of a dataset: what was said, by whom, and where the audio is.</summary>
public sealed record RecordedUtterance(string Id, string Text, string Speaker, string AudioPath);

/// <summary>
/// One line to synthesize and judge: the text and its ground-truth recording, and the voice prompt chosen for it by
/// <see cref="ReferenceRule"/> (same speaker, another utterance).
/// </summary>
public sealed record EvaluationLine(RecordedUtterance Target, RecordedUtterance Reference)
{
    public string Id => Target.Id;
    public string Text => Target.Text;
    public string Speaker => Target.Speaker;

    /// <summary>
    /// Further clips of the speaker (same rule, after the prompt) whose transcripts the speaking rate is also measured
    /// with; empty when the rate comes from the prompt alone.
    /// </summary>
    public IReadOnlyList<RecordedUtterance> RatePrompts { get; init; } = [];
}
