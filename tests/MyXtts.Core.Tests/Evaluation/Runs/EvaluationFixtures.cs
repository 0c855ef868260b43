using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Inference;

namespace MyXtts.Core.Tests.Evaluation.Runs;

/// <summary>Hand-made evaluation pieces: produced lines of tones and results with known numbers.</summary>
internal static class EvaluationFixtures
{
    public static AudioClip Tone(double hz, double seconds = 0.5, int rate = 16000) =>
        new(Enumerable.Range(0, (int)(seconds * rate)).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * hz * n / rate))).ToArray(), rate);

    public static ProducedLine Line(string id, string speaker, string text)
    {
        var line = new EvaluationLine(new RecordedUtterance(id, text, speaker, id + ".wav"), new RecordedUtterance(id + "_ref", "a prompt", speaker, id + "_ref.wav"));
        var synthesis = new SynthesisResult { Text = text, Symbols = text, Samples = Tone(200).Samples, SampleRate = 16000, Frames = 2, LogMel = new float[4] };
        return new ProducedLine(line, synthesis, Tone(200), Tone(210), Tone(190), Tone(205), null, new TeacherForcedPass(new float[4], 2, 2, null), new LineFiles($"wavs/{id}.wav"));
    }

    public static EvaluationResults Results(params MetricGroup[] groups)
    {
        var lines = new[] { Line("s1_h1", "s1", "the birch canoe"), Line("s2_h1", "s2", "smooth planks, \"quoted\"") };
        return new EvaluationResults
        {
            Setup = [new("checkpoint", "/runs/x/checkpoints/step-5.ckpt"), new("asr", "fake")], Step = 5, TrainingRun = null, ModelConfiguration = "{\"model\":{}}",
            Lines = lines.Select(l => l.Line).ToArray(), Files = lines.Select(l => l.Files).ToArray(), Groups = groups,
        };
    }

    public static MetricResult Of(params (string Key, double Value)[] values) => MetricResult.Of(values.ToDictionary(v => v.Key, v => v.Value));
}
