using System.Diagnostics;

namespace MyXtts.Core.Data.Sample;

/// <summary>Runs espeak-ng and flite as programs to speak one sentence into a WAV file.</summary>
public static class SpeechEngines
{
    /// <summary>The Debian packages that provide each engine.</summary>
    public static string InstallHint(string engine) => $"{engine} not found: install it with 'apt-get install -y {(engine == "espeak-ng" ? "espeak-ng" : "flite")}'";

    /// <summary>True when <paramref name="engine"/> is on PATH.</summary>
    public static bool IsInstalled(string engine) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, engine)));

    /// <summary>Speaks <paramref name="text"/> with <paramref name="voice"/> into <paramref name="wavPath"/> (the engine's native rate).</summary>
    public static async Task SpeakAsync(SampleVoice voice, string text, string wavPath, CancellationToken cancel)
    {
        var psi = new ProcessStartInfo(voice.Engine) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (voice.Engine == "flite")
        {
            foreach (var a in new[] { "-voice", voice.Voice, "--setf", $"duration_stretch={voice.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "-t", text, "-o", wavPath })
                psi.ArgumentList.Add(a);
        }
        else
        {
            foreach (var a in new[] { "-v", voice.Voice, "-p", voice.Pitch.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", ((int)voice.Rate).ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wavPath, "--", text })
                psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException(InstallHint(voice.Engine));
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        if (process.ExitCode != 0 || !File.Exists(wavPath))
            throw new InvalidOperationException($"{voice.Engine} failed for voice {voice.Voice} (exit {process.ExitCode}): {(await stderr).Trim()}");
    }
}
