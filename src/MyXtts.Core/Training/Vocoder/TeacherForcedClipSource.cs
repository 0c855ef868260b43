namespace MyXtts.Core.Training.Vocoder;

/// <summary>
/// Replaces each clip's mel by the one <c>inputMel</c> gives for it — e.g. the stage-1 model's teacher-forced
/// prediction, so the vocoder learns to fix the acoustic model's errors (HiFi-GAN's fine-tuning). The audio, and with
/// it the loss mel, stay the real ones. The replacement must have the clip's shape [n_mels, frames].
/// </summary>
public sealed class TeacherForcedClipSource(IVocoderClipSource inner, Func<VocoderClip, float[]> inputMel) : IVocoderClipSource
{
    /// <inheritdoc />
    public int Count => inner.Count;

    /// <inheritdoc />
    public VocoderClip Get(int index)
    {
        var clip = inner.Get(index);
        var mel = inputMel(clip);
        if (mel.Length != clip.Mel.Length)
            throw new InvalidOperationException(
                $"The teacher-forced mel of '{clip.Id}' has {mel.Length} values but the clip's mel is [{clip.MelChannels}, {clip.Frames}] = {clip.Mel.Length}. " +
                "The stage-1 prediction must be teacher-forced on the clip's own frames (same n_mels and frame count).");
        return clip with { Mel = mel };
    }
}
