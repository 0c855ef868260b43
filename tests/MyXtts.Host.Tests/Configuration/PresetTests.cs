using MyXtts.Host.Configuration;
using static MyXtts.Host.Tests.Configuration.ConfigTestSupport;

namespace MyXtts.Host.Tests.Configuration;

public sealed class PresetTests
{
    public static TheoryData<string> PresetNames => new(Presets.Names);

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Every_preset_loads_and_validates(string name)
    {
        var config = ConfigurationLoader.Load(Request(modelSize: name));
        Assert.Contains($"preset {name}", config.Layers);
        var model = MyXtts.Core.Models.AcousticModelOptions.From(config.Settings.Model, vocabSize: 64);   // throws for sizes the model cannot build
        Assert.Equal(config.Settings.Model.DecoderDim, model.DecoderDim);
    }

    [Fact]
    public void Presets_grow_from_tiny_to_big()
    {
        var widths = Presets.Names.Select(n => ConfigurationLoader.Load(Request(modelSize: n)).Settings.Model.DecoderDim).ToList();
        Assert.Equal(widths.Order(), widths);
        Assert.True(widths[0] < widths[^1]);
    }

    [Fact]
    public void The_tiny_preset_is_sized_for_two_cpu_cores()
    {
        var s = ConfigurationLoader.Load(Request(modelSize: "tiny")).Settings;
        Assert.Equal("cpu", s.Runtime.Device);
        Assert.Equal(2, s.Runtime.Threads);
        Assert.Equal("auto", s.Model.TokenizerType);
        // Transformer blocks hold about 12·d² weights each; the three stacks stay well under 5 M.
        long blocks = 12L * (s.Model.TextEncoderLayers * s.Model.TextEncoderDim * s.Model.TextEncoderDim
                           + s.Model.AudioEncoderLayers * s.Model.AudioEncoderDim * s.Model.AudioEncoderDim
                           + s.Model.DecoderLayers * s.Model.DecoderDim * s.Model.DecoderDim);
        Assert.InRange(blocks + 256L * s.Model.TextEncoderDim, 100_000, 5_000_000);   // a phoneme or character vocabulary stays under 256
    }

    [Fact]
    public void An_unknown_model_size_suggests_a_preset()
    {
        var error = LoadFails(Request(modelSize: "tiney"));
        Assert.Contains("did you mean 'tiny'", error.Message);
    }
}
