using MyXtts.Core.Reporting;
using MyXtts.Core.Reporting.Html;

namespace MyXtts.Core.Tests.Reporting;

public sealed class RunReportTests
{
    [Fact]
    public void The_metrics_log_keeps_numbers_and_skips_text_values_and_a_torn_last_line()
    {
        using var run = new TempDirectory();
        ReportFolder.Write(run.Path);

        var records = MetricsLog.Read(run.File("metrics.jsonl"));

        Assert.Equal(4, records.Count);
        Assert.False(records[1].Scalars.ContainsKey("train/loss"));
        var (steps, values) = MetricsLog.Series(records, "train/mel_loss");
        Assert.Equal([1.0, 2.0], steps);
        Assert.Equal([2.0, 1.5], values);
    }

    [Fact]
    public void Training_charts_cover_raw_and_weighted_terms_learning_rate_validation_and_evaluation_as_png()
    {
        using var run = new TempDirectory();
        ReportFolder.Write(run.Path);

        var charts = TrainingCharts.From(MetricsLog.Read(run.File("metrics.jsonl")));

        Assert.Equal(["Loss terms (raw)", "Loss terms (weighted)", "Learning rate", "Gradient norm", "Validation losses (per epoch)",
            "Intelligibility during training", "Signal distance during training"], charts.Select(c => c.Title));
        Assert.All(charts, c => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], c.Png.Take(4)));
    }

    [Fact]
    public void The_report_of_a_run_folder_is_one_offline_file_with_its_latest_evaluation_charts_audio_images_and_configuration()
    {
        using var run = new TempDirectory();
        ReportFolder.Write(run.Path);

        var html = File.ReadAllText(RunReport.Write(run.Path));

        Assert.Equal(run.File("report.html"), Path.Combine(run.Path, TrainingRunFolder.ReportFile));
        Assert.Contains("data:audio/wav;base64,", html);
        Assert.True(html.Split("data:image/png;base64,").Length - 1 >= 8, "expected the mel image and the training charts");
        Assert.Contains("unavailable: PocketSphinx is not installed. Install it with: sudo apt-get install pocketsphinx", html);
        Assert.Contains("distances &lt;MCD&gt;", html);                 // text is HTML-encoded
        Assert.Contains("&quot;decoder_dim&quot;: 16", html);            // the resolved configuration
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain(" src=\"figures/", html);                 // nothing is linked, everything embedded
    }

    [Fact]
    public void The_report_of_an_evaluation_folder_finds_the_training_run_it_came_from()
    {
        using var run = new TempDirectory();
        var evaluation = ReportFolder.Write(run.Path);

        var sources = ReportSources.Locate(evaluation);
        RunReport.Write(evaluation);

        Assert.Equal(run.Path, sources.TrainingRun);
        Assert.Equal(4, sources.Evaluation!.Step);
        Assert.Contains("Loss terms (raw)", File.ReadAllText(Path.Combine(evaluation, "report.html")));
    }

    [Fact]
    public void A_folder_that_is_neither_a_run_nor_an_evaluation_is_refused_with_what_was_expected()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<DirectoryNotFoundException>(() => RunReport.Write(empty.Path));

        Assert.Contains("config.resolved.json", error.Message);
        Assert.Contains("metrics.json", error.Message);
    }
}
