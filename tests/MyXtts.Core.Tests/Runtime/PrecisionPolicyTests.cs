using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Runtime;
using TorchSharp;

namespace MyXtts.Core.Tests.Runtime;

public sealed class PrecisionPolicyTests
{
    [Theory]
    [InlineData(MixedPrecisionMode.Off, DeviceType.CPU, torch.ScalarType.Float32, false)]
    [InlineData(MixedPrecisionMode.Off, DeviceType.CUDA, torch.ScalarType.Float32, false)]
    [InlineData(MixedPrecisionMode.Bf16, DeviceType.CPU, torch.ScalarType.BFloat16, false)]
    [InlineData(MixedPrecisionMode.Bf16, DeviceType.CUDA, torch.ScalarType.BFloat16, false)]
    [InlineData(MixedPrecisionMode.Fp16, DeviceType.CUDA, torch.ScalarType.Float16, true)]
    public void Each_mode_maps_to_a_compute_dtype_and_scaler_choice(MixedPrecisionMode mode, DeviceType device, torch.ScalarType dtype, bool scaler)
    {
        var policy = PrecisionPolicy.For(mode, device);
        Assert.Equal((dtype, scaler), (policy.ComputeDtype, policy.UsesLossScaler));
        Assert.Equal(scaler, policy.CreateLossScaler() is DynamicLossScaler);
    }

    [Fact]
    public void Fp16_on_the_cpu_is_an_error_that_suggests_bf16()
    {
        var error = Assert.Throws<RuntimeSetupException>(() => PrecisionPolicy.For(MixedPrecisionMode.Fp16, DeviceType.CPU));
        Assert.Contains("only supported on CUDA", error.Message);
        Assert.Contains("--mixed-precision bf16", error.Message);
    }
}
