using static TorchSharp.torch;

namespace MyXtts.Core.Models.Autoregressive;

/// <summary>
/// What the autoregressive decoder attends to: the text states <paramref name="Text"/> [B, L, D] with their padding
/// <paramref name="TextPadding"/> [B, L] (true = padding, PyTorch's key_padding_mask convention) and, when the model
/// has voice conditioning, the conditioning latents <paramref name="Latents"/> [B, N, D] (never padded).
/// </summary>
public sealed record DecoderMemory(Tensor Text, Tensor TextPadding, Tensor? Latents);

/// <summary>One decoder layer's memory, projected once into per-head keys and values ([B, H, S, E/H]).</summary>
public sealed record ProjectedMemory(Tensor TextKeys, Tensor TextValues, Tensor TextPadding, Tensor? LatentKeys, Tensor? LatentValues);

/// <summary>What the decoder returns for a run of steps: stacked frames [B, T', rM] (standardised), stop logits [B, T'] and the attention over the text [B, T', L].</summary>
public sealed record DecoderStepOutputs(Tensor Frames, Tensor StopLogits, Tensor Alignment)
{
    internal DecoderStepOutputs MoveToOuterDisposeScope() =>
        new(Frames.MoveToOuterDisposeScope(), StopLogits.MoveToOuterDisposeScope(), Alignment.MoveToOuterDisposeScope());
}
