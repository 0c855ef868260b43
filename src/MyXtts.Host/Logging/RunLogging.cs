using MyXtts.Abstractions.Configuration;
using Serilog;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Compact;

namespace MyXtts.Host.Logging;

/// <summary>
/// Builds the process logger from <c>runtime.log_*</c>: a concise console log on stderr (text, or CLEF with
/// <c>log_format=json</c>; stdout stays free for command output; <paramref name="console"/> replaces stderr), and in the run folder a full text log
/// <c>log.txt</c> plus, with <c>log_clef=true</c>, <c>log.clef</c>. Dispose the logger to flush the files.
/// </summary>
public static class RunLogging
{
    public const string TextLogFile = "log.txt";
    public const string ClefLogFile = "log.clef";
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}{Message:lj}{NewLine}{Exception}";

    public static Logger Configure(RuntimeSettings settings, string? runDirectory = null, TextWriter? console = null)
    {
        var config = new LoggerConfiguration().MinimumLevel.Is(settings.LogLevel).Enrich.FromLogContext();
        ITextFormatter formatter = settings.LogFormat == LogFormat.Json
            ? new CompactJsonFormatter()
            : new MessageTemplateTextFormatter(ConsoleTemplate, CultureInfo.InvariantCulture);
        config = console is null
            ? config.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Sink(new TextWriterSink(console, formatter));
        if (runDirectory is not null)
        {
            config = config.WriteTo.File(Path.Combine(runDirectory, TextLogFile), outputTemplate: FileTemplate);
            if (settings.LogClef) config = config.WriteTo.File(new CompactJsonFormatter(), Path.Combine(runDirectory, ClefLogFile));
        }
        return config.CreateLogger();
    }
}
