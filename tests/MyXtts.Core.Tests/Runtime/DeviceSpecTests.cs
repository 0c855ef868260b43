using MyXtts.Core.Runtime;

namespace MyXtts.Core.Tests.Runtime;

public sealed class DeviceSpecTests
{
    [Theory]
    [InlineData("cpu", DeviceChoice.Cpu, null)]
    [InlineData("CPU", DeviceChoice.Cpu, null)]
    [InlineData("auto", DeviceChoice.Auto, null)]
    [InlineData("cuda", DeviceChoice.Cuda, null)]
    [InlineData("cuda:1", DeviceChoice.Cuda, 1)]
    [InlineData(" cuda:12 ", DeviceChoice.Cuda, 12)]
    public void Valid_device_names_parse(string text, DeviceChoice choice, int? index)
    {
        Assert.Equal(new DeviceSpec(choice, index), DeviceSpec.Parse(text));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:1:2")]
    [InlineData("mps")]
    public void Invalid_device_names_fail_listing_the_valid_forms(string text)
    {
        var error = Assert.Throws<RuntimeSetupException>(() => DeviceSpec.Parse(text));
        Assert.Contains($"runtime.device '{text}' is not a device; use auto, cpu, cuda or cuda:N", error.Message);
    }
}
