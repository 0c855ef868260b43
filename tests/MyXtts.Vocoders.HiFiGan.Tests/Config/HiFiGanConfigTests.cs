using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;

namespace MyXtts.Vocoders.HiFiGan.Tests.Config;

public sealed class HiFiGanConfigTests
{
    [Theory]
    [InlineData("V1", 512, ResBlockKind.One)]
    [InlineData("v2", 128, ResBlockKind.One)]
    [InlineData(" V3 ", 256, ResBlockKind.Two)]
    public void Built_in_names_resolve_in_any_case_to_the_published_configs_with_hop_256(string name, int channels, ResBlockKind kind)
    {
        var resolved = HiFiGanConfigs.Resolve(name);
        Assert.Equal(channels, resolved.Generator.UpsampleInitialChannel);
        Assert.Equal(kind, resolved.Generator.ResBlock);
        Assert.Equal(256, resolved.Generator.HopLength);
        Assert.Null(resolved.Mel);
    }

    [Fact]
    public void An_unknown_name_lists_the_built_in_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => HiFiGanConfigs.Resolve("V4"));
        Assert.Contains("V1, V2, V3", error.Message);
    }

    [Fact]
    public void A_config_file_gives_the_generator_keys_and_the_mel_it_was_trained_on()
    {
        using var folder = new TempFolder();
        var contents = HiFiGanConfigs.Resolve(folder.Write("config.json", SmallConfigs.V3Json(fmax: "null")));
        Assert.Equal(SmallConfigs.V3.UpsampleRates, contents.Generator.UpsampleRates);
        Assert.Equal([2, 6], contents.Generator.ResBlockDilationSizes[1]);
        Assert.Equal(ResBlockKind.Two, contents.Generator.ResBlock);
        Assert.Equal(32, contents.Generator.UpsampleInitialChannel);
        Assert.Equal(11025, contents.Mel!.FMax);
        Assert.Equal(256, contents.Mel.HopLength);
    }

    [Fact]
    public void A_config_file_with_an_unknown_resblock_names_the_valid_values_and_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("config.json", SmallConfigs.V3Json().Replace("\"resblock\": \"2\"", "\"resblock\": \"3\""));
        var error = Assert.Throws<FormatException>(() => HiFiGanConfigFile.Read(path));
        Assert.Contains("\"1\"", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_config_file_missing_a_key_names_the_key()
    {
        using var folder = new TempFolder();
        var path = folder.Write("config.json", SmallConfigs.V3Json().Replace("\"upsample_initial_channel\": 32,", ""));
        var error = Assert.Throws<FormatException>(() => HiFiGanConfigFile.Read(path));
        Assert.Contains("upsample_initial_channel", error.Message);
    }

    [Fact]
    public void Validation_rejects_an_upsample_kernel_whose_padding_would_not_keep_length_times_rate()
    {
        var config = HiFiGanConfig.V1 with { UpsampleKernelSizes = [15, 16, 4, 4] };
        var error = Assert.Throws<ArgumentException>(() => config.Validate("test"));
        Assert.Contains("stage 0", error.Message);
    }

    [Fact]
    public void Validation_rejects_resblock_1_with_two_dilations_per_block()
    {
        var config = HiFiGanConfig.V1 with { ResBlockDilationSizes = [[1, 2], [2, 6], [3, 12]] };
        var error = Assert.Throws<ArgumentException>(() => config.Validate("test"));
        Assert.Contains("3 positive dilations", error.Message);
    }
}
