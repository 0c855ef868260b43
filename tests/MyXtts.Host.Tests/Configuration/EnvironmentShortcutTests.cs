using MyXtts.Abstractions.Configuration;
using MyXtts.Host.Configuration;
using static MyXtts.Host.Tests.Configuration.ConfigTestSupport;

namespace MyXtts.Host.Tests.Configuration;

public sealed class EnvironmentShortcutTests : IDisposable
{
    private readonly ConfigTestSupport _support = new();

    [Theory]
    [InlineData("fp16", MixedPrecisionMode.Fp16)]
    [InlineData("bf16", MixedPrecisionMode.Bf16)]
    [InlineData("off", MixedPrecisionMode.Off)]
    [InlineData("true", MixedPrecisionMode.Bf16)]
    [InlineData("1", MixedPrecisionMode.Bf16)]
    [InlineData("0", MixedPrecisionMode.Off)]
    public void MYXTTS_ENABLE_MIXED_PRECISION_overrides_data_mixed_precision_from_the_file(string value, MixedPrecisionMode expected)
    {
        var file = _support.WriteFile("""{ "data": { "mixed_precision": "fp16" } }""");
        var env = new Dictionary<string, string?> { ["MYXTTS_ENABLE_MIXED_PRECISION"] = value };
        var config = ConfigurationLoader.Load(Request(file, env: env));
        Assert.Equal(expected, config.Settings.Data.MixedPrecision);
        Assert.Equal("env MYXTTS_ENABLE_MIXED_PRECISION", config.Provenance.SourceOf("data.mixed_precision").ToString());
    }

    [Fact]
    public void MYXTTS_ENABLE_XLA_overrides_data_enable_xla_and_the_regular_variable()
    {
        var env = new Dictionary<string, string?> { ["MYXTTS_ENABLE_XLA"] = "off", ["MYXTTS_DATA__ENABLE_XLA"] = "true" };
        var config = ConfigurationLoader.Load(Request(modelSize: "normal", env: env));
        Assert.False(config.Settings.Data.EnableXla);
        Assert.Equal("env MYXTTS_ENABLE_XLA", config.Provenance.SourceOf("data.enable_xla").ToString());
    }

    [Fact]
    public void A_flag_still_wins_over_the_shortcut_variables()
    {
        var env = new Dictionary<string, string?> { ["MYXTTS_ENABLE_XLA"] = "1" };
        var config = ConfigurationLoader.Load(Request(env: env, flags: ("--disable-xla", "data:enable_xla", "false")));
        Assert.False(config.Settings.Data.EnableXla);
    }

    [Fact]
    public void An_unusable_shortcut_value_lists_the_accepted_values()
    {
        var error = LoadFails(Request(env: new Dictionary<string, string?> { ["MYXTTS_ENABLE_MIXED_PRECISION"] = "half" }));
        Assert.Contains("env MYXTTS_ENABLE_MIXED_PRECISION: 'half' is not accepted for data.mixed_precision. Accepted: off, fp16, bf16", error.Message);
    }

    public void Dispose() => _support.Dispose();
}
