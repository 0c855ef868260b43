using MyXtts.Core.Training.Batches;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// The stage-1 model's teacher-forced mels for every utterance of a split, for fine-tuning the vocoder on predicted mels
/// (HiFi-GAN's fine-tuning, section 4.4 of the paper): the model runs on each batch in eval mode without gradients, and
/// each row's postnet mel is cut to its own frame count, so it lines up with the clip's audio.
/// <code>options with { TeacherForcedMel = TeacherForcedMels.Hook(TeacherForcedMels.Predict(model, data.Train).Concat(...)) }</code>
/// </summary>
public static class TeacherForcedMels
{
    /// <summary>Utterance id → predicted log-mel [n_mels, frames] row-major, over every batch of epoch 0 of <paramref name="source"/>.</summary>
    public static IReadOnlyDictionary<string, float[]> Predict(ITrainableModel model, IBatchSource source)
    {
        var mels = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var device = model.Module.parameters().FirstOrDefault()?.device ?? CPU;
        var wasTraining = model.Module.training;
        model.Module.eval();
        try
        {
            using var _ = no_grad();
            foreach (var loaded in source.Read(0, 0))
                using (loaded)
                using (NewDisposeScope())
                {
                    var batch = BatchPlacement.ToDevice(loaded.Batch, device);
                    var predicted = model.Forward(batch).MelPostnet.to(ScalarType.Float32).cpu();   // [B, n_mels, T]
                    var lengths = batch.MelLengths.cpu().data<long>().ToArray();
                    for (int row = 0; row < lengths.Length; row++)
                        mels[batch.Ids[row]] = predicted[row].narrow(1, 0, lengths[row]).contiguous().data<float>().ToArray();
                }
        }
        finally
        {
            if (wasTraining) model.Module.train();
        }
        return mels;
    }

    /// <summary>The hook for <c>VocoderTrainingOptions.TeacherForcedMel</c>: the prediction of the clip's id; throws naming the id when there is none.</summary>
    public static Func<VocoderClip, float[]> Hook(IReadOnlyDictionary<string, float[]> predictions) => clip =>
        predictions.TryGetValue(clip.Id, out var mel) ? mel
            : throw new InvalidOperationException($"No teacher-forced mel for '{clip.Id}': the stage-1 predictions cover {predictions.Count} other utterances. Predict every split stage 2 reads (train and validation).");
}
