using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Checkpoints;

/// <summary>
/// Loads generator weights: jik876's <c>g_XXXXXXXX</c> (<c>{"generator": state_dict}</c>, zip or pre-1.6 format), a
/// bare state dict or safetensors, optionally under a key prefix (XTTS: <c>waveform_decoder.</c>). Channel counts come
/// from the file; everything else must match the configuration exactly (strict keys and shapes).
/// </summary>
public static class GeneratorCheckpoint
{
    /// <summary>Where a generator state dict may sit in a wrapper dict (train.py saves under "generator").</summary>
    public static IReadOnlyList<string> WrapperKeys { get; } = ["generator", "model", "state_dict"];

    /// <summary>A new generator with the file's weights (weight norm kept if the file has it).</summary>
    public static HiFiGanGenerator Load(string path, HiFiGanConfig config, string? keyPrefix = null)
    {
        using var checkpoint = CheckpointFile.Read(path);
        var stateDict = checkpoint.StateDict([.. WrapperKeys]);
        string prefix = keyPrefix ?? "";
        var generator = new HiFiGanGenerator(GeneratorShapes.Fit(config, stateDict, prefix, path));
        try
        {
            if (GeneratorShapes.IsWeightNormRemoved(stateDict, prefix)) generator.RemoveWeightNorm();
            StateDictLoader.LoadStrict(generator, stateDict, path, new WeightLoadOptions { KeyPrefix = keyPrefix });
            return generator;
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }
}
