using System.Runtime.InteropServices;

namespace MyXtts.Host.Distributed;

/// <summary>
/// <c>execve</c>: replaces this process with another program, so the terminal's Ctrl-C and the exit code belong to it
/// directly (no parent left waiting). The environment is passed explicitly because .NET's Environment.SetEnvironmentVariable
/// does not change the native environment on Unix.
/// </summary>
internal static class Exec
{
    // DllImport rather than LibraryImport: the host compiles without unsafe code, and this call is made once.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int ExecVe([MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint[] argv, nint[] envp);

    /// <summary>Does not return on success; on failure returns the reason.</summary>
    public static string Replace(string path, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string?> environment)
    {
        var env = environment.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={kv.Value}").ToArray();
        var arguments = NullTerminated(argv);
        var variables = NullTerminated(env);
        try
        {
            ExecVe(path, arguments, variables);
            return Marshal.GetLastPInvokeErrorMessage();
        }
        finally
        {
            foreach (var p in arguments.Concat(variables).Where(p => p != 0)) Marshal.FreeCoTaskMem(p);   // only reached when execve failed
        }
    }

    private static nint[] NullTerminated(IReadOnlyList<string> items) => [.. items.Select(Marshal.StringToCoTaskMemUTF8), 0];
}
