using MyXtts.Abstractions.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// Puts a batch where the model is, and hand-made mixed precision (TorchSharp 0.107 has no autocast): the model computes
/// in the policy's dtype, losses are always computed in float32 against the float32 targets.
/// </summary>
public static class BatchPlacement
{
    /// <summary>The batch on <paramref name="device"/> (unchanged when it is already there, e.g. prefetched to the GPU).</summary>
    public static TrainingBatch ToDevice(TrainingBatch batch, Device device) =>
        batch.Mel.device_type == device.type && batch.Mel.device_index == device.index ? batch : batch with
    {
        Tokens = batch.Tokens.to(device), TokenLengths = batch.TokenLengths.to(device), Mel = batch.Mel.to(device),
        MelLengths = batch.MelLengths.to(device), SpeakerIds = batch.SpeakerIds.to(device),
        ReferenceMel = batch.ReferenceMel.to(device), ReferenceMelLengths = batch.ReferenceMelLengths.to(device),
        Extra = batch.Extra.ToDictionary(kv => kv.Key, kv => kv.Value.to(device)),
    };

    /// <summary>The batch with its floating tensors in <paramref name="dtype"/> (integer tensors unchanged).</summary>
    public static TrainingBatch ToCompute(TrainingBatch batch, ScalarType dtype) => dtype == ScalarType.Float32 ? batch : batch with
    {
        Mel = batch.Mel.to(dtype),
        ReferenceMel = batch.ReferenceMel.to(dtype),
        Extra = batch.Extra.ToDictionary(kv => kv.Key, kv => kv.Value.is_floating_point() ? kv.Value.to(dtype) : kv.Value),
    };

    /// <summary>The outputs with every floating tensor in float32.</summary>
    public static ModelOutputs ToFloat32(ModelOutputs outputs) => outputs.Mel.dtype == ScalarType.Float32 ? outputs : outputs with
    {
        Mel = outputs.Mel.to(ScalarType.Float32),
        MelPostnet = outputs.MelPostnet.to(ScalarType.Float32),
        Aux = outputs.Aux.ToDictionary(kv => kv.Key, kv => kv.Value.is_floating_point() ? kv.Value.to(ScalarType.Float32) : kv.Value),
    };
}
