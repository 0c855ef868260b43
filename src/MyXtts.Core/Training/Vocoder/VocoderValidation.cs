using System.Text.Json;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Vocoders.Training;
using MyXtts.Core.Audio.Wav;
using static TorchSharp.torch;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>One validation clip's result.</summary>
public sealed record ClipScore(string Id, double MelL1, double Seconds);

/// <summary>
/// Validation after each epoch, as train.py's: each validation clip whole (cut to <c>--stage2-max-audio-seconds</c>),
/// generated in eval mode without gradients, scored by the L1 between the loss mels of the real and generated audio.
/// The first <see cref="VocoderTrainerOptions.ValidationWavs"/> clips are written to
/// <c>&lt;samples&gt;/epoch-NNNN/&lt;id&gt;.wav</c> (and sent to audio-capable metrics sinks); every clip's number goes
/// to <c>&lt;samples&gt;/epoch-NNNN/mel_l1.json</c>.
/// </summary>
public sealed class VocoderValidation(IVocoderTrainingModel model, VocoderStep step, IVocoderClipSource clips, int hopLength, int sampleRate,
    VocoderTrainerOptions options, string? samplesDirectory, IReadOnlyList<IAudioMetricsSink> audioSinks)
{
    /// <summary>Key of the mean mel L1 in epoch reports and metrics (<c>epoch/val/mel_l1</c>).</summary>
    public const string MelL1 = "mel_l1";

    /// <summary>Scores every clip; writes WAVs and numbers when a samples folder is set.</summary>
    public IReadOnlyList<ClipScore> Run(int epoch, long trainingStep, Device device)
    {
        var scores = new List<ClipScore>(clips.Count);
        var folder = samplesDirectory is null ? null : Path.Combine(samplesDirectory, $"epoch-{epoch + 1:D4}");
        model.Generator.eval();
        try
        {
            using var _ = no_grad();
            for (int i = 0; i < clips.Count; i++)
            {
                using var scope = NewDisposeScope();
                var clip = clips.Get(i);
                var (generated, melL1) = Score(clip, device);
                scores.Add(new ClipScore(clip.Id, melL1, generated.Length / (double)sampleRate));
                if (i < options.ValidationWavs) Publish(folder, clip.Id, generated, trainingStep);
            }
        }
        finally
        {
            model.Generator.train();
        }
        if (folder is not null) WriteScores(Path.Combine(folder, "mel_l1.json"), epoch, trainingStep, scores);
        return scores;
    }

    private (float[] Audio, double MelL1) Score(VocoderClip clip, Device device)
    {
        int frames = (int)Math.Min(clip.Frames, Math.Max(1, Math.Floor(options.MaxValidationSeconds * sampleRate / hopLength)));
        int samples = frames * hopLength;
        var mel = tensor(clip.Mel, [clip.MelChannels, clip.Frames]).narrow(1, 0, frames).unsqueeze(0).to(device);   // [1, n_mels, frames]
        var realAudio = new float[samples];
        clip.Audio.AsSpan(0, Math.Min(samples, clip.Audio.Length)).CopyTo(realAudio);
        var real = tensor(realAudio, [1, 1, samples]).to(device);
        var generated = VocoderStep.Fit(model.Generate(mel), samples);          // [1, 1, samples]
        var l1 = nn.functional.l1_loss(step.LossMelOf(generated), step.LossMelOf(real)).item<float>();
        return (generated.reshape(-1).cpu().data<float>().ToArray(), l1);
    }

    private void Publish(string? folder, string id, float[] audio, long trainingStep)
    {
        if (folder is not null) WavWriter.Write(Path.Combine(folder, SafeName(id) + ".wav"), audio, sampleRate);
        foreach (var sink in audioSinks) sink.WriteAudio(trainingStep, $"val/audio/{id}", audio, sampleRate);
    }

    private static void WriteScores(string path, int epoch, long step, IReadOnlyList<ClipScore> scores)
    {
        var json = JsonSerializer.Serialize(new
        {
            epoch = epoch + 1, step, mean_mel_l1 = scores.Count == 0 ? double.NaN : scores.Average(s => s.MelL1),
            clips = scores.Select(s => new { id = s.Id, mel_l1 = s.MelL1, seconds = Math.Round(s.Seconds, 3) }),
        }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    private static string SafeName(string id) => string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '/' ? '_' : c));
}
