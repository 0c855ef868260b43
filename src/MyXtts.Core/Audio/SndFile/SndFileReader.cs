namespace MyXtts.Core.Audio.SndFile;

/// <summary>Decodes any format libsndfile knows (FLAC, OGG/Vorbis, Opus, AIFF, MP3 on 1.1+, ...) to float32.</summary>
public static class SndFileReader
{
    private const int BlockFrames = 1 << 15;

    /// <summary>True when libsndfile is installed and loadable.</summary>
    public static bool IsAvailable => LibSndFile.IsAvailable;

    /// <summary>Decodes <paramref name="path"/>; throws <see cref="AudioFormatException"/> naming the file and the cause.</summary>
    /// <param name="path">The file.</param>
    /// <param name="formatName">What the caller believes the file is (e.g. "FLAC"), for the message when libsndfile is missing.</param>
    public static DecodedAudio Read(string path, string formatName = "this format") => Read(path, formatName, LibSndFile.Instance);

    /// <summary>Decodes with an explicit library binding (null: behave as when libsndfile is not installed).</summary>
    internal static DecodedAudio Read(string path, string formatName, LibSndFile? library)
    {
        var lib = library ?? throw new AudioFormatException(path, AudioErrorKind.DecoderMissing,
            $"decoding {formatName} needs libsndfile (libsndfile.so.1), which is not installed; {LibSndFile.InstallHint}, or convert the file to WAV.");
        using (AudioFileOpener.Open(path)) { }   // same not-found / directory / empty messages as the WAV path
        var info = new LibSndFile.SfInfo();
        var file = lib.Open(path, LibSndFile.ModeRead, ref info);
        if (file == IntPtr.Zero)
            throw new AudioFormatException(path, AudioErrorKind.NotAudio, $"libsndfile cannot open it: {lib.ErrorText(IntPtr.Zero)}");
        try
        {
            if (info.Channels <= 0 || info.SampleRate <= 0)
                throw new AudioFormatException(path, AudioErrorKind.UnsupportedEncoding,
                    $"libsndfile reports {info.Channels} channel(s) at {info.SampleRate} Hz.");
            var samples = ReadAll(lib, file, info.Channels);
            if (samples.Length == 0)
                throw new AudioFormatException(path, AudioErrorKind.NoAudioData, "the file holds no decodable sample frames.");
            return new DecodedAudio(samples, info.SampleRate, info.Channels);
        }
        finally
        {
            lib.Close(file);
        }
    }

    // Reads block by block until libsndfile returns 0: the frame count in SF_INFO can be missing or wrong for damaged files.
    private static float[] ReadAll(LibSndFile lib, IntPtr file, int channels)
    {
        var block = new float[BlockFrames * channels];
        var all = new List<float>();
        long read;
        while ((read = lib.ReadFramesFloat(file, block, BlockFrames)) > 0)
            all.AddRange(block.AsSpan(0, (int)read * channels));
        return all.ToArray();
    }
}
