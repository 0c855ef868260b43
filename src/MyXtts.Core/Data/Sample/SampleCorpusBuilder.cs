using System.Globalization;
using System.Text;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Resampling;
using MyXtts.Core.Audio.Wav;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Data.Sample;

/// <summary>What <see cref="SampleCorpusBuilder"/> makes.</summary>
/// <param name="Speakers">Voices (1–24): the first 8 are flite (4 voices × 2 tempos), then espeak-ng.</param>
/// <param name="UtterancesPerSpeaker">Training clips per voice, from Harvard sentences 1–670.</param>
/// <param name="HeldOutSentences">Held-out sentences (671–720) spoken by every voice into <c>OUT/heldout/</c>; 0 for none.</param>
/// <param name="SampleRate">Output rate (flite's 16 kHz is resampled with the project's resampler).</param>
public sealed record SampleCorpusOptions(int Speakers = 4, int UtterancesPerSpeaker = 40, int HeldOutSentences = 0, int SampleRate = 22050);

/// <summary>
/// Builds the sample corpus: an LJSpeech-layout, multi-speaker dataset (<c>metadata.csv</c>, <c>wavs/spkKK_NNNN.wav</c>,
/// <c>voices.tsv</c>) spoken by flite and espeak-ng voices from the shipped Harvard sentences. Deterministic: the same
/// options give the same ids, texts and (with the same engine versions) the same audio.
/// </summary>
public static class SampleCorpusBuilder
{
    /// <summary>Builds the corpus in <paramref name="output"/>; <paramref name="progress"/> gets clips done.</summary>
    /// <exception cref="InvalidOperationException">A needed engine is missing (the message says what to install).</exception>
    public static async Task BuildAsync(string output, SampleCorpusOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancel = default)
    {
        Validate(options);
        var voices = SampleVoice.All.Take(options.Speakers).ToList();
        foreach (var engine in voices.Select(v => v.Engine).Distinct())
            if (!SpeechEngines.IsInstalled(engine)) throw new InvalidOperationException(SpeechEngines.InstallHint(engine));

        var train = Plan(voices.Count, options.UtterancesPerSpeaker, SampleSentences.Training.ToList(), "spk{0:00}_{1:0000}");
        var heldOut = options.HeldOutSentences == 0 ? []
            : Plan(voices.Count, options.HeldOutSentences, SampleSentences.HeldOut.Take(options.HeldOutSentences).ToList(), "spk{0:00}_h{1:000}", parallel: true);
        var total = train.Count + heldOut.Count;
        var done = 0;
        using var resampler = new SincResampler();
        async Task Speak(string folder, (string Id, int Voice, string Text) clip)
        {
            await SpeakOne(voices[clip.Voice], clip.Text, Path.Combine(folder, "wavs", clip.Id + ".wav"), options.SampleRate, resampler, cancel);
            progress?.Report((Interlocked.Increment(ref done), total));
        }
        await WriteSplit(output, train, voices, Speak, cancel);
        if (heldOut.Count > 0) await WriteSplit(Path.Combine(output, "heldout"), heldOut, voices, Speak, cancel);
    }

    /// <summary>
    /// Clip ids and texts. Training: voice k's n-th clip says sentence (n·K + k) of the pool, so voices say different
    /// sentences and the pool is used evenly. Held-out (parallel): every voice says every held-out sentence.
    /// </summary>
    public static List<(string Id, int Voice, string Text)> Plan(int voices, int perVoice, IReadOnlyList<string> pool, string idFormat, bool parallel = false)
    {
        var clips = new List<(string, int, string)>();
        for (var n = 0; n < perVoice; n++)
            for (var k = 0; k < voices; k++)
            {
                var sentence = parallel ? pool[n % pool.Count] : pool[(n * voices + k) % pool.Count];
                clips.Add((string.Format(CultureInfo.InvariantCulture, idFormat, k + 1, n + 1), k, sentence));
            }
        return clips;
    }

    private static async Task WriteSplit(string folder, List<(string Id, int Voice, string Text)> clips, List<SampleVoice> voices,
        Func<string, (string, int, string), Task> speak, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.Combine(folder, "wavs"));
        await Parallel.ForEachAsync(clips, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel },
            async (clip, _) => await speak(folder, clip));
        var metadata = new StringBuilder();
        foreach (var (id, _, text) in clips) metadata.Append(id).Append('|').Append(text).Append('|').Append(text).Append('\n');
        AtomicFile.Write(Path.Combine(folder, "metadata.csv"), s => s.Write(Encoding.UTF8.GetBytes(metadata.ToString())));
        var table = new StringBuilder("speaker\tengine\tvoice\tpitch\trate\tdescription\n");
        for (var k = 0; k < voices.Count; k++)
        {
            var v = voices[k];
            table.Append(CultureInfo.InvariantCulture, $"spk{k + 1:00}\t{v.Engine}\t{v.Voice}\t{v.Pitch}\t{v.Rate}\t{v.Describe()}\n");
        }
        AtomicFile.Write(Path.Combine(folder, "voices.tsv"), s => s.Write(Encoding.UTF8.GetBytes(table.ToString())));
    }

    private static async Task SpeakOne(SampleVoice voice, string text, string wavPath, int rate, SincResampler resampler, CancellationToken cancel)
    {
        if (File.Exists(wavPath) && new FileInfo(wavPath).Length > 44) return;   // resumable: a finished clip is kept (writes are atomic)
        var temp = wavPath + $".{Environment.ProcessId}.engine.wav";
        try
        {
            await SpeechEngines.SpeakAsync(voice, text, temp, cancel);
            var (samples, sourceRate) = AudioFileReader.ReadMono(temp);
            if (sourceRate != rate) samples = resampler.Resample(samples, sourceRate, rate);
            WavWriter.Write(wavPath, samples, rate);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void Validate(SampleCorpusOptions o)
    {
        if (o.Speakers < 1 || o.Speakers > SampleVoice.All.Count)
            throw new ArgumentOutOfRangeException(nameof(o.Speakers), o.Speakers, $"--speakers must be 1..{SampleVoice.All.Count}");
        if (o.UtterancesPerSpeaker < 1) throw new ArgumentOutOfRangeException(nameof(o.UtterancesPerSpeaker), o.UtterancesPerSpeaker, "--utterances must be at least 1");
        if (o.HeldOutSentences < 0 || o.HeldOutSentences > 720 - SampleSentences.TrainingPool)
            throw new ArgumentOutOfRangeException(nameof(o.HeldOutSentences), o.HeldOutSentences, $"--held-out must be 0..{720 - SampleSentences.TrainingPool}");
        if (o.SampleRate < 8000) throw new ArgumentOutOfRangeException(nameof(o.SampleRate), o.SampleRate, "--sample-rate must be at least 8000");
    }
}
