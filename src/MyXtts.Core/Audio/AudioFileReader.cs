using MyXtts.Core.Audio.SndFile;
using MyXtts.Core.Audio.Wav;

namespace MyXtts.Core.Audio;

/// <summary>
/// Decodes an audio file by its content, not its extension: RIFF/WAVE through the managed <see cref="WavReader"/>,
/// everything else (and WAV encodings the managed reader lacks, such as ADPCM or A-law) through libsndfile.
/// Every failure is an <see cref="AudioFormatException"/> naming the file and the cause.
/// </summary>
public static class AudioFileReader
{
    /// <summary>Decodes <paramref name="path"/> to interleaved float32 samples.</summary>
    public static DecodedAudio Read(string path)
    {
        byte[] head;
        using (var stream = AudioFileOpener.Open(path))
        {
            head = new byte[12];
            int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..got];
            if (head.AsSpan().StartsWith("RIFF"u8))
            {
                stream.Position = 0;
                try { return WavReader.Read(stream, path); }
                catch (AudioFormatException e) when (e.Kind == AudioErrorKind.UnsupportedEncoding && SndFileReader.IsAvailable)
                {
                    // fall through to libsndfile, which decodes ADPCM, A-law, mu-law, GSM...
                }
            }
        }
        return ReadWithLibSndFile(path, head);
    }

    /// <summary>Decodes <paramref name="path"/> and averages its channels.</summary>
    public static (float[] Samples, int SampleRate) ReadMono(string path)
    {
        var audio = Read(path);
        return (audio.ToMono(), audio.SampleRate);
    }

    private static DecodedAudio ReadWithLibSndFile(string path, byte[] head)
    {
        var container = Sniff(head);
        if (!SndFileReader.IsAvailable && container is null)
            throw new AudioFormatException(path, AudioErrorKind.NotAudio,
                $"not a WAV file (it starts with {Describe(head)}) and libsndfile, which decodes FLAC/OGG/AIFF/MP3, is not installed to " +
                $"try other formats; {LibSndFile.InstallHint}.");
        return SndFileReader.Read(path, container ?? "this format");
    }

    /// <summary>Names the container from its magic bytes, for messages; null when unknown.</summary>
    private static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        _ when head.StartsWith("RIFF"u8) => "WAV",
        _ when head.StartsWith("fLaC"u8) => "FLAC",
        _ when head.StartsWith("OggS"u8) => "Ogg",
        _ when head.StartsWith("FORM"u8) => "AIFF",
        _ when head.StartsWith("RF64"u8) || head.StartsWith("RIFX"u8) => "RF64/RIFX WAV",
        _ when head.StartsWith("caff"u8) => "CAF",
        _ when head.StartsWith(".snd"u8) => "AU",
        _ when head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) => "MP3",
        _ => null,
    };

    private static string Describe(byte[] head) =>
        head.Length == 0 ? "nothing" : string.Join(' ', head.Take(8).Select(b => b.ToString("X2")));
}
