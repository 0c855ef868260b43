using MyXtts.Checkpoints.Safetensors;
using static TorchSharp.torch;

namespace MyXtts.Host.Tests.Speakers;

/// <summary>
/// Random weights in the real key layout of Resemblyzer's <c>pretrained.pt</c> model_state (3-layer LSTM 40 → 256,
/// <c>linear</c> 256 → 256), as a bare safetensors state dict, so pretrained-conditioning tests need no fixtures.
/// </summary>
internal static class TinyResemblyzerCheckpoint
{
    public const int EmbeddingDim = 256;

    public static string Write(string path, int seed = 5)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        Tensor Random(params long[] shape) => randn(shape, generator: generator) * 0.08;
        var state = new Dictionary<string, Tensor>();
        for (var layer = 0; layer < 3; layer++)
        {
            state[$"lstm.weight_ih_l{layer}"] = Random(1024, layer == 0 ? 40 : 256);
            state[$"lstm.weight_hh_l{layer}"] = Random(1024, 256);
            state[$"lstm.bias_ih_l{layer}"] = Random(1024);
            state[$"lstm.bias_hh_l{layer}"] = Random(1024);
        }
        state["linear.weight"] = Random(256, 256);
        state["linear.bias"] = full(256, 0.05f);   // keeps the ReLU output away from all-zero, which has no direction
        SafetensorsFile.Write(path, state, order: SafetensorsOrder.ByName);
        return path;
    }
}
