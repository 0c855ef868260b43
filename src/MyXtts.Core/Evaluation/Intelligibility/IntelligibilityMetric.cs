using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Evaluation.Asr;

namespace MyXtts.Core.Evaluation.Intelligibility;

/// <summary>
/// WER and CER of the synthesized audio as heard by the run's ASR engine (PocketSphinx with its generic LM when no
/// engine plugin is selected), against the synthesized text; both normalised by <see cref="TranscriptNormalizer"/>.
/// Per utterance: <c>wer</c>, <c>cer</c> and the edit counts; over the set: total edits / total reference length.
/// Unavailable, with the install command, when the engine cannot run.
/// </summary>
[Plugin("intelligibility", Summary = "WER and CER of the output through the ASR engine (PocketSphinx by default), normalised text")]
public sealed class IntelligibilityMetric : IEvaluationMetric, ICorpusMetric
{
    private readonly IAsrEngine _engine;

    /// <summary>Uses the run's ASR engine.</summary>
    public IntelligibilityMetric(IAsrEngine engine) => _engine = engine;

    /// <summary>Uses PocketSphinx with its default options (generic US English LM).</summary>
    public IntelligibilityMetric() : this(new PocketSphinxEngine(new PocketSphinxOptions())) { }

    /// <inheritdoc />
    public IReadOnlyList<MetricResult> Evaluate(IReadOnlyList<EvaluationUtterance> utterances)
    {
        if (_engine.UnavailableReason is { Length: > 0 } reason) return utterances.Select(_ => MetricResult.Unavailable(reason)).ToArray();
        var transcripts = _engine.Transcribe(utterances.Select(u => u.Output).ToArray());
        return utterances.Select((u, i) => Score(u.Text, transcripts[i])).ToArray();
    }

    /// <inheritdoc />
    public MetricResult Summarize(IReadOnlyList<MetricResult> utterances)
    {
        var measured = utterances.Where(r => r.IsAvailable).ToArray();
        if (measured.Length == 0)
            return MetricResult.Unavailable(utterances.FirstOrDefault(r => !r.IsAvailable)?.UnavailableReason ?? "No utterances were evaluated.");
        double Sum(string key) => measured.Sum(r => r.Values[key]);
        return MetricResult.Of(new Dictionary<string, double>
        {
            ["wer"] = Sum("word_errors") / Math.Max(1, Sum("reference_words")),
            ["cer"] = Sum("char_errors") / Math.Max(1, Sum("reference_chars")),
            ["substitutions"] = Sum("substitutions"),
            ["deletions"] = Sum("deletions"),
            ["insertions"] = Sum("insertions"),
            ["reference_words"] = Sum("reference_words"),
        });
    }

    /// <summary>The per-utterance result for one transcript.</summary>
    public static MetricResult Score(string text, string transcript)
    {
        var rates = ErrorRates.Measure(text, transcript);
        return MetricResult.Of(new Dictionary<string, double>
        {
            ["wer"] = rates.Wer,
            ["cer"] = rates.Cer,
            ["word_errors"] = rates.Words.Errors,
            ["substitutions"] = rates.Words.Substitutions,
            ["deletions"] = rates.Words.Deletions,
            ["insertions"] = rates.Words.Insertions,
            ["reference_words"] = rates.Words.ReferenceLength,
            ["char_errors"] = rates.Characters.Errors,
            ["reference_chars"] = rates.Characters.ReferenceLength,
        }) with { Texts = new Dictionary<string, string> { ["transcript"] = transcript } };
    }
}
