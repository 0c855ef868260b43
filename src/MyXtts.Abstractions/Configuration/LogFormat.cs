namespace MyXtts.Abstractions.Configuration;

/// <summary>Values of <c>runtime.log_format</c>: how the console log is written.</summary>
public enum LogFormat
{
    /// <summary>Concise human-readable lines.</summary>
    Text,
    /// <summary>Compact JSON (CLEF), one event per line.</summary>
    Json,
}
