using System.Runtime.InteropServices;

namespace MyXtts.Core.Tests.TestSupport;

/// <summary>
/// Writes FLAC / Ogg Vorbis test files through libsndfile, so format tests need no checked-in binaries.
/// Only call from a <see cref="LibSndFileFactAttribute"/> test.
/// </summary>
public static class SndFileWriter
{
    /// <summary>FLAC, 16-bit.</summary>
    public const int Flac16 = 0x170000 | 0x0002;

    /// <summary>Ogg Vorbis.</summary>
    public const int OggVorbis = 0x200000 | 0x0060;

    private const int ModeWrite = 0x20;

    [StructLayout(LayoutKind.Sequential)]
    private struct SfInfo
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    /// <summary>Writes interleaved <paramref name="samples"/> in <paramref name="format"/>.</summary>
    public static void Write(string path, float[] samples, int sampleRate, int channels, int format)
    {
        var info = new SfInfo { SampleRate = sampleRate, Channels = channels, Format = format };
        var file = sf_open(path, ModeWrite, ref info);
        if (file == IntPtr.Zero) throw new InvalidOperationException($"libsndfile cannot create {path}: {Marshal.PtrToStringUTF8(sf_strerror(IntPtr.Zero))}");
        try
        {
            long written = sf_writef_float(file, samples, samples.Length / channels);
            if (written != samples.Length / channels) throw new InvalidOperationException($"libsndfile wrote {written} frames to {path}");
        }
        finally
        {
            sf_close(file);
        }
    }

    [DllImport("libsndfile.so.1")]
    private static extern IntPtr sf_open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode, ref SfInfo info);

    [DllImport("libsndfile.so.1")]
    private static extern long sf_writef_float(IntPtr file, float[] samples, long frames);

    [DllImport("libsndfile.so.1")]
    private static extern int sf_close(IntPtr file);

    [DllImport("libsndfile.so.1")]
    private static extern IntPtr sf_strerror(IntPtr file);
}
