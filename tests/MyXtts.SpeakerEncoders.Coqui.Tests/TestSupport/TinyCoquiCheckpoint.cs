using MyXtts.Checkpoints.Modules;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;

/// <summary>
/// A small random ResNet encoder with a torch front end, saved as a bare safetensors state dict (no config), so tests
/// that need no reference numbers run without the fixtures.
/// </summary>
internal static class TinyCoquiCheckpoint
{
    public const int ProjDim = 12, Mels = 16;

    public static string Write(string folder, int seed = 5)
    {
        manual_seed(seed);
        var shape = new ResNetShape(Mels, [4, 4, 8, 8], [1, 1, 1, 1], [1, 1, 1, 1], 8, ProjDim, AttentiveStatistics: true);
        var torchSpec = nn.Sequential(("0", new PreEmphasis(0.97)), ("1", new TorchMelSpectrogram(400, 512, Mels, 160)));
        using var network = new ResNetSpeakerEncoder(shape, logInput: true, torchSpec);
        using (no_grad())
        {
            var state = network.state_dict();
            state["torch_spec.0.filter"].copy_(tensor(new[] { -0.97f, 1f }).reshape(1, 1, 2));
            state["torch_spec.1.spectrogram.window"].copy_(hamming_window(400, periodic: true));
            state["torch_spec.1.mel_scale.fb"].copy_(rand(257, Mels) * 0.1);
        }
        var path = Path.Combine(folder, "tiny_se.safetensors");
        ModuleWeights.ExportSafetensors(network, path);
        return path;
    }
}
