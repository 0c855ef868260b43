using System.Globalization;

namespace MyXtts.Core.Runtime;

/// <summary>What <c>runtime.device</c> asks for.</summary>
public enum DeviceChoice { Auto, Cpu, Cuda }

/// <summary>A parsed <c>runtime.device</c>: <c>auto</c>, <c>cpu</c>, <c>cuda</c> (device 0) or <c>cuda:N</c>.</summary>
public sealed record DeviceSpec(DeviceChoice Choice, int? Index = null)
{
    public static DeviceSpec Parse(string? text)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        if (t is "auto" or "") return new(DeviceChoice.Auto);
        if (t == "cpu") return new(DeviceChoice.Cpu);
        if (t == "cuda") return new(DeviceChoice.Cuda);
        if (t.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(t.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return new(DeviceChoice.Cuda, index);
        throw new RuntimeSetupException($"runtime.device '{text}' is not a device; use auto, cpu, cuda or cuda:N (N = 0, 1, ...), e.g. --device cuda:0.");
    }

    public override string ToString() => Choice switch
    {
        DeviceChoice.Auto => "auto",
        DeviceChoice.Cpu => "cpu",
        _ => Index is null ? "cuda" : $"cuda:{Index}",
    };
}
