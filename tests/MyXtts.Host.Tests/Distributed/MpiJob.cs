using System.Diagnostics;

namespace MyXtts.Host.Tests.Distributed;

/// <summary>
/// Runs <c>myxtts</c> (the host's build output) as an mpirun job of N ranks. Each rank writes its
/// process id to <c>pid.&lt;rank&gt;</c> in the working folder before it becomes myxtts, so a test can kill or stop one rank.
/// </summary>
internal static class MpiJob
{
    public static string? Mpirun { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);

    /// <summary>
    /// The host's own build output (src/MyXtts.Host/bin/&lt;configuration&gt;/net10.0/linux-x64/myxtts, built before these
    /// tests), laid out as users run it: the copy in this test folder resolves libtorch through the test's deps.json only.
    /// </summary>
    public static string Myxtts
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));   // tests/MyXtts.Host.Tests/bin/<configuration>/net10.0
            var configuration = testBin.Parent!.Name;
            var root = testBin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "MyXtts.sln"))) root = root.Parent;
            var host = Path.Combine(root?.FullName ?? "", "src", "MyXtts.Host", "bin", configuration, testBin.Name, "linux-x64", "myxtts");
            if (!File.Exists(host)) throw new FileNotFoundException($"The host build output {host} is missing; build src/MyXtts.Host ({configuration}) first.", host);
            return host;
        }
    }

    public static bool AsRoot => Environment.UserName == "root";

    /// <summary>Starts the job; <see cref="Running.WaitAsync"/> gives its exit code and output.</summary>
    public static Running Start(int ranks, string workDirectory, IEnumerable<string> myxttsArguments)
    {
        string[] mpi = ["-np", ranks.ToString(), "--bind-to", "none", "--oversubscribe", .. AsRoot ? ["--allow-run-as-root"] : Array.Empty<string>()];
        string[] wrapper = ["sh", "-c", "echo $$ > pid.$OMPI_COMM_WORLD_RANK; exec \"$@\"", "sh"];
        return Running.Start(Mpirun!, [.. mpi, .. wrapper, Myxtts, .. myxttsArguments], workDirectory);
    }

    /// <summary>A started process; output (stdout and stderr together) is collected as it comes.</summary>
    public sealed class Running
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private Running(Process process) => _process = process;

        public static Running Start(string program, IEnumerable<string> arguments, string workDirectory)
        {
            var info = new ProcessStartInfo(program) { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) info.ArgumentList.Add(a);
            var running = new Running(new Process { StartInfo = info });
            running._process.OutputDataReceived += (_, e) => running.Append(e.Data);
            running._process.ErrorDataReceived += (_, e) => running.Append(e.Data);
            running._process.Start();
            running._process.BeginOutputReadLine();
            running._process.BeginErrorReadLine();
            return running;
        }

        /// <summary>True once the job has ended.</summary>
        public bool HasExited => _process.HasExited;

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        /// <summary>Exit code, all output, and the time since start; kills the job after <paramref name="limit"/>.</summary>
        public async Task<(int Exit, string Output, TimeSpan Elapsed)> WaitAsync(TimeSpan limit)
        {
            using var cancel = new CancellationTokenSource(limit);
            try { await _process.WaitForExitAsync(cancel.Token); }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
                lock (_output) return (-1, $"killed after {limit.TotalSeconds} s:\n{_output}", _clock.Elapsed);
            }
            _process.WaitForExit();   // drains the output events
            lock (_output) return (_process.ExitCode, _output.ToString(), _clock.Elapsed);
        }
    }
}
