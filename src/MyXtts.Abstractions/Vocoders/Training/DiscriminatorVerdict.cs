using TorchSharp;

namespace MyXtts.Abstractions.Vocoders.Training;

/// <summary>
/// One sub-discriminator's outputs on real and generated audio: the score map and the intermediate feature maps (the
/// inputs of least-squares GAN losses and feature matching). <see cref="Name"/> identifies it in logs (<c>mpd.0</c>).
/// </summary>
public sealed record DiscriminatorVerdict(
    string Name,
    torch.Tensor RealScore,
    torch.Tensor GeneratedScore,
    IReadOnlyList<torch.Tensor> RealFeatures,
    IReadOnlyList<torch.Tensor> GeneratedFeatures);
