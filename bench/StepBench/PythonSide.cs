using System.Diagnostics;
using System.Text.Json;

/// <summary>Runs step_bench.py in Debian's /usr/bin/python3 (torch 1.13, OpenBLAS pinned to one thread, torch set to the bench's threads).</summary>
internal static class PythonSide
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "step_bench.py");

    /// <summary>Runs <c>step_bench.py ARGS</c>; returns stdout, echoing stderr; throws with the output when it fails.</summary>
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Script, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["OPENBLAS_NUM_THREADS"] = "1" },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/python3 did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"step_bench.py {string.Join(' ', args)} failed (exit {process.ExitCode}); is python3-torch installed (apt-get install -y python3-torch)?\n{stdout}\n{stderr.Result}");
        return stdout;
    }

    /// <summary>The last line of the output, parsed as the JSON object step_bench.py prints its timings in.</summary>
    public static JsonElement LastJson(string output) =>
        JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
}
