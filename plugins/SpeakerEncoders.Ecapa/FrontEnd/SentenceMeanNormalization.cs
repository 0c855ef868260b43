using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Ecapa.FrontEnd;

/// <summary>
/// SpeechBrain <c>InputNormalization(norm_type="sentence", std_norm=False)</c>: per utterance and mel bin, subtract the
/// mean over its valid frames (t &lt; relative length · T − 1e-6, SpeechBrain 1.x); applied to every frame, padding
/// included; no division by the standard deviation.
/// </summary>
internal static class SentenceMeanNormalization
{
    /// <param name="features">[B, T, F].</param>
    /// <param name="relativeLengths">[B] valid fraction of each row.</param>
    public static Tensor Apply(Tensor features, Tensor relativeLengths)
    {
        using var scope = NewDisposeScope();
        long frames = features.shape[1];
        var positions = arange(frames, dtype: ScalarType.Float32, device: features.device).unsqueeze(0);     // [1, T]
        var mask = positions.lt((relativeLengths * frames - 1e-6).unsqueeze(1)).to(features.dtype).unsqueeze(2);   // [B, T, 1]
        var mean = (features * mask).sum(1, keepdim: true) / mask.sum(1, keepdim: true).clamp(min: 1);      // [B, 1, F]
        return (features - mean).MoveToOuterDisposeScope();
    }
}
