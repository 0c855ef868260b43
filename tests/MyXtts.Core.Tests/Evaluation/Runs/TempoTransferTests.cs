using MyXtts.Core.Evaluation.Runs;

namespace MyXtts.Core.Tests.Evaluation.Runs;

public sealed class TempoTransferTests
{
    private static VoiceTable Table(string text)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(VoiceTable.FileName), text);
        return VoiceTable.Find(dir.Path)!;
    }

    private static readonly VoiceTable Flite = Table(
        "speaker\tengine\tvoice\tpitch\trate\tdescription\n" +
        "spk01\tflite\trms\t0\t1\tflite rms\nspk02\tflite\tslt\t0\t1\tflite slt\n" +
        "spk05\tflite\trms\t0\t1.15\tflite rms slow\nspk06\tflite\tslt\t0\t0.9\tflite slt fast\n");

    [Fact]
    public void Tempo_twins_are_speakers_with_one_engine_voice_and_pitch_at_two_rates()
    {
        Assert.Equal([("spk01", "spk05"), ("spk02", "spk06")], Flite.TempoTwins());
    }

    [Fact]
    public void An_output_that_keeps_the_recorded_tempo_differences_transfers_fully_and_one_rate_for_both_transfers_nothing()
    {
        // spk05 speaks 1.15x longer than spk01; spk06 0.9x as long as spk02 (twins differ in both directions).
        TempoTransfer.Timing T(string speaker, string text, double output, double truth) => new(speaker, text, output, truth);
        var faithful = new[] { T("spk01", "A b.", 2.0, 2.0), T("spk05", "a B", 2.3, 2.3), T("spk02", "c", 3.0, 3.0), T("spk06", "c", 2.7, 2.7) };
        var flat = new[] { T("spk01", "a b", 2.0, 2.0), T("spk05", "a b", 2.0, 2.3), T("spk02", "c", 3.0, 3.0), T("spk06", "c", 3.0, 2.7) };

        var full = TempoTransfer.Measure(Flite, faithful);
        var none = TempoTransfer.Measure(Flite, flat);

        Assert.Equal(2, full.Values["pairs"]);
        Assert.Equal(1.0, full.Values["transfer"], 6);
        Assert.Equal(Math.Sqrt(1.15 / 0.9), full.Values["ground_truth_ratio"], 6);
        Assert.Equal(0.0, none.Values["transfer"], 6);
        Assert.Equal(1.0, none.Values["output_ratio"], 6);
    }

    [Fact]
    public void Without_a_voices_table_or_a_sentence_said_by_both_twins_the_transfer_is_unavailable_with_the_reason()
    {
        var noTable = TempoTransfer.Measure(null, []);
        var noPairs = TempoTransfer.Measure(Flite, [new TempoTransfer.Timing("spk01", "a", 1, 1), new TempoTransfer.Timing("spk05", "b", 1, 1)]);

        Assert.False(noTable.IsAvailable);
        Assert.Contains("make-sample", noTable.UnavailableReason);
        Assert.False(noPairs.IsAvailable);
        Assert.Contains("--max-utterances", noPairs.UnavailableReason);
    }
}
