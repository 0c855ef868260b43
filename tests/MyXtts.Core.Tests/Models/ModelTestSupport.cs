using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models;

internal static class ModelTestSupport
{
    /// <summary>Seeds torch and keeps to one thread (tiny tensors; CI cores are shared).</summary>
    public static void Seed(long seed = 11)
    {
        set_num_threads(1);
        manual_seed(seed);
    }

    public static Tensor Lengths(params long[] values) => tensor(values);

    /// <summary>Largest absolute difference.</summary>
    public static double MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
