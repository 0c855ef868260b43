using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Training;
using MyXtts.Abstractions.Vocoders;
using MyXtts.Core.Audio.Wav;
using MyXtts.Core.Models;
using MyXtts.Core.Reporting.Images;
using MyXtts.Core.Training.Batches;
using Serilog;
using static TorchSharp.torch;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Training.Samples;

/// <summary>
/// Validation samples: the first <c>count</c> utterances of the validation split (the same ones for the whole run, also
/// after a resume) are synthesized free-running (<see cref="ISynthesisModel"/>) in the voice of their reference clip and
/// vocoded, and written to <c>&lt;run&gt;/samples/step-N/</c>: <c>&lt;id&gt;.wav</c>, <c>&lt;id&gt;.png</c> (free-running,
/// teacher-forced and target mel on one colour scale) and <c>&lt;id&gt;.alignment.png</c> (the teacher-forced alignment,
/// when the model outputs one), and to the metrics sinks as <c>samples/&lt;id&gt;/audio|mel|alignment</c>. A model that
/// cannot synthesize gets its teacher-forced mel vocoded instead (said once in the log). The sampler owns (and disposes)
/// <paramref name="vocoder"/>.
/// </summary>
public sealed class ValidationSampler(IVocoder vocoder, int count, string runDirectory, IReadOnlyList<IMetricsSink> sinks, ILogger log) : IValidationSampler, IDisposable
{
    /// <summary>The folder in the run folder.</summary>
    public const string FolderName = "samples";

    private TrainingBatch? _fixed;
    private bool _warnedTeacherForced;

    /// <summary>The folder of step <paramref name="step"/>'s samples.</summary>
    public string StepDirectory(long step) => Path.Combine(runDirectory, FolderName, $"step-{step}");

    public void Write(long step, ITrainableModel model, IBatchSource validation)
    {
        var batch = _fixed ??= TakeFixed(validation);
        if (batch is null) return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.Module.eval();
        var parameter = model.Module.parameters().First();
        var placed = BatchPlacement.ToCompute(BatchPlacement.ToDevice(batch, parameter.device), parameter.dtype);
        var outputs = BatchPlacement.ToFloat32(model.Forward(placed));
        var folder = Directory.CreateDirectory(StepDirectory(step)).FullName;
        for (var row = 0; row < batch.Ids.Count; row++)
            WriteOne(step, folder, model, placed, outputs, row);
        log.Information("Validation samples of step {Step}: {Count} utterances in {Folder}", step, batch.Ids.Count, folder);
    }

    private void WriteOne(long step, string folder, ITrainableModel model, TrainingBatch batch, ModelOutputs outputs, int row)
    {
        using var scope = NewDisposeScope();
        var id = SafeName(batch.Ids[row]);
        var (tokens, frames) = (batch.TokenLengths[row].item<long>(), batch.MelLengths[row].item<long>());
        var teacherForced = outputs.MelPostnet[row];
        var (mel, length) = FreeRunning(model, batch, row) ?? (teacherForced, frames);
        var valid = mel[.., ..(int)length].to(ScalarType.Float32);

        var audio = vocoder.Synthesize(valid.unsqueeze(0))[0].cpu().data<float>().ToArray();
        WavWriter.Write(Path.Combine(folder, id + ".wav"), audio, vocoder.Mel.SampleRate);
        var panels = new List<MelPanel> { new(model is ISynthesisModel ? "predicted (free-running)" : "predicted (teacher-forced)", Matrix.From(valid)) };
        if (model is ISynthesisModel) panels.Add(new MelPanel("teacher-forced", Matrix.From(teacherForced, columns: frames)));
        panels.Add(new MelPanel("target", Matrix.From(batch.Mel[row].to(ScalarType.Float32), columns: frames)));
        var melPng = MelImage.Png(panels);
        AtomicFile.Write(Path.Combine(folder, id + ".png"), s => s.Write(melPng));
        byte[]? alignmentPng = null;
        if (outputs.Aux.TryGetValue(AcousticOutputKeys.Alignment, out var alignment))   // [B, L, T']
        {
            var steps = outputs.Aux.TryGetValue(AcousticOutputKeys.StepLengths, out var s) ? s[row].item<long>() : alignment.shape[2];
            alignmentPng = AlignmentImage.Png(Matrix.From(alignment[row], tokens, steps), $"{batch.Ids[row]}: alignment (teacher-forced)");
            AtomicFile.Write(Path.Combine(folder, id + ".alignment.png"), st => st.Write(alignmentPng));
        }
        foreach (var sink in sinks)
        {
            sink.WriteAudio(step, $"{FolderName}/{id}/audio", audio, vocoder.Mel.SampleRate);
            sink.WriteImage(step, $"{FolderName}/{id}/mel", melPng);
            if (alignmentPng is not null) sink.WriteImage(step, $"{FolderName}/{id}/alignment", alignmentPng);
        }
    }

