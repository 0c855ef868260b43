using System.Runtime.InteropServices;

namespace MyXtts.Core.Audio.SndFile;

/// <summary>
/// The few libsndfile entry points the decoder needs, bound at first use. libsndfile is optional: WAV decoding is
/// managed, and only other formats (FLAC, OGG, AIFF, MP3, ...) need it.
/// </summary>
internal sealed class LibSndFile
{
    /// <summary>The Debian package that provides the library, for error messages.</summary>
    public const string InstallHint = "install it with 'sudo apt-get install libsndfile1' (Debian/Ubuntu; 'brew install libsndfile' on macOS)";

    public const int ModeRead = 0x10;   // SFM_READ

    private static readonly string[] Names =
        ["libsndfile.so.1", "libsndfile.so", "libsndfile.1.dylib", "libsndfile.dylib", "sndfile.dll", "libsndfile-1.dll"];

    private static readonly Lazy<LibSndFile?> Loaded = new(Load);

    [StructLayout(LayoutKind.Sequential)]
    public struct SfInfo
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr OpenFn([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode, ref SfInfo info);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate long ReadFloatFn(IntPtr file, [Out] float[] buffer, long frames);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int CloseFn(IntPtr file);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr StrErrorFn(IntPtr file);

    private LibSndFile(IntPtr handle)
    {
        Open = Bind<OpenFn>(handle, "sf_open");
        ReadFramesFloat = Bind<ReadFloatFn>(handle, "sf_readf_float");
        Close = Bind<CloseFn>(handle, "sf_close");
        StrError = Bind<StrErrorFn>(handle, "sf_strerror");
    }

    /// <summary>The bound library, or null when no libsndfile could be loaded.</summary>
    public static LibSndFile? Instance => Loaded.Value;

    /// <summary>True when libsndfile was found.</summary>
    public static bool IsAvailable => Instance is not null;

    public OpenFn Open { get; }
    public ReadFloatFn ReadFramesFloat { get; }
    public CloseFn Close { get; }
    public StrErrorFn StrError { get; }

    /// <summary>libsndfile's message for the last error on <paramref name="file"/> (or the last open, when zero).</summary>
    public string ErrorText(IntPtr file) => Marshal.PtrToStringUTF8(StrError(file)) ?? "unknown libsndfile error";

    private static LibSndFile? Load()
    {
        foreach (var name in Names)
            if (NativeLibrary.TryLoad(name, typeof(LibSndFile).Assembly, null, out var handle))
                return new LibSndFile(handle);
        return null;
    }

    private static T Bind<T>(IntPtr handle, string name) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));
}
