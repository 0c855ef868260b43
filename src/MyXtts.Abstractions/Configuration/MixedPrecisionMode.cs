namespace MyXtts.Abstractions.Configuration;

/// <summary>Values of <c>data.mixed_precision</c>.</summary>
public enum MixedPrecisionMode
{
    /// <summary>Everything in float32.</summary>
    Off,
    /// <summary>float16 compute with a dynamic loss scaler (CUDA only).</summary>
    Fp16,
    /// <summary>bfloat16 compute, no loss scaler (CPU and CUDA).</summary>
    Bf16,
}
