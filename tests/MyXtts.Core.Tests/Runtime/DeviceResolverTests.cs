using MyXtts.Core.Runtime;
using NSubstitute;
using TorchSharp;

namespace MyXtts.Core.Tests.Runtime;

public sealed class DeviceResolverTests
{
    private static ICudaProbe Probe(bool cudaBuild, bool available, int count = 0)
    {
        var probe = Substitute.For<ICudaProbe>();
        probe.IsCudaBuild.Returns(cudaBuild);
        probe.IsAvailable.Returns(available);
        probe.DeviceCount.Returns(count);
        return probe;
    }

    [Fact]
    public void Auto_picks_the_cpu_when_cuda_is_not_available()
    {
        var (device, reason) = DeviceResolver.Resolve(DeviceSpec.Parse("auto"), Probe(false, false));
        Assert.Equal(DeviceType.CPU, device.type);
        Assert.Contains("CPU build", reason);
    }

    [Fact]
    public void Auto_picks_the_first_gpu_when_cuda_is_available()
    {
        var (device, _) = DeviceResolver.Resolve(DeviceSpec.Parse("auto"), Probe(true, true, 2));
        Assert.Equal((DeviceType.CUDA, 0L), (device.type, device.index));
    }

    [Fact]
    public void Asking_for_cuda_on_the_cpu_build_explains_how_to_build_with_cuda()
    {
        var error = Assert.Throws<RuntimeSetupException>(() => DeviceResolver.Resolve(DeviceSpec.Parse("cuda"), Probe(false, false)));
        Assert.Contains("CPU build of libtorch", error.Message);
        Assert.Contains("-p:TorchBackend=cuda", error.Message);
    }

    [Fact]
    public void Asking_for_cuda_on_a_cuda_build_without_a_gpu_points_at_the_driver()
    {
        var error = Assert.Throws<RuntimeSetupException>(() => DeviceResolver.Resolve(DeviceSpec.Parse("cuda:0"), Probe(true, false)));
        Assert.Contains("no CUDA device is usable", error.Message);
    }

    [Fact]
    public void A_gpu_index_beyond_the_visible_devices_is_rejected()
    {
        var error = Assert.Throws<RuntimeSetupException>(() => DeviceResolver.Resolve(DeviceSpec.Parse("cuda:1"), Probe(true, true, 1)));
        Assert.Contains("only 1 CUDA device(s) are visible (cuda:0..cuda:0)", error.Message);
    }

    [Fact]
    public void A_visible_gpu_index_is_used()
    {
        var (device, _) = DeviceResolver.Resolve(DeviceSpec.Parse("cuda:1"), Probe(true, true, 2));
        Assert.Equal((DeviceType.CUDA, 1L), (device.type, device.index));
    }
}
