using System.Diagnostics;
using System.Text;

namespace MyXtts.Host.Tests.Training;

/// <summary>
/// Runs the built <c>myxtts</c> CLI as a child process (the Host project's own output, where the native libraries are
/// laid out for the app), so tests can send it signals.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>Stdout and stderr so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static CliProcess Start(params string[] args)
    {
        // Through `env --default-signal=INT`: a test run started as a background job of a non-interactive shell inherits
        // SIGINT ignored (and an ignored signal stays ignored across exec), so the Ctrl-C test would never reach the CLI.
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(HostDll());
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; false when the process ends or time runs out first.</summary>
    public bool WaitFor(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (_process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>Sends SIGINT (what Ctrl-C sends) with the <c>kill</c> command.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{name}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{name} {_process.Id} failed with exit code {kill.ExitCode}.");
    }

    /// <summary>The exit code, or null when the process did not end within <paramref name="timeout"/>.</summary>
    public int? WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout) ? ExitCodeAfterOutput() : null;

    private int ExitCodeAfterOutput()
    {
        _process.WaitForExit();   // flushes the redirected streams
        return _process.ExitCode;
    }

    /// <summary>The Host project's <c>myxtts.dll</c> in the configuration this test assembly was built in.</summary>
    private static string HostDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;   // bin/<Configuration>/net10.0/
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "MyXtts.Host", "bin", configuration, "net10.0", "linux-x64", "myxtts.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new InvalidOperationException($"The myxtts CLI is not built for {configuration}: build src/MyXtts.Host/MyXtts.Host.csproj -c {configuration} first.");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
