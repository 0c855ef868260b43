using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>Turns a <see cref="DeviceSpec"/> into a torch device, or explains why it cannot be had.</summary>
public static class DeviceResolver
{
    public static (torch.Device Device, string Reason) Resolve(DeviceSpec spec, ICudaProbe probe)
    {
        switch (spec.Choice)
        {
            case DeviceChoice.Cpu:
                return (torch.CPU, "requested");
            case DeviceChoice.Auto:
                return probe.IsAvailable
                    ? (new torch.Device(DeviceType.CUDA, 0), "auto: CUDA is available")
                    : (torch.CPU, probe.IsCudaBuild ? "auto: CUDA build but no usable GPU" : "auto: CPU build of libtorch");
        }
        if (!probe.IsAvailable)
            throw new RuntimeSetupException(probe.IsCudaBuild
                ? $"runtime.device is '{spec}' but no CUDA device is usable (torch.cuda.is_available() is false: check the NVIDIA driver and CUDA_VISIBLE_DEVICES). Use --device cpu or --device auto."
                : $"runtime.device is '{spec}' but this myxtts uses the CPU build of libtorch (libtorch-cpu-linux-x64). " +
                  "Build the CUDA version with 'dotnet build -p:TorchBackend=cuda' (needs the TorchSharp-cuda-linux package), or use --device cpu or --device auto.");
        var index = spec.Index ?? 0;
        var count = probe.DeviceCount;
        if (index >= count)
            throw new RuntimeSetupException($"runtime.device is '{spec}' but only {count} CUDA device(s) are visible (cuda:0..cuda:{count - 1}).");
        return (new torch.Device(DeviceType.CUDA, index), "requested");
    }
}
