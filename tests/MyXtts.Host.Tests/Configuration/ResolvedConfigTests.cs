using MyXtts.Host.Configuration;
using static MyXtts.Host.Tests.Configuration.ConfigTestSupport;

namespace MyXtts.Host.Tests.Configuration;

public sealed class ResolvedConfigTests : IDisposable
{
    private readonly ConfigTestSupport _support = new();

    [Fact]
    public void The_resolved_file_loads_back_to_the_same_settings()
    {
        var env = new Dictionary<string, string?> { ["MYXTTS_ENABLE_MIXED_PRECISION"] = "bf16", ["MYXTTS_MODEL__LANGUAGES"] = "en,de" };
        var original = ConfigurationLoader.Load(Request(modelSize: "small", env: env, flags: ("--set training.loss_weights.stop", "training:loss_weights:stop", "4.5")));
        var path = ResolvedConfigJson.WriteTo(_support.Folder, original);

        var reloaded = ConfigurationLoader.Load(Request(path));
        Assert.Equal(original.Settings.Model with { Languages = [] }, reloaded.Settings.Model with { Languages = [] });
        Assert.Equal(["en", "de"], reloaded.Settings.Model.Languages);
        Assert.Equal(original.Settings.Data with { TextCleaners = [] }, reloaded.Settings.Data with { TextCleaners = [] });
        Assert.Equal(original.Settings.Runtime, reloaded.Settings.Runtime);
        Assert.Equal(original.Settings.Training.LossWeights.OrderBy(kv => kv.Key), reloaded.Settings.Training.LossWeights.OrderBy(kv => kv.Key));
        Assert.Equal(original.Settings.Training with { LossWeights = null! }, reloaded.Settings.Training with { LossWeights = null! });
    }

    [Fact]
    public void A_run_folder_is_named_by_time_and_command_and_gets_the_resolved_config()
    {
        var output = Path.Combine(_support.Folder, "runs");
        var config = ConfigurationLoader.Load(Request(flags: ("--output-dir", "runtime:output_dir", output)));
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var first = RunFolder.CreateFor(config, "train", now);
        var second = RunFolder.CreateFor(config, "train", now);

        Assert.Equal(Path.Combine(output, "20260102-030405-train"), first);
        Assert.Equal(first + "-2", second);
        Assert.True(File.Exists(Path.Combine(first, ResolvedConfigJson.FileName)));
        Assert.Empty(Directory.GetFiles(first, "*.tmp"));
    }

    [Fact]
    public void A_run_name_replaces_the_timestamped_folder_name()
    {
        var output = Path.Combine(_support.Folder, "runs");
        Assert.Equal(Path.Combine(output, "exp1"), RunFolder.Create(output, "train", "exp1"));
        Assert.Throws<ConfigurationException>(() => RunFolder.Create(output, "train", "a/b"));
    }

    public void Dispose() => _support.Dispose();
}
