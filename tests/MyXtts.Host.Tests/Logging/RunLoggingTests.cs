using System.Text.Json;
using MyXtts.Abstractions.Configuration;
using MyXtts.Host.Logging;

namespace MyXtts.Host.Tests.Logging;

public sealed class RunLoggingTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("myxtts-logging-tests-").FullName;

    [Fact]
    public void The_run_folder_gets_a_text_log()
    {
        var console = new StringWriter();
        using (var log = RunLogging.Configure(new RuntimeSettings(), _run, console))
            log.Information("Epoch {Epoch} done", 3);

        Assert.Contains("Epoch 3 done", File.ReadAllText(Path.Combine(_run, RunLogging.TextLogFile)));
        Assert.Contains("INF] Epoch 3 done", console.ToString());
        Assert.False(File.Exists(Path.Combine(_run, RunLogging.ClefLogFile)));
    }

    [Fact]
    public void Log_clef_adds_a_compact_json_file_with_one_event_per_line()
    {
        using (var log = RunLogging.Configure(new RuntimeSettings { LogClef = true }, _run, new StringWriter()))
        {
            log.Information("Step {Step}", 1);
            log.Warning("Step {Step}", 2);
        }
        var lines = File.ReadAllLines(Path.Combine(_run, RunLogging.ClefLogFile));
        Assert.Equal(2, lines.Length);
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("Step {Step}", second.GetProperty("@mt").GetString());
        Assert.Equal("Warning", second.GetProperty("@l").GetString());
        Assert.Equal(2, second.GetProperty("Step").GetInt32());
    }

    [Fact]
    public void Json_log_format_writes_clef_to_the_console()
    {
        var console = new StringWriter();
        using (var log = RunLogging.Configure(new RuntimeSettings { LogFormat = LogFormat.Json }, runDirectory: null, console))
            log.Information("Loaded {Count} items", 12);
        var line = JsonDocument.Parse(console.ToString().Trim()).RootElement;
        Assert.Equal(12, line.GetProperty("Count").GetInt32());
        Assert.True(line.TryGetProperty("@t", out _));
    }

    [Fact]
    public void Events_below_the_configured_level_are_dropped()
    {
        var console = new StringWriter();
        using (var log = RunLogging.Configure(new RuntimeSettings { LogLevel = Serilog.Events.LogEventLevel.Warning }, runDirectory: null, console))
        {
            log.Information("hidden");
            log.Warning("shown");
        }
        Assert.DoesNotContain("hidden", console.ToString());
        Assert.Contains("shown", console.ToString());
    }

    public void Dispose() => Directory.Delete(_run, recursive: true);
}
