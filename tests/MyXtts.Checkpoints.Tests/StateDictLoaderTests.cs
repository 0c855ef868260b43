using MyXtts.Checkpoints.Modules;
using MyXtts.Checkpoints.Tests.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Checkpoints.Tests;

/// <summary>Strict loading into TorchSharp modules, prefixes, and safetensors export.</summary>
public sealed class StateDictLoaderTests
{
    /// <summary>A module with a parameter-only child and a buffer-carrying child, named like PyTorch attributes.</summary>
    private sealed class Tiny : nn.Module
    {
#pragma warning disable IDE1006 // PyTorch attribute names are the state-dict keys
        private readonly Linear proj;
        private readonly BatchNorm1d norm;
#pragma warning restore IDE1006

        public Tiny(int inputs = 3, int outputs = 2) : base(nameof(Tiny))
        {
            proj = nn.Linear(inputs, outputs);
            norm = nn.BatchNorm1d(outputs);
            RegisterComponents();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                proj.Dispose();
                norm.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private static Dictionary<string, Tensor> StateOf(nn.Module module, string prefix = "") =>
        module.state_dict().ToDictionary(p => prefix + p.Key, p => p.Value);

    [Fact]
    public void A_matching_state_dict_is_copied_into_parameters_and_buffers()
    {
        using var source = new Tiny();
        using var target = new Tiny();
        using (no_grad()) source.state_dict()["norm.running_mean"].fill_(3);

        StateDictLoader.LoadStrict(target, StateOf(source), "src.pth");

        foreach (var (key, value) in target.state_dict())
            Assert.True(Tensors.Same(value, source.state_dict()[key]), key);
    }

    [Fact]
    public void Missing_unexpected_and_misshaped_keys_are_reported_together_and_nothing_is_copied()
    {
        using var source = new Tiny(inputs: 4);
        using var target = new Tiny();
        var sd = StateOf(source);
        sd.Remove("norm.running_var");
        sd["extra.weight"] = zeros(1);
        using var before = target.state_dict()["norm.bias"].clone();
        using (no_grad()) sd["norm.bias"].fill_(9);

        var error = Assert.Throws<StateDictMismatchException>(() => StateDictLoader.LoadStrict(target, sd, "/x/src.pth"));

        Assert.Equal(["norm.running_var"], error.Missing);
        Assert.Equal(["extra.weight"], error.Unexpected);
        Assert.Equal(["proj.weight: file [2, 4] vs module [2, 3]"], error.ShapeMismatches);
        Assert.Contains("'src.pth' does not fit", error.Message);
        Assert.Contains("1 missing from the file: norm.running_var", error.Message);
        Assert.True(Tensors.Same(target.state_dict()["norm.bias"], before));
    }

    [Fact]
    public void A_key_prefix_selects_and_strips_the_module_keys_and_ignores_the_rest()
    {
        using var source = new Tiny();
        using var target = new Tiny();
        var sd = StateOf(source, "waveform_decoder.");
        sd["gpt.wte.weight"] = zeros(5);

        StateDictLoader.LoadStrict(target, sd, "model.pth", new WeightLoadOptions { KeyPrefix = "waveform_decoder." });

        Assert.True(Tensors.Same(target.state_dict()["proj.weight"], source.state_dict()["proj.weight"]));
    }

    [Fact]
    public void A_prefix_no_key_has_is_reported_with_the_first_keys_of_the_file()
    {
        using var target = new Tiny();
        var sd = StateOf(target, "hifigan.");

        var error = Assert.Throws<StateDictMismatchException>(() =>
            StateDictLoader.LoadStrict(target, sd, "model.pth", new WeightLoadOptions { KeyPrefix = "waveform_decoder." }));

        Assert.Contains("'model.pth' has no key starting with 'waveform_decoder.' (first keys: hifigan.proj.weight", error.Message);
    }

    [Fact]
    public void Ignored_keys_are_neither_loaded_nor_reported()
    {
        using var source = new Tiny();
        using var target = new Tiny();
        var sd = StateOf(source);
        sd["similarity_weight"] = ones(1);

        StateDictLoader.LoadStrict(target, sd, "pretrained.pt", new WeightLoadOptions { IgnoredKeys = new HashSet<string> { "similarity_weight" } });
    }

    [Fact]
    public void Exported_safetensors_load_back_into_a_fresh_module()
    {
        using var dir = new TempDirectory();
        using var source = new Tiny();
        using var target = new Tiny();
        using (no_grad()) source.state_dict()["norm.running_var"].fill_(0.25);

        ModuleWeights.ExportSafetensors(source, dir.File("tiny.safetensors"));
        ModuleWeights.Load(target, dir.File("tiny.safetensors"));

        foreach (var (key, value) in target.state_dict())
            Assert.True(Tensors.Same(value, source.state_dict()[key]), key);
    }
}
