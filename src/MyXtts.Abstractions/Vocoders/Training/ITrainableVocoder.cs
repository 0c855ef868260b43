namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>
/// Capability of a vocoder plugin that the host can train (stage 2): it builds its generator and discriminators, and
/// the host's GAN loop does the rest (data, optimizers, losses, checkpoints), knowing nothing of the architecture.
/// Probed with <c>vocoder is ITrainableVocoder</c>.
/// </summary>
public interface ITrainableVocoder
{
    /// <summary>A fresh training model (random weights, or the generator of <see cref="VocoderTrainingRequest.PretrainedGenerator"/>), on the CPU.</summary>
    IVocoderTrainingModel CreateTrainingModel(VocoderTrainingRequest request);
}
