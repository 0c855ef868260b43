using MyXtts.Checkpoints.Modules;
using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Modules;

namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Loading;

/// <summary>
/// Loads <c>pretrained.pt</c> (zip or legacy pre-1.6 format) or a safetensors copy into the network: the weights sit
/// under <c>checkpoint["model_state"]</c> (or at the top level); the training-time <c>similarity_weight/bias</c> that
/// VoiceEncoder ignores (it loads with strict=False for them alone) are skipped, every other key must match.
/// </summary>
internal static class VoiceEncoderWeights
{
    private static readonly WeightLoadOptions Options = new()
    {
        WrapperKeys = ["model_state"],
        IgnoredKeys = new HashSet<string> { "similarity_weight", "similarity_bias" },
    };

    public static void Load(VoiceEncoderNetwork network, string path) => ModuleWeights.Load(network, path, Options);
}
