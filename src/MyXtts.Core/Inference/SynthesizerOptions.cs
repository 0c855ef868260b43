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
}
