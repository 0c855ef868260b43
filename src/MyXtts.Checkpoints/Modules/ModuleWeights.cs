using MyXtts.Checkpoints.Safetensors;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Modules;

/// <summary>Loads a module's weights from any supported file, and exports them to safetensors.</summary>
public static class ModuleWeights
{
    /// <summary>
    /// Reads <paramref name="path"/> (PyTorch zip/legacy or safetensors), finds the state dict (top level or one of
    /// <see cref="WeightLoadOptions.WrapperKeys"/>) and loads it strictly into <paramref name="module"/>.
    /// </summary>
    public static void Load(nn.Module module, string path, WeightLoadOptions? options = null)
    {
        options ??= new WeightLoadOptions();
        using var checkpoint = CheckpointFile.Read(path);
        StateDictLoader.LoadStrict(module, checkpoint.StateDict([.. options.WrapperKeys]), path, options);
    }

    /// <summary>Writes <paramref name="module"/>'s state dict (parameters and buffers, PyTorch names) as safetensors.</summary>
    public static void ExportSafetensors(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsFile.Write(path, module.state_dict(), metadata);
}
