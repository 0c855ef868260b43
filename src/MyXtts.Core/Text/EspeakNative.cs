using System.Runtime.InteropServices;

namespace MyXtts.Core.Text;

/// <summary>The few libespeak-ng entry points the phonemizer needs (speak_lib.h).</summary>
internal static partial class EspeakNative
{
    public const string Library = "libespeak-ng.so.1";
    public const int AudioOutputSynchronous = 2;
    public const int InitializeDontExit = 0x8000;
    public const int CharsUtf8 = 1;
    public const int PhonemesIpa = 0x02;

    [LibraryImport(Library, EntryPoint = "espeak_Initialize")]
    public static partial int Initialize(int output, int bufferLength, IntPtr path, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_TextToPhonemes")]
    public static partial IntPtr TextToPhonemes(ref IntPtr textPointer, int textMode, int phonemeMode);

    [LibraryImport(Library, EntryPoint = "espeak_Info")]
    public static partial IntPtr Info(IntPtr pathData);
}
