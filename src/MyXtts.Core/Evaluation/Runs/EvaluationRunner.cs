using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Prosody;
using MyXtts.Core.Evaluation.Signal;
using MyXtts.Core.Evaluation.Speaker;
using MyXtts.Core.Inference;
using MyXtts.Core.Reporting;
using Serilog;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// One evaluation of a checkpoint on a set of lines: synthesizes each line in the voice of its prompt
/// (<see cref="LineProduction"/>), then measures intelligibility and its ceilings, signal distances to the recording,
/// speaker similarity and voice identification, prosody, tempo-twin rate transfer, the selected metric plugins and MOS
/// predictors, and writes <c>metrics.json</c> and <c>metrics.csv</c> (<see cref="EvaluationFiles"/>) beside the WAVs and
/// figures. Used by <c>myxtts evaluate</c> and by training with <c>--enable-evaluation</c>.
/// </summary>
public sealed class EvaluationRunner(EvaluationEngines engines, EvaluationRunOptions options, ILogger log)
{
    /// <summary>Evaluates <paramref name="tts"/> on <paramref name="set"/>, writing everything into <paramref name="folder"/>.</summary>
    public EvaluationResults Run(SpeechSynthesizer tts, EvaluationSet set, string folder, string? trainingRun = null)
    {
        Directory.CreateDirectory(folder);
        log.Information("Evaluating {Checkpoint} (step {Step}) on {Lines} lines of {Set}", tts.Checkpoint, tts.Step, set.Lines.Count, set.Evaluated);
        using var production = new LineProduction(tts, engines, options, log);
        var lines = production.Produce(set, folder);
        var enrollment = set.Enrollment.Select(u => (u.Speaker, production.Load(u.AudioPath))).ToArray();
        var results = new EvaluationResults
        {
            Setup = Setup(tts, set), ModelConfiguration = ModelConfiguration(tts, trainingRun), TrainingRun = trainingRun, Step = tts.Step,
            Lines = set.Lines, Files = lines.Select(l => l.Files).ToArray(), Groups = Measure(tts, set, lines, enrollment),
        };
        EvaluationFiles.Write(results, folder);
        return results;
    }

    private List<MetricGroup> Measure(SpeechSynthesizer tts, EvaluationSet set, IReadOnlyList<ProducedLine> lines, (string, Abstractions.Evaluation.AudioClip)[] enrollment)
    {
        var utterances = lines.Select(l => l.Utterance).ToArray();
        var groups = new List<MetricGroup>();
        groups.AddRange(IntelligibilityScoring.Measure(engines.Asr, engines.AsrMissingReason, engines.AsrDescription, lines));
        using (var signal = new SignalMetric(tts.Mel))
            groups.Add(Group("signal", "Against the recording (silence trimmed, DTW-aligned): MCD, F0 RMSE, V/UV error, log-mel L1, duration ratio", signal, utterances));
        using (var embedder = engines.SpeakerEncoder is { } encoder ? new SpeakerSimilarityMetric(encoder) : new SpeakerSimilarityMetric())
            groups.AddRange(SpeakerScoring.Measure(embedder, standardize: engines.SpeakerEncoder is null, EmbeddingName(), lines, enrollment));
        using (var prosody = new ProsodyMetric(tts.Mel))
            groups.Add(Group("prosody", "Speaking rate and F0 of the output, and their ratios to the prompt (transfer) and to the recording", prosody, utterances));
        groups.Add(new MetricGroup(TempoTransfer.Name, "Speaking-rate transfer between tempo twins (same voice, two tempos)",
            TempoTransfer.Measure(set.Voices, lines.Select(TempoTransfer.Of).ToArray())));
        groups.Add(PromptRates(lines));
        foreach (var metric in engines.Metrics) groups.Add(Group(metric.Name, $"Metric plugin '{metric.Name}'", metric.Value, utterances));
        groups.AddRange(MosGroups(lines));
        return groups;
    }

