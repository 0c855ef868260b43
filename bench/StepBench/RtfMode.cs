using System.Diagnostics;
using System.Globalization;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Inference;
using MyXtts.Core.Models;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Optimization;
using MyXtts.Plugins.Vocoders.HiFiGan;
using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// <c>rtf</c>: real-time factor (seconds of compute per second of audio) of text → waveform through the public
/// in-process API (<see cref="SpeechSynthesizer"/>), for each decoder strategy of the tiny preset with random weights,
/// with Griffin-Lim (60 iterations) and the HiFi-GAN V1 generator (random weights), split into acoustic model and vocoder.
/// An untrained model does not know how long to speak, so the length is set to about 6 mel frames per character (normal
/// speech, ≈ 14 characters/s): non_autoregressive at the speaking rate that gives that on the first sentence (its
/// untrained durations are a few steps per token), autoregressive with a stop threshold it cannot reach and <c>model.max_frames_per_token</c> = 6, so it
/// decodes to the cap. The frames actually produced are printed; the RTF is per second of the audio produced.
/// </summary>
internal static class RtfMode
{
    private static readonly string[] Texts =
    [
        "The birch canoe slid on the smooth planks.",
        "Glue the sheet to the dark blue background.",
        "It's easy to tell the depth of a well. These days a chicken leg is a rare dish.",
    ];

