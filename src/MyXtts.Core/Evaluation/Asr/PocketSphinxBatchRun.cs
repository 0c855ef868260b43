using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MyXtts.Core.Evaluation.Asr;

/// <summary>
/// One <c>pocketsphinx_batch</c> process over a set of 16 kHz clips: raw 16-bit files and a control file in a work
/// folder, the hypotheses read back from its <c>-hyp</c> file. (Debian bookworm ships PocketSphinx 5prealpha, whose
/// programs are pocketsphinx_batch and pocketsphinx_continuous; the single <c>pocketsphinx</c> CLI came with 5.0.)
/// </summary>
internal static partial class PocketSphinxBatchRun
{
    /// <summary>Decodes <paramref name="clips"/> (16 kHz, mono) and returns one transcript per clip.</summary>
    public static string[] Decode(string program, PocketSphinxOptions options, IReadOnlyList<float[]> clips, string folder)
    {
        Directory.CreateDirectory(folder);
        var ids = Enumerable.Range(0, clips.Count).Select(i => "u" + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        for (int i = 0; i < clips.Count; i++) File.WriteAllBytes(Path.Combine(folder, ids[i] + ".raw"), ToPcm16(clips[i]));
        string control = Path.Combine(folder, "clips.ctl"), hypotheses = Path.Combine(folder, "clips.hyp"), log = Path.Combine(folder, "decoder.log");
        File.WriteAllLines(control, ids);
        Run(program, options, folder, control, hypotheses, log);
        var byId = Parse(File.ReadLines(hypotheses));
        // An utterance the decoder skipped has no hypothesis: nothing was recognised, which scores as all words deleted.
        return ids.Select(id => byId.GetValueOrDefault(id, "")).ToArray();
    }

    private static void Run(string program, PocketSphinxOptions options, string folder, string control, string hypotheses, string log)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-hmm", options.AcousticModel, "-lm", options.EffectiveLanguageModel, "-dict", options.Dictionary,
                     "-adcin", "yes", "-adchdr", "0", "-samprate", "16000", "-cepdir", folder, "-cepext", ".raw",
                     "-ctl", control, "-hyp", hypotheses, "-logfn", log,
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(options.TimeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {options.TimeoutSeconds} s (plugins:pocketsphinx:TimeoutSeconds); log: {log}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(hypotheses))
            throw new InvalidOperationException(
                $"{program} failed with exit code {process.ExitCode}. Last log lines:{Environment.NewLine}{Tail(log, stderr.Result + stdout.Result)}");
    }

    /// <summary>Hypothesis lines look like <c>the birch canoe (u000001 -14209)</c>; an empty hypothesis is <c> (u000002 -300)</c>.</summary>
    internal static Dictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var match = HypothesisLine().Match(line);
            if (match.Success) result[match.Groups["id"].Value] = match.Groups["text"].Value.Trim();
        }
        return result;
    }

    private static byte[] ToPcm16(float[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767f));
        return bytes;
    }

    private static string Tail(string log, string fallback)
    {
        var lines = File.Exists(log) ? File.ReadAllLines(log) : fallback.Split('\n');
        return string.Join(Environment.NewLine, lines.Where(l => l.Contains("ERROR") || l.Contains("FATAL")).DefaultIfEmpty("").Concat(lines.TakeLast(5)));
    }

    [GeneratedRegex(@"^(?<text>.*?)\s*\((?<id>\S+?)(?:\s+-?\d+)?\)\s*$")]
    private static partial Regex HypothesisLine();
}