    /// <summary>
    /// The speaking rate each prompt's transcript gave (how much faster than the model's own pace for the voice), per
    /// line and as the geometric mean and range over the prompts, so a prompt whose one sentence misled the estimate shows.
    /// </summary>
    private MetricGroup PromptRates(IReadOnlyList<ProducedLine> lines)
    {
        const string name = "prompt_speaking_rate", description = "Speaking rate measured from each prompt's transcript (× the model's own pace for the voice)";
        if (!options.ReferenceTranscripts)
            return new MetricGroup(name, description, MetricResult.Unavailable("Prompt transcripts were not used (--ignore-reference-transcripts): every output is at the model's own pace."));
        var perLine = lines.Select(l => MetricResult.Of(new Dictionary<string, double> { ["rate"] = l.PromptSpeakingRate, ["clips"] = l.PromptRateClips })).ToArray();
        var prompts = lines.GroupBy(l => l.Line.Reference.Id, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        var rates = prompts.Select(l => l.PromptSpeakingRate).ToArray();
        var summary = prompts.Length == 0 ? MetricResult.Unavailable("No line was evaluated.") : MetricResult.Of(new Dictionary<string, double>
        {
            ["prompts"] = prompts.Length, ["geometric_mean"] = Math.Exp(rates.Average(Math.Log)), ["min"] = rates.Min(), ["max"] = rates.Max(),
            ["mean_clips"] = prompts.Average(l => l.PromptRateClips),
        });
        return new MetricGroup(name, description, summary, perLine);
    }

    private static MetricGroup Group(string name, string description, IEvaluationMetric metric, IReadOnlyList<EvaluationUtterance> utterances)
    {
        var results = metric.Evaluate(utterances);
        return new MetricGroup(name, description, MetricSummary.Summarize(metric, results), results);
    }

    private IEnumerable<MetricGroup> MosGroups(IReadOnlyList<ProducedLine> lines)
    {
        if (engines.MosPredictors.Count == 0)
        {
            yield return new MetricGroup("mos", "Predicted mean opinion score",
                MetricResult.Unavailable("No MOS predictor is selected: none ships with MyXtts (no real UTMOS or MOSNet weights are at hand). " +
                                         "Add one as an IMosPredictor plugin and select it with --plugin."));
            yield break;
        }
        foreach (var predictor in engines.MosPredictors)
        {
            var output = predictor.Value.Predict(lines.Select(l => l.Output).ToArray());
            var truth = predictor.Value.Predict(lines.Select(l => l.GroundTruth).ToArray());
            var perLine = output.Select((m, i) => MetricResult.Of(new Dictionary<string, double> { ["mos"] = m, ["ground_truth_mos"] = truth[i] })).ToArray();
            yield return new MetricGroup($"mos_{predictor.Name}", $"Predicted MOS ({predictor.Name}); ground_truth_mos is the ceiling",
                MetricResult.Of(new Dictionary<string, double> { ["mos"] = output.Average(), ["ground_truth_mos"] = truth.Average() }), perLine);
        }
    }

    /// <summary>The training run's resolved configuration when the run folder has it, else the settings the checkpoint stores.</summary>
    private static string ModelConfiguration(SpeechSynthesizer tts, string? trainingRun)
    {
        var resolved = trainingRun is null ? null : Path.Combine(trainingRun, TrainingRunFolder.ResolvedConfigurationFile);
        return resolved is not null && File.Exists(resolved) ? File.ReadAllText(resolved)
            : System.Text.Json.JsonSerializer.Serialize(tts.Settings, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private string EmbeddingName() => engines.SpeakerEncoder is null ? $"{MfccStatisticsEmbedding.Name} (z-scored; not a neural speaker encoder)" : engines.SpeakerEncoderName;

    private IReadOnlyList<KeyValuePair<string, string>> Setup(SpeechSynthesizer tts, EvaluationSet set) =>
    [
        new("checkpoint", tts.Checkpoint), new("step", tts.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("model", tts.ModelDescription), new("vocoder", engines.VocoderName),
        new("evaluated lines", $"{set.Lines.Count} of {set.Evaluated}" + (set.WithoutReference > 0 ? $" ({set.WithoutReference} without a prompt left out)" : "")),
        new("reference pool", set.ReferencePool), new("reference rule", ReferenceRule.Description),
        new("speaking rate", !options.ReferenceTranscripts ? "the model's own pace for the voice (prompt transcripts not used)"
            : set.RatePrompts == 1 ? "each prompt's, measured with its transcript"
            : $"geometric mean over each prompt and the speaker's next clips by the same rule ({set.RatePrompts} in all), measured with their transcripts"),
        new("asr", engines.AsrDescription), new("speaker embedding", EmbeddingName()),
        new("griffin-lim ceiling", $"{engines.GriffinLim.Iterations} iterations"), new("seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("voices table", set.Voices is null ? "none" : $"{set.Voices.Rows.Count} voices, {set.Voices.TempoTwins().Count} tempo-twin pairs"),
    ];
}