    public static int Run(int threads, int repeats)
    {
        set_num_threads(threads);
        var folder = Path.Combine(Path.GetTempPath(), $"rtfbench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            var referencePath = Path.Combine(folder, "reference.wav");
            WriteReference(referencePath, 22050, 3.0);
            Console.WriteLine($"threads {threads}; {Texts.Length} sentences ({Texts.Sum(t => t.Length)} characters), median of {repeats} passes after one warm-up pass; reference: 3 s synthetic voiced clip");
            Console.WriteLine("strategy            vocoder      frames  audio_s  model_s  vocoder_s  rtf_model  rtf_vocoder  rtf_total");
            foreach (var strategy in AcousticModels.Strategies)
            {
                var overrides = new Dictionary<string, string> { ["decoder_strategy"] = strategy };
                if (strategy == AcousticModels.Autoregressive) { overrides["stop_threshold"] = "0.999999"; overrides["max_frames_per_token"] = "6"; }
                var preset = TinyPreset.Load(overrides);
                var checkpoint = Path.Combine(folder, $"{strategy}.ckpt");
                WriteCheckpoint(preset, checkpoint);
                var mel = preset.Settings.Model.ToMelSettings();
                foreach (var vocoder in Vocoders(mel, folder))
                {
                    using var timed = vocoder;
                    using var synthesizer = SpeechSynthesizer.Load(checkpoint, new SynthesizerOptions { Vocoder = timed });
                    var reference = synthesizer.LoadReference(referencePath);
                    var options = strategy == AcousticModels.NonAutoregressive ? Calibrated(synthesizer, reference) : new SynthesisOptions();
                    Pass(synthesizer, reference, options, timed);
                    var passes = Enumerable.Range(0, repeats).Select(_ => Pass(synthesizer, reference, options, timed)).OrderBy(p => p.Total).ToArray();
                    var p = passes[passes.Length / 2];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{strategy,-19} {timed.Name,-11} {p.Frames,7} {p.Audio,8:F2} {p.Total - p.Vocoder,8:F3} {p.Vocoder,10:F3} {(p.Total - p.Vocoder) / p.Audio,10:F3} {p.Vocoder / p.Audio,12:F3} {p.Total / p.Audio,10:F3}"));
                }
            }
            Console.WriteLine($"load average now: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>
    /// The speaking rate at which the untrained non-autoregressive model says the first sentence in about
    /// <see cref="FramesPerToken"/> frames per token (its random durations are a few steps, whatever the text).
    /// </summary>
    private static SynthesisOptions Calibrated(SpeechSynthesizer synthesizer, VoiceReference reference)
    {
        var tokens = Texts[0].Length + 2;   // characters + BOS/EOS
        var frames = synthesizer.Synthesize(Texts[0], reference).Frames;
        return new SynthesisOptions { Speed = frames / (double)tokens / FramesPerToken };
    }

    /// <summary>Mel frames per character of normal speech (≈ 14 characters/s at 86 frames/s).</summary>
    private const double FramesPerToken = 6;

    private sealed record PassResult(long Frames, double Audio, double Total, double Vocoder);

    /// <summary>All sentences once: frames, seconds of audio, wall seconds in Synthesize and of it in the vocoder.</summary>
    private static PassResult Pass(SpeechSynthesizer synthesizer, VoiceReference reference, SynthesisOptions options, TimedVocoder vocoder)
    {
        vocoder.Reset();
        long frames = 0, samples = 0;
        var clock = Stopwatch.StartNew();
        foreach (var text in Texts)
        {
            var result = synthesizer.Synthesize(text, reference, options);
            frames += result.Frames;
            samples += result.Samples.Length;
        }
        return new PassResult(frames, samples / (double)synthesizer.Mel.SampleRate, clock.Elapsed.TotalSeconds, vocoder.Seconds);
    }

    private static IEnumerable<TimedVocoder> Vocoders(MelSettings mel, string folder)
    {
        yield return new TimedVocoder("griffin_lim", new GriffinLimVocoder(new GriffinLimOptions(), mel));
        var weights = Path.Combine(folder, "hifigan-v1-random.safetensors");
        if (!File.Exists(weights))
        {
            manual_seed(3);
            using var generator = new HiFiGanGenerator(HiFiGanConfigs.Resolve("V1").Generator);
            ModelWeights.ExportSafetensors(generator, weights, "HiFi-GAN V1 generator, random weights");
        }
        yield return new TimedVocoder("hifigan_v1", new HiFiGanVocoder(new HiFiGanOptions { Config = "V1", Checkpoint = weights }, mel));
    }

    /// <summary>
    /// A checkpoint as <c>myxtts train</c> writes one, of an untrained model: random weights, mel statistics from a
    /// random batch of realistic log-mels, the preset's configuration and the bench's character vocabulary.
    /// </summary>
    private static void WriteCheckpoint(TinyPreset preset, string path)
    {
        var settings = preset.Settings;
        manual_seed(settings.Training.Seed);
        using var model = AcousticModels.Create(settings.Model, TinyPreset.VocabSize);
        using (var batch = new DisposableBatch(BenchBatch.Create(4, TinyPreset.VocabSize, seed: 11)))
            ((IDataInitializedModel)model).InitializeFrom([batch.Batch]);
        using var optimizer = OptimizerFactory.Create(model.Module.parameters(), settings.Training);
        var precision = PrecisionPolicy.For(MixedPrecisionMode.Off, DeviceType.CPU);
        var manifest = new CheckpointManifest
        {
            Progress = new TrainingProgress(), LossScaler = precision.CreateLossScaler().State,
            Scheduler = "none (untrained)", Optimizer = settings.Training.Optimizer, Model = model.Description,
            Shapes = CheckpointCompatibility.Shapes(model.Module), Configuration = preset.Json.ToJsonString(),
            Tokenizer = TinyPreset.Characters, Mel = settings.Model.ToMelSettings(), CodeVersion = TrainingCheckpoint.CodeVersion,
        };
        TrainingCheckpoint.Write(path, manifest, model.Module, optimizer);
    }

    /// <summary>A voiced, speech-like test clip: a 120 Hz harmonic series with a slow vibrato and a syllable-rate envelope.</summary>
    private static void WriteReference(string path, int sampleRate, double seconds)
    {
        var samples = new float[(int)(sampleRate * seconds)];
        double phase = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / (double)sampleRate;
            phase += 2 * Math.PI * (120 + 8 * Math.Sin(2 * Math.PI * 5 * t)) / sampleRate;
            double value = 0;
            for (var h = 1; h <= 20; h++) value += Math.Sin(h * phase) / h;
            samples[i] = (float)(0.15 * value * (0.55 + 0.45 * Math.Sin(2 * Math.PI * 4 * t)));
        }
        WavWriter.Write(path, samples, sampleRate);
    }
}
