using MyXtts.Abstractions.Configuration;
using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// What <c>data.mixed_precision</c> means on the chosen device: the dtype the model computes in, and whether a
/// dynamic loss scaler guards against float16 gradient underflow. TorchSharp 0.107 has no autocast, so the trainer
/// applies the compute dtype itself.
/// </summary>
public sealed record PrecisionPolicy(MixedPrecisionMode Mode, torch.ScalarType ComputeDtype, bool UsesLossScaler)
{
    public static PrecisionPolicy For(MixedPrecisionMode mode, DeviceType device) => mode switch
    {
        MixedPrecisionMode.Off => new(mode, torch.ScalarType.Float32, false),
        MixedPrecisionMode.Bf16 => new(mode, torch.ScalarType.BFloat16, false),
        MixedPrecisionMode.Fp16 when device == DeviceType.CUDA => new(mode, torch.ScalarType.Float16, true),
        // CPU float16 kernels are slow and incomplete; bf16 has float32's range and needs no scaler.
        MixedPrecisionMode.Fp16 => throw new RuntimeSetupException(
            $"data.mixed_precision is 'fp16' but the device is {device}: float16 training is only supported on CUDA. Use --mixed-precision bf16 (fast on CPUs with AVX512-BF16/AMX) or off."),
        _ => throw new RuntimeSetupException($"data.mixed_precision '{mode}' is not supported; use off, fp16 or bf16."),
    };

    /// <summary>A <see cref="DynamicLossScaler"/> for fp16, otherwise the pass-through <see cref="NoLossScaler"/>.</summary>
    public ILossScaler CreateLossScaler(LossScalerOptions? options = null) =>
        UsesLossScaler ? new DynamicLossScaler(options ?? new LossScalerOptions()) : NoLossScaler.Instance;

    public override string ToString() =>
        $"{Mode.ToString().ToLowerInvariant()} (compute {ComputeDtype}, loss scaler {(UsesLossScaler ? "dynamic" : "none")})";
}
