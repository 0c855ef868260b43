using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Reporting;
using MyXtts.Core.Reporting.Images;
using MyXtts.Core.Tests.Evaluation.Runs;

namespace MyXtts.Core.Tests.Reporting;

/// <summary>A hand-made training run folder: configuration, a metrics log, and an evaluation at step 4 with one showcased line.</summary>
internal static class ReportFolder
{
    public static string Write(string run)
    {
        File.WriteAllText(Path.Combine(run, TrainingRunFolder.ResolvedConfigurationFile), "{\"model\": {\"decoder_dim\": 16}}");
        File.WriteAllLines(Path.Combine(run, "metrics.jsonl"),
        [
            """{"step":1,"time":"t","train/mel_loss":2.0,"train/w_mel_loss":70.0,"train/loss":71.0,"train/lr":0.0001,"train/grad_norm":3}""",
            """{"step":2,"time":"t","train/mel_loss":1.5,"train/w_mel_loss":52.5,"train/loss":"NaN","train/lr":0.0002}""",
            """{"step":2,"time":"t","epoch/val/mel_loss":1.7,"epoch/val/loss":60.0}""",
            """{"step":4,"time":"t","eval/intelligibility/wer":0.5,"eval/signal/mcd_db":7.5}""",
            """{"step":5,"ti""",
        ]);
        var folder = TrainingRunFolder.EvaluationAt(run, 4);
        Directory.CreateDirectory(Path.Combine(folder, "wavs"));
        Directory.CreateDirectory(Path.Combine(folder, "figures"));
        WavWriter.Write(Path.Combine(folder, "wavs", "s1_h1.wav"), EvaluationFixtures.Tone(220).Samples, 16000);
        WavWriter.Write(Path.Combine(folder, "wavs", "s1_h1.ground_truth.wav"), EvaluationFixtures.Tone(230).Samples, 16000);
        var mel = Matrix.From(Enumerable.Range(0, 8 * 20).Select(i => (float)Math.Sin(i * 0.1)).ToArray(), 8, 20);
        File.WriteAllBytes(Path.Combine(folder, "figures", "s1_h1.mel.png"), MelImage.Png(mel, "predicted"));
        var results = EvaluationFixtures.Results(
            new MetricGroup(IntelligibilityScoring.Output, "WER", MetricResult.Unavailable("PocketSphinx is not installed. Install it with: sudo apt-get install pocketsphinx"),
                [MetricResult.Unavailable("no"), MetricResult.Unavailable("no")]),
            new MetricGroup("signal", "distances <MCD>", EvaluationFixtures.Of(("mcd_db", 7.25)), [EvaluationFixtures.Of(("mcd_db", 7.0)), EvaluationFixtures.Of(("mcd_db", 7.5))]));
        var files = results.Files.ToArray();
        files[0] = files[0] with { GroundTruth = "wavs/s1_h1.ground_truth.wav", MelFigure = "figures/s1_h1.mel.png" };
        EvaluationFiles.Write(results with { Files = files, TrainingRun = run, Step = 4 }, folder);
        return folder;
    }
}
