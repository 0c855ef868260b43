using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Vocoders;
using TorchSharp;

namespace MyXtts.TestPlugins.Good;

/// <summary>Returns silence of the right length: frames × hop samples per row.</summary>
[Plugin("fixture_vocoder", Summary = "Fixture: silence of the right length")]
public sealed class FixtureVocoder : IVocoder
{
    public MelSettings Mel { get; } = new();

    public void LoadWeights(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Fixture vocoder weights not found: {path}", path);
    }

    public torch.Tensor Synthesize(torch.Tensor logMel) =>
        torch.zeros(logMel.shape[0], logMel.shape[2] * Mel.HopLength);   // [B, frames × hop]

    public void Dispose() { }
}
