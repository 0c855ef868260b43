using System.Runtime.InteropServices;

namespace MyXtts.Core.Runtime;

/// <summary>
/// Sets variables in the native (libc) environment that CUDA and cuBLAS read. On Unix,
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes .NET's own copy, which native libraries never see.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> unless the user already set it (their value wins). True when this call set it.</summary>
    public static bool SetIfUnset(string name, string value)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return false;
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows() && SetEnv(name, value, 1) != 0)
            throw new RuntimeSetupException($"Could not set {name}={value} in the process environment (setenv failed, errno {Marshal.GetLastPInvokeError()}).");
        return true;
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
