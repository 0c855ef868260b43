using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.SpeakerEncoders;
using TorchSharp;

namespace MyXtts.TestPlugins.Good;

/// <summary>A 4-dimensional encoder returning the per-row mean amplitude in every dimension.</summary>
[Plugin("fixture_encoder", Summary = "Fixture: mean-amplitude speaker encoder")]
public sealed class FixtureEncoder : ISpeakerEncoder
{
    public int EmbeddingDim => 4;
    public int SampleRate => 16000;

    public void LoadWeights(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Fixture encoder weights not found: {path}", path);
    }

    public torch.Tensor Embed(torch.Tensor waveforms, torch.Tensor lengths)
    {
        using var scope = torch.NewDisposeScope();
        var mean = waveforms.abs().sum(1, keepdim: true) / lengths.unsqueeze(1).to(waveforms.dtype);   // [B, 1]
        return mean.expand(-1, EmbeddingDim).contiguous().MoveToOuterDisposeScope();                     // [B, D]
    }

    public void Dispose() { }
}
