using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Core.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Models;

/// <summary>
/// An acoustic model of either decoder strategy (<see cref="AcousticModels.Create(MyXtts.Abstractions.Configuration.ModelSettings, int)"/>):
/// trainable, and able to synthesise a log-mel from tokens in the voice of a reference mel. Not safe to call from two
/// threads at once (TorchSharp modules are not).
/// </summary>
public interface IAcousticModel : ITrainableModel, ISynthesisModel
{
    /// <summary>The options the model was built from.</summary>
    AcousticModelOptions Options { get; }

    /// <summary>The style tokens, when the model has them (0 otherwise).</summary>
    long StyleTokenCount { get; }

    /// <summary>
    /// The fine-tuned pretrained speaker encoder the model runs on <c>ConditioningKeys.ReferenceWaveform</c> when a batch
    /// carries no precomputed embedding; null (the default) when embeddings come precomputed (frozen encoder).
    /// </summary>
    ISpeakerEncoder? SpeakerEncoder { get; set; }
}
