using MyXtts.Abstractions.Evaluation;
using MyXtts.Core.Evaluation.Runs;
using MyXtts.Core.Reporting.Html;

namespace MyXtts.Core.Tests.Evaluation.Runs;

public sealed class EvaluationFilesTests
{
    private static readonly EvaluationResults Results = EvaluationFixtures.Results(
        new MetricGroup("signal", "distances", EvaluationFixtures.Of(("mcd_db", 6.5)), [EvaluationFixtures.Of(("mcd_db", 6.0)), EvaluationFixtures.Of(("mcd_db", 7.0))]),
        new MetricGroup("intelligibility", "wer", MetricResult.Unavailable("Install it with: apt-get install pocketsphinx"),
            [MetricResult.Unavailable("no engine"), MetricResult.Unavailable("no engine")]),
        new MetricGroup("tempo_twins", "set level only", EvaluationFixtures.Of(("transfer", 0.5), ("odd", double.NaN))));

    [Fact]
    public void The_csv_has_one_row_per_line_then_the_set_row_and_leaves_unavailable_numbers_empty()
    {
        var rows = EvaluationFiles.Csv(Results).TrimEnd('\n').Split('\n');

        Assert.Equal("id,speaker,text,reference_id,signal.mcd_db,tempo_twins.transfer,tempo_twins.odd", rows[0]);
        Assert.Equal("s1_h1,s1,the birch canoe,s1_h1_ref,6,,", rows[1]);
        Assert.Equal("s2_h1,s2,\"smooth planks, \"\"quoted\"\"\",s2_h1_ref,7,,", rows[2]);
        Assert.Equal("ALL,,,,6.5,0.5,", rows[3]);
    }

    [Fact]
    public void Metrics_json_reads_back_with_values_reasons_lines_and_files_and_never_turns_unavailable_into_zero()
    {
        using var dir = new TempDirectory();
        EvaluationFiles.Write(Results, dir.Path);

        var document = EvaluationDocument.Read(dir.Path);

        Assert.Equal(5, document.Step);
        Assert.Equal(6.5, document.Scalars()["signal/mcd_db"]);
        Assert.False(document.Scalars().ContainsKey("intelligibility/wer"));
        Assert.Contains("apt-get install pocketsphinx", document.Groups.Single(g => g.Name == "intelligibility").Summary.UnavailableReason);
        Assert.True(double.IsNaN(document.Groups.Single(g => g.Name == "tempo_twins").Summary.Values["odd"]));
        Assert.Equal(7.0, document.Lines[1].Metrics["signal"].Values["mcd_db"]);
        Assert.False(document.Lines[0].Metrics["intelligibility"].IsAvailable);
        Assert.Equal("wavs/s1_h1.wav", document.Lines[0].Files["output"]);
        Assert.Equal("/runs/x/checkpoints/step-5.ckpt", document.Setup[0].Value);
    }

    [Fact]
    public void Scalars_name_set_values_by_group_and_leave_out_unavailable_groups_and_non_finite_values()
    {
        var scalars = Results.Scalars("eval/");

        Assert.Equal(new Dictionary<string, double> { ["eval/signal/mcd_db"] = 6.5, ["eval/tempo_twins/transfer"] = 0.5 }, scalars);
        Assert.Contains("WER unavailable", EvaluationSummary.Line(Results));
        Assert.Contains("MCD 6.50 dB", EvaluationSummary.Line(Results));
    }
}
