using MyXtts.Abstractions.Evaluation;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio;
using MyXtts.Core.Audio.Vocoding;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Data.Preparation;
using MyXtts.Core.Inference;
using MyXtts.Core.Reporting.Images;
using Serilog;
using static TorchSharp.torch;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Evaluation.Runs;

/// <summary>
/// Synthesizes every line of a set and prepares what the metrics compare it with; writes <c>wavs/&lt;id&gt;.wav</c> for
/// every line and, for the first <see cref="EvaluationRunOptions.ShowcaseLines"/>, the ground truth, the prompt and the
/// mel and alignment images (<c>figures/</c>) that the report embeds.
/// </summary>
public sealed class LineProduction(SpeechSynthesizer tts, EvaluationEngines engines, EvaluationRunOptions options, ILogger log) : IDisposable
{
    /// <summary>Folder of the WAVs inside the evaluation folder.</summary>
    public const string WavFolder = "wavs";
    /// <summary>Folder of the images inside the evaluation folder.</summary>
    public const string FigureFolder = "figures";

    private readonly AudioLoader _audio = new(DatasetPipeline.AudioOptions(tts.Settings.Data, tts.Mel.SampleRate));
    private readonly GriffinLimVocoder _griffinLim = new(engines.GriffinLim, tts.Mel);
    private readonly Dictionary<string, VoiceReference> _voices = new(StringComparer.Ordinal);

    /// <summary>Every line of <paramref name="set"/>, in order, with its files written under <paramref name="folder"/>.</summary>
    public IReadOnlyList<ProducedLine> Produce(EvaluationSet set, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, WavFolder));
        Directory.CreateDirectory(Path.Combine(folder, FigureFolder));
        var produced = new List<ProducedLine>(set.Lines.Count);
        for (var i = 0; i < set.Lines.Count; i++)
        {
            produced.Add(ProduceOne(set.Lines[i], folder, showcase: i < options.ShowcaseLines));
            log.Debug("Evaluated line {Index}/{Count}: {Id}", i + 1, set.Lines.Count, set.Lines[i].Id);
        }
        return produced;
    }

    /// <summary>The recording at <paramref name="path"/> through the model's audio pipeline, at the model's rate.</summary>
    public AudioClip Load(string path) => new(_audio.Load(path), tts.Mel.SampleRate);

    private ProducedLine ProduceOne(EvaluationLine line, string folder, bool showcase)
    {
        var voice = Voice(line);
        var synthesis = tts.Synthesize(line.Text, voice, new SynthesisOptions { Seed = options.Seed });
        var teacher = tts.TeacherForce(line.Text, line.Target.AudioPath, voice);
        var rate = tts.Mel.SampleRate;
        var output = new AudioClip(synthesis.Samples, rate);
        var truth = Load(line.Target.AudioPath);
        var reference = Load(line.Reference.AudioPath);
        var griffinLim = new AudioClip(Vocode(_griffinLim, teacher.TargetLogMel, teacher.NMels, teacher.Frames), rate);
        var vocoderTruth = engines.Vocoder is { } vocoder ? new AudioClip(Vocode(vocoder, teacher.TargetLogMel, teacher.NMels, teacher.Frames), rate) : null;

        var name = SafeName(line.Id);
        var files = new LineFiles(WriteWav(folder, name, output));
        if (showcase)
        {
            files = files with
            {
                GroundTruth = WriteWav(folder, name + ".ground_truth", truth), Reference = WriteWav(folder, name + ".reference", reference),
                MelFigure = WriteMelFigure(folder, name, synthesis, teacher), AlignmentFigure = WriteAlignmentFigure(folder, name, line, teacher),
            };
        }
        return new ProducedLine(line, synthesis, output, truth, reference, griffinLim, vocoderTruth, teacher, files) { PromptSpeakingRate = voice.SpeakingRate, PromptRateClips = voice.SpeakingRateClips };
    }

    /// <summary>
    /// The line's prompt, loaded once per prompt and set of rate clips actually used (lines of a speaker share both;
    /// without transcripts the rate clips play no part, so the prompt alone is the key).
    /// </summary>
    private VoiceReference Voice(EvaluationLine line)
    {
        var prompt = line.Reference;
        var rateClips = options.ReferenceTranscripts ? line.RatePrompts.Select(u => new TranscribedClip(u.AudioPath, u.Text)).ToArray() : [];
        var key = string.Join('\n', rateClips.Select(c => c.Path).Prepend(prompt.AudioPath));
        if (!_voices.TryGetValue(key, out var voice))
            _voices[key] = voice = tts.LoadReference(prompt.AudioPath, options.ReferenceTranscripts ? prompt.Text : null, rateClips);
        return voice;
    }

    private static float[] Vocode(IVocoder vocoder, float[] logMel, int nMels, int frames)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var audio = vocoder.Synthesize(tensor(logMel).reshape(1, nMels, frames))[0].to(ScalarType.Float32).cpu().flatten();
        var length = Math.Min(audio.shape[0], (long)frames * vocoder.Mel.HopLength);
        return audio[..(int)length].contiguous().data<float>().ToArray();
    }

    private static string WriteWav(string folder, string name, AudioClip clip)
    {
        var relative = Path.Combine(WavFolder, name + ".wav");
        WavWriter.Write(Path.Combine(folder, relative), clip.Samples, clip.SampleRate);
        return relative;
    }

    /// <summary>Predicted over ground-truth log-mel in one image, on one colour scale and one time axis, so they compare by eye.</summary>
    private static string WriteMelFigure(string folder, string name, SynthesisResult synthesis, TeacherForcedPass teacher) =>
        WritePng(folder, name + ".mel.png", MelImage.Png([
            new MelPanel("predicted log-mel", Matrix.From(synthesis.LogMel, teacher.NMels, synthesis.Frames)),
            new MelPanel("ground-truth log-mel", Matrix.From(teacher.TargetLogMel, teacher.NMels, teacher.Frames))]));

    private static string? WriteAlignmentFigure(string folder, string name, EvaluationLine line, TeacherForcedPass teacher) =>
        teacher.Alignment is { } alignment ? WritePng(folder, name + ".alignment.png", AlignmentImage.Png(alignment, $"{line.Id}: alignment (teacher-forced)")) : null;

    private static string WritePng(string folder, string fileName, byte[] png)
    {
        var relative = Path.Combine(FigureFolder, fileName);
        AtomicFile.Write(Path.Combine(folder, relative), s => s.Write(png));
        return relative;
    }

    /// <summary>An utterance id usable as a file name.</summary>
    public static string SafeName(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    public void Dispose()
    {
        _audio.Dispose();
        _griffinLim.Dispose();
    }
}
