using MyXtts.Core.IO;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

// TEMPORARY until MyXtts.Checkpoints lands: state dicts exported to .npy by a scratch script.
public static class ScratchWeights
{
    public static Dictionary<string, Tensor> Load(string folder, string prefix = "")
    {
        var dir = Path.Combine("/tmp/hifi_sd", folder);
        return File.ReadAllLines(Path.Combine(dir, "keys.txt")).Where(k => k.StartsWith(prefix))
            .ToDictionary(k => k[prefix.Length..], k => NpyFile.Read(Path.Combine(dir, k + ".npy")).ToTensor());
    }

    public static void Into(nn.Module module, Dictionary<string, Tensor> sd)
    {
        var own = module.state_dict();
        var missing = own.Keys.Except(sd.Keys).ToList();
        var unexpected = sd.Keys.Except(own.Keys).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0, $"missing: {string.Join(",", missing)} unexpected: {string.Join(",", unexpected)}");
        using var _ = no_grad();
        foreach (var (k, t) in own)
        {
            Assert.True(t.shape.SequenceEqual(sd[k].shape), $"{k}: [{string.Join(",", t.shape)}] vs [{string.Join(",", sd[k].shape)}]");
            t.copy_(sd[k]);
        }
    }
}
