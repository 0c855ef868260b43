using System.Globalization;

namespace MyXtts.Host.Configuration;

/// <summary>
/// The folder of one run: <c>&lt;output_dir&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;command&gt;</c>, or <c>&lt;output_dir&gt;/&lt;run_name&gt;</c>
/// when a name is given. A timestamped name that already exists gets a <c>-2</c>, <c>-3</c>... suffix rather than mixing two runs.
/// </summary>
public static class RunFolder
{
    public static string Create(string outputDir, string command, string? runName = null, DateTimeOffset? now = null)
    {
        if (runName is { Length: > 0 })
        {
            if (runName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || runName is "." or "..")
                throw new ConfigurationException($"runtime.run_name '{runName}' is not a valid folder name; use letters, digits, '-', '_' or '.'.");
            return Directory.CreateDirectory(Path.Combine(outputDir, runName)).FullName;
        }
        var stamp = (now ?? DateTimeOffset.Now).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var basePath = Path.Combine(outputDir, $"{stamp}-{command}");
        var path = basePath;
        for (var n = 2; Directory.Exists(path); n++) path = $"{basePath}-{n}";
        return Directory.CreateDirectory(path).FullName;
    }

    /// <summary>Creates the run folder from <c>runtime.output_dir</c> / <c>runtime.run_name</c> and writes <c>config.resolved.json</c> into it.</summary>
    public static string CreateFor(EffectiveConfiguration configuration, string command, DateTimeOffset? now = null)
    {
        var runtime = configuration.Settings.Runtime;
        var path = Create(runtime.OutputDir, command, runtime.RunName, now);
        ResolvedConfigJson.WriteTo(path, configuration);
        return path;
    }
}
