using MyXtts.Plugins.Profilers.Summary;
using MyXtts.Profilers.Tests.Support;
using Serilog.Events;

namespace MyXtts.Profilers.Tests.Summary;

public class SummaryProfilerOutputTests
{
    private readonly ManualClock _clock = new();
    private readonly CollectingLog _log = new();

    private SummaryProfiler CreateWithSomeData()
    {
        var profiler = new SummaryProfiler(_log.Logger, new SummaryProfilerOptions(), _clock);
        using (profiler.ProfileOperation("mel"))
            _clock.AdvanceMilliseconds(12.5);
        using (profiler.ProfileOperation("load_audio"))
            _clock.AdvanceMilliseconds(3);
        profiler.RecordCacheHit("mel");
        profiler.RecordCacheError("tokens", new InvalidDataException("bad header"));
        return profiler;
    }

    [Fact]
    public void An_epoch_report_writes_exactly_the_json_and_text_files_and_no_temp_files()
    {
        var profiler = CreateWithSomeData();
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(1, final: false, run.Path);
        profiler.ReportEpoch(2, final: false, run.Path);

        Assert.Equal([SummaryProfiler.JsonFileName, SummaryProfiler.TextFileName], run.FileNames());
        var report = SummaryReportReader.Load(run.File(SummaryProfiler.JsonFileName));
        Assert.Equal(2, report.Root.GetProperty("epoch").GetInt32());
        Assert.Equal("2026-01-02T03:04:05.0155+00:00", report.Root.GetProperty("written_at").GetString());
    }

    [Fact]
    public void The_text_file_is_a_table_with_a_row_per_operation_and_cache_in_both_sections()
    {
        var profiler = CreateWithSomeData();
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(3, final: false, run.Path);

        var lines = File.ReadAllLines(run.File(SummaryProfiler.TextFileName));
        Assert.StartsWith("MyXtts profile, epoch 3", lines[0]);
        Assert.Contains("This epoch", lines);
        Assert.Contains("Run total", lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("Operation ")));
        Assert.Equal(2, lines.Count(l => l.StartsWith("mel ") && l.Contains("12.500")));
        Assert.Equal(2, lines.Count(l => l.StartsWith("tokens ") && l.Contains("InvalidDataException: bad header")));
    }

    [Fact]
    public void An_epoch_report_logs_a_header_and_one_structured_row_per_operation_and_cache()
    {
        var profiler = CreateWithSomeData();
        using var run = new TempRunDirectory();

        profiler.ReportEpoch(1, final: false, run.Path);

        var events = _log.Events;
        Assert.Equal(1, CollectingLog.Scalar(events[0], "Epoch"));
        var melRow = Assert.Single(events, e => (string?)CollectingLog.Scalar(e, "Operation") == "mel");
        Assert.Equal(1L, CollectingLog.Scalar(melRow, "Count"));
        Assert.Equal(12.5, (double)CollectingLog.Scalar(melRow, "MaxMs")!, 6);
        Assert.StartsWith("  mel ", melRow.RenderMessage());   // names render unquoted, as table cells
        Assert.Single(events, e => (string?)CollectingLog.Scalar(e, "Operation") == "load_audio");
        var tokens = Assert.Single(events, e => (string?)CollectingLog.Scalar(e, "Cache") == "tokens");
        Assert.Equal(LogEventLevel.Warning, tokens.Level);
        Assert.Equal(LogEventLevel.Information,
            Assert.Single(events, e => (string?)CollectingLog.Scalar(e, "Cache") == "mel").Level);
    }

    [Fact]
    public void The_final_report_logs_the_run_totals_not_the_empty_last_epoch()
    {
        var profiler = CreateWithSomeData();
        using var run = new TempRunDirectory();
        profiler.ReportEpoch(1, final: false, run.Path);
        var afterEpoch = _log.Events.Count;

        profiler.ReportEpoch(1, final: true, run.Path);

        var finalEvents = _log.Events.Skip(afterEpoch).ToList();
        Assert.Contains("whole run", finalEvents[0].MessageTemplate.Text);
        Assert.Single(finalEvents, e => (string?)CollectingLog.Scalar(e, "Operation") == "mel");
    }
}
