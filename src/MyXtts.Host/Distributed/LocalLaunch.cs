using System.CommandLine;
using System.CommandLine.Parsing;
using System.Reflection;
using MyXtts.Host.Configuration;

namespace MyXtts.Host.Distributed;

/// <summary>
/// <c>myxtts train --launch-local N</c>: replaces this process with <c>mpirun</c> starting N copies of the same command
/// on this machine, with the settings that work here (see docs/distributed.md): no core binding (each rank runs several
/// threads), <c>--allow-run-as-root</c> when root, <c>--oversubscribe</c> beyond the core count, the ring all-reduce,
/// MYXTTS_/DOTNET_ variables forwarded with <c>-x</c>, and one intra-op thread share per rank unless threads are configured.
/// </summary>
public static class LocalLaunch
{
    public const string OptionName = "--launch-local";

    /// <summary>Open MPI's default large-message all-reduce measured several times slower here than the ring (algorithm 4).</summary>
    public static readonly IReadOnlyList<string> RingAllReduce =
        ["--mca", "coll_tuned_use_dynamic_rules", "1", "--mca", "coll_tuned_allreduce_algorithm", "4"];

    public static Option<int?> CreateOption() => new(OptionName)
    {
        Description = "Start N training processes on this machine under mpirun (data-parallel; see docs/distributed.md).", HelpName = "n",
    };

    /// <summary>Execs mpirun; returns only on failure (exit code 2 with the reason on <paramref name="error"/>).</summary>
    public static int Run(ParseResult parse, int processes, EffectiveConfiguration configuration, TextWriter error)
    {
        if (processes < 1) { error.WriteLine($"{OptionName} {processes}: give the number of processes to start, 1 or more."); return 2; }
        if (MpiEnvironment.From(CurrentEnvironment()).IsDistributed) { error.WriteLine($"{OptionName} cannot be used inside an mpirun job; run 'myxtts train' without it there."); return 2; }
        var mpirun = FindOnPath("mpirun");
        if (mpirun is null) { error.WriteLine($"{OptionName} needs Open MPI's mpirun, which is not on PATH. Install it with 'apt-get install openmpi-bin' (Debian/Ubuntu)."); return 2; }
        var environment = CurrentEnvironment();
        if (configuration.Settings.Runtime.Threads == 0)
            environment[EnvironmentLayer.Prefix + "RUNTIME__THREADS"] = Math.Max(1, Environment.ProcessorCount / processes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var arguments = Arguments(processes, SelfCommand(), WithoutLaunchOption(parse), environment, Environment.ProcessorCount, Environment.UserName == "root");
        error.WriteLine("Starting: mpirun " + string.Join(' ', arguments.Select(Quote)));
        error.Flush();
        Console.Out.Flush();
        var failure = Exec.Replace(mpirun, ["mpirun", .. arguments], environment);
        error.WriteLine($"Could not start {mpirun}: {failure}");
        return 2;
    }

    /// <summary>mpirun's arguments (without "mpirun" itself): options, then the program and its arguments.</summary>
    public static IReadOnlyList<string> Arguments(int processes, IReadOnlyList<string> program, IReadOnlyList<string> programArguments,
        IReadOnlyDictionary<string, string?> environment, int cores, bool asRoot)
    {
        var args = new List<string> { "-np", processes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind-to", "none" };
        if (asRoot) args.Add("--allow-run-as-root");
        if (processes > cores) args.Add("--oversubscribe");
        args.AddRange(RingAllReduce);
        foreach (var name in environment.Keys.Where(Forwarded).Order(StringComparer.Ordinal)) args.AddRange(["-x", name]);
        return [.. args, .. program, .. programArguments];
    }

    private static bool Forwarded(string name) =>
        name.StartsWith(EnvironmentLayer.Prefix, StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal) || name == "LD_LIBRARY_PATH";

    /// <summary>The command line's tokens minus <c>--launch-local N</c>, for the ranks to run.</summary>
    public static IReadOnlyList<string> WithoutLaunchOption(ParseResult parse)
    {
        var tokens = parse.Tokens;
        var kept = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Option && tokens[i].Value == OptionName)
            {
                if (i + 1 < tokens.Count && tokens[i + 1].Type == TokenType.Argument) i++;
                continue;
            }
            kept.Add(tokens[i].Value);
        }
        return kept;
    }

    /// <summary>How to start this program again: the apphost, or <c>dotnet myxtts.dll</c>.</summary>
    private static IReadOnlyList<string> SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && entry is { Length: > 0 } ? [process, entry] : [process];
    }

    private static Dictionary<string, string?> CurrentEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
