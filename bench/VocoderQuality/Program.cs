// Held-out vocoder quality: for every clip of a dataset folder (metadata.csv + wavs/, e.g. a make-sample corpus's
// heldout/), the ground-truth log-mel goes through the trained hifigan generator and through Griffin-Lim, and each
// output is compared with the recording: mel L1 (frame-aligned, the run's mel), MCD (dB, DTW, c1..c24) and PocketSphinx
// WER against the transcript. Prints a markdown table; writes the WAVs to OUT for listening.
// Usage: VocoderQuality DATASET GENERATOR CONFIG_JSON OUT
using System.Globalization;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Configuration;
using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Mel;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Evaluation.Asr;
using MyXtts.Core.Evaluation.Intelligibility;
using MyXtts.Core.Evaluation.Signal;
using MyXtts.Plugins.Vocoders.HiFiGan;
using static TorchSharp.torch;

if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: VocoderQuality DATASET GENERATOR CONFIG_JSON OUT");
    return 1;
}
var (dataset, generator, config, output) = (args[0], args[1], args[2], args[3]);
set_num_threads(Math.Min(2, Environment.ProcessorCount));
var mel = new MelSettings();
using var transform = new MelSpectrogram(mel);
using var audio = new AudioLoader(DatasetPipeline.AudioOptions(new DataSettings(), mel.SampleRate));
using var signal = new SignalMetric(mel);
using var hifigan = new HiFiGanVocoder(new HiFiGanOptions { Config = config }, mel);
hifigan.LoadWeights(generator);
using var griffinLim = new GriffinLimVocoder(new GriffinLimOptions(), mel);
var vocoders = new (string Name, IVocoder Vocoder)[] { ("hifigan (trained here)", hifigan), ("griffin_lim", griffinLim) };

var lines = File.ReadAllLines(Path.Combine(dataset, "metadata.csv")).Select(l => l.Split('|')).ToArray();
var results = vocoders.ToDictionary(v => v.Name, _ => new List<(double MelL1, double Mcd, AudioClip Clip)>());
var truths = new List<AudioClip>();
foreach (var line in lines)
{
    var samples = audio.Load(Path.Combine(dataset, "wavs", line[0] + ".wav"));
    using var scope = NewDisposeScope();
    var truthMel = transform.Compute(tensor(samples));                      // [n_mels, F]
    var frames = truthMel.shape[1];
    var truth = new AudioClip(samples[..(int)(frames * mel.HopLength)], mel.SampleRate);
    truths.Add(truth);
    foreach (var (name, vocoder) in vocoders)
    {
        var generated = vocoder.Synthesize(truthMel);                        // [F · hop]
        var melL1 = (transform.Compute(generated) - truthMel).abs().mean().item<float>();
        var clip = new AudioClip(generated.data<float>().ToArray(), mel.SampleRate);
        var mcd = signal.Compare(clip, truth).Values["mcd_db"];
        results[name].Add((melL1, mcd, clip));
        var folder = Directory.CreateDirectory(Path.Combine(output, name.Split(' ')[0])).FullName;
        WavWriter.Write(Path.Combine(folder, line[0] + ".wav"), clip.Samples, mel.SampleRate);
    }
}

using var asr = new PocketSphinxEngine(new PocketSphinxOptions());
string Wer(IReadOnlyList<AudioClip> clips)
{
    if (asr.UnavailableReason is { Length: > 0 } reason) return "n/a (" + reason + ")";
    var transcripts = asr.Transcribe(clips);
    int errors = 0, words = 0;
    for (int i = 0; i < clips.Count; i++)
    {
        var rates = ErrorRates.Measure(TranscriptNormalizer.Normalize(lines[i][^1]), TranscriptNormalizer.Normalize(transcripts[i]));
        (errors, words) = (errors + rates.Words.Errors, words + rates.Words.ReferenceLength);
    }
    return (errors / (double)Math.Max(1, words)).ToString("P1", CultureInfo.InvariantCulture);
}

Console.WriteLine($"{lines.Length} held-out clips of {dataset}; generator {generator}");
Console.WriteLine();
Console.WriteLine("| vocoder (ground-truth mels in) | mel L1 (mean) | MCD dB (mean) | PocketSphinx WER |");
Console.WriteLine("|---|---|---|---|");
foreach (var (name, _) in vocoders)
{
    var r = results[name];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {r.Average(x => x.MelL1):F3} | {r.Average(x => x.Mcd):F2} | {Wer(r.Select(x => x.Clip).ToArray())} |"));
}
Console.WriteLine($"| recording itself | 0 | 0 | {Wer(truths)} |");
return 0;
