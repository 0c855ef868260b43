using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Host.Composition;
using MyXtts.Host.Plugins;

namespace MyXtts.Host.Tests.Plugins;

public class PluginOptionsBinderTests
{
    public sealed class SampleOptions
    {
        public double Eps { get; init; } = 1e-6;
        [ConfigurationKeyName("log_every")] public int LogEvery { get; set; } = 10;
        public List<string> Tags { get; } = [];
        public WindowOptions Window { get; set; } = new();
    }

    public sealed class WindowOptions
    {
        public int Size { get; set; } = 1024;
    }

    private static PluginDescriptor Plugin(Type? options) =>
        new("sample", PluginKind.LossTerm, typeof(BuiltInFixtureLoss), "", options,
            new PluginAssembly(typeof(BuiltInFixtureLoss).Assembly, "/plugins/Sample/Sample.dll", IsBuiltIn: false));

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Options_are_bound_from_the_plugins_section_including_configuration_key_names()
    {
        var options = (SampleOptions)PluginOptionsBinder.Bind(Plugin(typeof(SampleOptions)),
            Config(("plugins:sample:eps", "0.5"), ("plugins:sample:log_every", "3"), ("plugins:sample:Tags:0", "a"), ("plugins:sample:Window:Size", "512")))!;

        Assert.Equal(0.5, options.Eps);
        Assert.Equal(3, options.LogEvery);
        Assert.Equal(["a"], options.Tags);
        Assert.Equal(512, options.Window.Size);
    }

    [Fact]
    public void Without_a_section_the_options_keep_their_defaults()
    {
        var options = (SampleOptions)PluginOptionsBinder.Bind(Plugin(typeof(SampleOptions)), Config())!;

        Assert.Equal(1e-6, options.Eps);
        Assert.Equal(10, options.LogEvery);
    }

    [Fact]
    public void An_unknown_key_fails_naming_the_key_and_the_valid_ones()
    {
        var error = Assert.Throws<PluginException>(() =>
            PluginOptionsBinder.Bind(Plugin(typeof(SampleOptions)), Config(("plugins:sample:epsilon", "1"))));

        Assert.Contains("'plugins:sample:epsilon'", error.Message);
        Assert.Contains("valid there: Eps, log_every, Tags, Window", error.Message);
    }

    [Fact]
    public void Keys_of_nested_option_objects_are_checked_too()
    {
        var error = Assert.Throws<PluginException>(() =>
            PluginOptionsBinder.Bind(Plugin(typeof(SampleOptions)), Config(("plugins:sample:Window:length", "1"))));

        Assert.Contains("'plugins:sample:Window:length' (valid there: Size)", error.Message);
    }

    [Fact]
    public void A_value_that_does_not_convert_fails_naming_the_section()
    {
        var error = Assert.Throws<PluginException>(() =>
            PluginOptionsBinder.Bind(Plugin(typeof(SampleOptions)), Config(("plugins:sample:eps", "small"))));

        Assert.Contains("plugins:sample", error.Message);
    }

    [Fact]
    public void Settings_for_a_plugin_without_options_are_an_error()
    {
        var error = Assert.Throws<PluginException>(() => PluginOptionsBinder.Bind(Plugin(null), Config(("plugins:sample:eps", "1"))));

        Assert.Contains("takes no options", error.Message);
        Assert.Null(PluginOptionsBinder.Bind(Plugin(null), Config(("plugins:other:eps", "1"))));
    }
}
