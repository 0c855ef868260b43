using MyXtts.Core.Evaluation.Intelligibility;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// Which clip prompts the voice of each evaluated line, so that results are reproducible and never flattered by the
/// model hearing the answer: among the reference pool's utterances of the line's speaker, leave out the line itself
/// (same id) and any utterance of the same sentence (normalised text), and take the first by ordinal id. Every line of
/// a speaker therefore shares one prompt (unless it is that prompt), which also makes lines comparable with each other.
/// The pool is the training split when the evaluated lines are a held-out or validation split, else the set itself.
/// </summary>
public sealed class ReferenceRule
{
    /// <summary>How reports state the rule.</summary>
    public const string Description =
        "same speaker, different utterance and sentence: the first clip by id of the speaker in the reference pool";

    private readonly Dictionary<string, RecordedUtterance[]> _bySpeaker;

    /// <summary>Indexes <paramref name="pool"/> by speaker, each speaker's clips in ordinal id order.</summary>
    public ReferenceRule(IEnumerable<RecordedUtterance> pool) =>
        _bySpeaker = pool.GroupBy(u => u.Speaker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>The prompt for <paramref name="target"/>, or null when the pool has no other utterance of the speaker.</summary>
    public RecordedUtterance? Pick(RecordedUtterance target) => PickMany(target, 1).FirstOrDefault();

    /// <summary>
    /// The prompt for <paramref name="target"/> and the speaker's next clips by the same rule, at most
    /// <paramref name="count"/> in all (fewer when the pool has fewer), prompt first. Evaluation measures the speaking
    /// rate over them.
    /// </summary>
    public IReadOnlyList<RecordedUtterance> PickMany(RecordedUtterance target, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!_bySpeaker.TryGetValue(target.Speaker, out var clips)) return [];
        var sentence = TranscriptNormalizer.Normalize(target.Text);
        return clips.Where(u => u.Id != target.Id && TranscriptNormalizer.Normalize(u.Text) != sentence).Take(count).ToArray();
    }
}
