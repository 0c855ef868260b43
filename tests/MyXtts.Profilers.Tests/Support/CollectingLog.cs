using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace MyXtts.Profilers.Tests.Support;

/// <summary>A Serilog logger whose events the test can read back.</summary>
internal sealed class CollectingLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public CollectingLog() =>
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public static object? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value : null;
}
