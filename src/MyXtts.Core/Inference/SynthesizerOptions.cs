using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Abstractions.Vocoders;
using static TorchSharp.torch;

namespace MyXtts.Core.Inference;

/// <summary>How <see cref="SpeechSynthesizer.Load"/> sets a model up.</summary>
public sealed record SynthesizerOptions
{
    /// <summary>Where the acoustic model runs; CPU by default.</summary>
    public Device? Device { get; init; }

    /// <summary>
    /// The vocoder that turns mels into audio; null uses the built-in <c>griffin_lim</c> (60 iterations). The synthesizer
    /// disposes a vocoder it created, never one given here.
    /// </summary>
    public IVocoder? Vocoder { get; init; }

    /// <summary>
    /// The pretrained speaker encoder a checkpoint trained with pretrained speaker conditioning needs (its
    /// <c>SpeakerEncoderRecord</c> names the type and weights), with its weights loaded. For a fine-tuned encoder the
    /// synthesizer copies the checkpoint's weights into it. Never disposed by the synthesizer; ignored for other checkpoints.
    /// </summary>
    public ISpeakerEncoder? SpeakerEncoder { get; init; }
}
