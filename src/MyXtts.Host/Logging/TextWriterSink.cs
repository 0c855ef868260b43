using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace MyXtts.Host.Logging;

/// <summary>Writes formatted events to a <see cref="TextWriter"/> (the CLI's error writer in tests and embedding hosts).</summary>
public sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
