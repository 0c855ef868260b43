using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace MyXtts.Core.Text;

/// <summary>
/// IPA phonemes from libespeak-ng (Debian <c>libespeak-ng1</c>, installed with <c>espeak-ng</c>). espeak-ng drops
/// punctuation, so text is split at punctuation, each chunk phonemized and the marks put back: pauses stay visible to
/// the model. The library has global state, so calls are serialized.
/// </summary>
public sealed partial class EspeakPhonemizer : IPhonemizer
{
    private static readonly Lock Gate = new();
    private static bool _initialized;
    private static string? _voice;

    /// <inheritdoc />
    public string Identity { get; }

    private EspeakPhonemizer(string identity) => Identity = identity;

    /// <summary>The phonemizer when libespeak-ng loads, else null with the reason (for a log line and the fallback to characters).</summary>
    public static EspeakPhonemizer? TryCreate(out string? whyNot)
    {
        try
        {
            lock (Gate)
            {
                if (!_initialized)
                {
                    if (EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 0, IntPtr.Zero, EspeakNative.InitializeDontExit) < 0)
                    {
                        whyNot = "espeak_Initialize failed (is espeak-ng-data installed?)";
                        return null;
                    }
                    _initialized = true;
                }
                var version = Marshal.PtrToStringUTF8(EspeakNative.Info(IntPtr.Zero)) ?? "?";
                whyNot = null;
                return new EspeakPhonemizer($"espeak-ng {version}");
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            whyNot = $"{EspeakNative.Library} not found; install it with 'apt-get install espeak-ng'";
            return null;
        }
    }

    /// <summary>espeak-ng voice for a language code: "en" means US English, as in the reference systems.</summary>
    public static string VoiceFor(string language) => language switch
    {
        "en" => "en-us",
        _ => language,
    };

    /// <inheritdoc />
    public string Phonemize(string text, string language)
    {
        var sb = new StringBuilder();
        foreach (Match m in ChunkOrPunctuation().Matches(text))
        {
            if (m.Groups["punct"].Success)
            {
                TrimEnd(sb);
                sb.Append(m.Value.Trim()).Append(' ');
            }
            else if (!string.IsNullOrWhiteSpace(m.Value))
            {
                sb.Append(PhonemizeChunk(m.Value, VoiceFor(language))).Append(' ');
            }
        }
        return Collapse(sb.ToString());
    }

    private static string PhonemizeChunk(string chunk, string voice)
    {
        lock (Gate)
        {
            if (_voice != voice)
            {
                if (EspeakNative.SetVoiceByName(voice) != 0)
                    throw new ArgumentException($"espeak-ng has no voice '{voice}'. List them with 'espeak-ng --voices'.", nameof(voice));
                _voice = voice;
            }
            var buffer = Marshal.StringToCoTaskMemUTF8(chunk);
            try
            {
                var pointer = buffer;
                var sb = new StringBuilder();
                while (pointer != IntPtr.Zero)
                {
                    var clause = EspeakNative.TextToPhonemes(ref pointer, EspeakNative.CharsUtf8, EspeakNative.PhonemesIpa);
                    if (clause == IntPtr.Zero) break;
                    sb.Append(Marshal.PtrToStringUTF8(clause)).Append(' ');
                }
                return sb.ToString();
            }
            finally
            {
                Marshal.FreeCoTaskMem(buffer);
            }
        }
    }

    private static void TrimEnd(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
    }

    private static string Collapse(string s) => Spaces().Replace(s, " ").Trim();

    [GeneratedRegex(@"(?<punct>[.,;:!?]+)|[^.,;:!?]+")]
    private static partial Regex ChunkOrPunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
