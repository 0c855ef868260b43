using System.Globalization;
using TorchSharp;

namespace MyXtts.Core.Models;

/// <summary>Small sizing helpers the acoustic models share (descriptions and head counts).</summary>
internal static class ModelSizing
{
    /// <summary>Parameters of <paramref name="module"/> in millions, "0.00" style; "0" for an absent part.</summary>
    public static string Millions(torch.nn.Module? module) =>
        module is null ? "0" : (module.parameters().Sum(p => p.numel()) / 1e6).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The largest divisor of <paramref name="value"/> not above <paramref name="atMost"/> (attention heads that split a width evenly).</summary>
    public static long LargestDivisor(long value, long atMost)
    {
        for (var d = atMost; d > 1; d--) if (value % d == 0) return d;
        return 1;
    }
}