    /// <summary>The free-running log-mel [n_mels, T] and its valid frames, or null when the model cannot synthesize.</summary>
    private (Tensor Mel, long Frames)? FreeRunning(ITrainableModel model, TrainingBatch batch, int row)
    {
        if (model is not ISynthesisModel synthesis)
        {
            if (!_warnedTeacherForced) log.Information("{Model} cannot synthesize free-running; validation samples vocode its teacher-forced mel", model.Description);
            _warnedTeacherForced = true;
            return null;
        }
        var tokens = batch.TokenLengths[row].item<long>();
        var reference = batch.ReferenceMelLengths[row].item<long>();
        var (mel, lengths) = synthesis.Synthesize(batch.Tokens[row..(row + 1), ..(int)tokens], batch.TokenLengths[row..(row + 1)],
            batch.ReferenceMel[row..(row + 1), .., ..(int)reference], batch.ReferenceMelLengths[row..(row + 1)],
            conditioning: batch.Extra.ToDictionary(kv => kv.Key, kv => kv.Value[row..(row + 1)]));   // pretrained speaker inputs, if any
        return (mel[0].to(ScalarType.Float32), lengths[0].item<long>());
    }

    /// <summary>The first <c>count</c> rows of the first validation batch, copied out of the loader (kept on the CPU for the run).</summary>
    private TrainingBatch? TakeFixed(IBatchSource validation)
    {
        if (count <= 0) return null;
        using var loaded = validation.Read(0, 0).FirstOrDefault();
        if (loaded is null) return null;
        var b = loaded.Batch;
        var n = (int)Math.Min(count, b.Tokens.shape[0]);
        Tensor Keep(Tensor t) { var kept = t[..n].cpu().clone(); kept.DetachFromDisposeScope(); return kept; }
        return new TrainingBatch
        {
            Ids = b.Ids.Take(n).ToArray(), Tokens = Keep(b.Tokens), TokenLengths = Keep(b.TokenLengths), Mel = Keep(b.Mel),
            MelLengths = Keep(b.MelLengths), SpeakerIds = Keep(b.SpeakerIds), ReferenceMel = Keep(b.ReferenceMel),
            ReferenceMelLengths = Keep(b.ReferenceMelLengths), Extra = b.Extra.ToDictionary(kv => kv.Key, kv => Keep(kv.Value)),
        };
    }

    /// <summary>An utterance id usable as a file name (path separators and other unsafe characters become '_').</summary>
    private static string SafeName(string id) =>
        new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    public void Dispose()
    {
        if (_fixed is { } b)
            foreach (var t in new[] { b.Tokens, b.TokenLengths, b.Mel, b.MelLengths, b.SpeakerIds, b.ReferenceMel, b.ReferenceMelLengths }.Concat(b.Extra.Values))
                t.Dispose();
        vocoder.Dispose();
    }
}
