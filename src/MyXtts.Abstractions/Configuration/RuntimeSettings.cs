using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace MyXtts.Abstractions.Configuration;

/// <summary>Where and how the process runs (<c>runtime.*</c>): device, threads, run folder, logging.</summary>
public sealed record RuntimeSettings
{
    /// <summary><c>auto</c> (CUDA when available, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    [ConfigurationKeyName("device")]
    public string Device { get; init; } = "auto";

    /// <summary>Intra-op CPU threads (<c>torch.set_num_threads</c>); 0 keeps libtorch's default (one per core).</summary>
    [ConfigurationKeyName("threads"), Range(0, 1024)]
    public int Threads { get; init; }

    /// <summary>Inter-op CPU threads (<c>torch.set_num_interop_threads</c>); 0 keeps libtorch's default.</summary>
    [ConfigurationKeyName("interop_threads"), Range(0, 1024)]
    public int InteropThreads { get; init; }

    /// <summary>Parent folder of run folders (<c>&lt;output_dir&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;command&gt;</c>).</summary>
    [ConfigurationKeyName("output_dir")]
    public string OutputDir { get; init; } = "runs";

    /// <summary>Run folder name to use instead of the timestamped one.</summary>
    [ConfigurationKeyName("run_name")]
    public string? RunName { get; init; }

    /// <summary>Lowest level logged: verbose, debug, information, warning, error or fatal.</summary>
    [ConfigurationKeyName("log_level")]
    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    /// <summary>Console log format: <c>text</c> or <c>json</c> (CLEF).</summary>
    [ConfigurationKeyName("log_format")]
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Also write <c>log.clef</c> (compact JSON) in the run folder, next to the text <c>log.txt</c>.</summary>
    [ConfigurationKeyName("log_clef")]
    public bool LogClef { get; init; }
}
