using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Intelligibility;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// WER and CER of the outputs and of their ceilings through one ASR pass (the engine loads its model once): the
/// recordings themselves (what the ASR can do on real speech), Griffin-Lim on the ground-truth mels (the best an
/// acoustic model can reach with Griffin-Lim: it loses nothing but the vocoder), and the vocoder under test on the
/// ground-truth mels when it is not Griffin-Lim.
/// </summary>
public static class IntelligibilityScoring
{
    /// <summary>Names of the groups, in report order.</summary>
    public const string Output = "intelligibility", GriffinLimCeiling = "intelligibility_griffin_lim_ground_truth",
        VocoderCeiling = "intelligibility_vocoder_ground_truth", Recordings = "intelligibility_ground_truth";

    /// <summary>One group per clip set; every group unavailable (with the reason) when the engine is absent or fails.</summary>
    public static IReadOnlyList<MetricGroup> Measure(IAsrEngine? engine, string missingReason, string engineDescription, IReadOnlyList<ProducedLine> lines)
    {
        var sets = new List<(string Name, string Description, AudioClip[] Clips)>
        {
            (Output, $"WER/CER of the synthesized speech ({engineDescription})", lines.Select(l => l.Output).ToArray()),
            (GriffinLimCeiling, "Ceiling: Griffin-Lim on the ground-truth mels", lines.Select(l => l.GriffinLimGroundTruth).ToArray()),
        };
        if (lines.Count > 0 && lines.All(l => l.VocoderGroundTruth is not null))
            sets.Add((VocoderCeiling, "Ceiling: the vocoder under test on the ground-truth mels", lines.Select(l => l.VocoderGroundTruth!).ToArray()));
        sets.Add((Recordings, "The ground-truth recordings (what the ASR gets right on real speech)", lines.Select(l => l.GroundTruth).ToArray()));

        var reason = engine is null ? missingReason : engine.UnavailableReason is { Length: > 0 } r ? r : null;
        IReadOnlyList<string>? transcripts = null;
        if (reason is null)
        {
            try { transcripts = engine!.Transcribe(sets.SelectMany(s => s.Clips).ToArray()); }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                reason = $"The ASR engine failed: {e.Message}";
            }
        }
        var groups = new List<MetricGroup>();
        var offset = 0;
        foreach (var (name, description, clips) in sets)
        {
            if (transcripts is null)
            {
                var unavailable = MetricResult.Unavailable(reason!);
                groups.Add(new MetricGroup(name, description, unavailable, clips.Select(_ => unavailable).ToArray()));
                continue;
            }
            var results = lines.Select((l, i) => IntelligibilityMetric.Score(l.Line.Text, transcripts[offset + i])).ToArray();
            offset += clips.Length;
            groups.Add(new MetricGroup(name, description, new IntelligibilityMetric(engine!).Summarize(results), results));
        }
        return groups;
    }
}
