using MyXtts.Host.Configuration;
using static MyXtts.Host.Tests.Configuration.ConfigTestSupport;

namespace MyXtts.Host.Tests.Configuration;

public sealed class PrecedenceTests : IDisposable
{
    private readonly ConfigTestSupport _support = new();
    private const string FileJson = """
        { "training": { "learning_rate": 0.002 }, "data": { "batch_size": 7 }, "runtime": { "device": "cuda:1" } }
        """;

    [Fact]
    public void Defaults_apply_when_no_source_sets_a_key()
    {
        var config = ConfigurationLoader.Load(Request());
        Assert.Equal(1e-4, config.Settings.Training.LearningRate);
        Assert.Equal(ConfigSource.Default, config.Provenance.SourceOf("training.learning_rate"));
    }

    [Fact]
    public void A_preset_overrides_the_defaults()
    {
        var config = ConfigurationLoader.Load(Request(modelSize: "tiny"));
        Assert.Equal(0.001, config.Settings.Training.LearningRate);
        Assert.Equal(4, config.Settings.Data.BatchSize);
        Assert.Equal("cpu", config.Settings.Runtime.Device);
        Assert.Equal("preset tiny", config.Provenance.SourceOf("data.batch_size").ToString());
    }

    [Fact]
    public void The_config_file_overrides_the_preset_and_keeps_the_preset_values_it_does_not_set()
    {
        var file = _support.WriteFile(FileJson);
        var config = ConfigurationLoader.Load(Request(file, "tiny"));
        Assert.Equal(0.002, config.Settings.Training.LearningRate);
        Assert.Equal(7, config.Settings.Data.BatchSize);
        Assert.Equal("cuda:1", config.Settings.Runtime.Device);
        Assert.Equal(128, config.Settings.Model.TextEncoderDim);
        Assert.Equal($"file {file}:1", config.Provenance.SourceOf("training.learning_rate").ToString());
    }

    [Fact]
    public void The_environment_overrides_the_file()
    {
        var env = new Dictionary<string, string?> { ["MYXTTS_TRAINING__LEARNING_RATE"] = "0.003", ["MYXTTS_DATA__BATCH_SIZE"] = "9", ["MYXTTS_RUNTIME__DEVICE"] = "cpu" };
        var config = ConfigurationLoader.Load(Request(_support.WriteFile(FileJson), "tiny", env));
        Assert.Equal(0.003, config.Settings.Training.LearningRate);
        Assert.Equal(9, config.Settings.Data.BatchSize);
        Assert.Equal("cpu", config.Settings.Runtime.Device);
        Assert.Equal("env MYXTTS_DATA__BATCH_SIZE", config.Provenance.SourceOf("data:batch_size").ToString());
    }

    [Fact]
    public void Flags_override_the_environment()
    {
        var env = new Dictionary<string, string?> { ["MYXTTS_TRAINING__LEARNING_RATE"] = "0.003", ["MYXTTS_DATA__BATCH_SIZE"] = "9", ["MYXTTS_RUNTIME__DEVICE"] = "cpu" };
        var config = ConfigurationLoader.Load(Request(_support.WriteFile(FileJson), "tiny", env,
            ("--set training.learning_rate", "training:learning_rate", "0.004"), ("--set data.batch_size", "data:batch_size", "11"), ("--device", "runtime:device", "auto")));
        Assert.Equal(0.004, config.Settings.Training.LearningRate);
        Assert.Equal(11, config.Settings.Data.BatchSize);
        Assert.Equal("auto", config.Settings.Runtime.Device);
        Assert.Equal("flag --device", config.Provenance.SourceOf("runtime.device").ToString());
    }

    [Fact]
    public void The_original_mel_loss_weight_key_sets_loss_weights_mel_and_layers_like_any_key()
    {
        var file = _support.WriteFile("""{ "training": { "mel_loss_weight": 20.0, "loss_weights": { "stop": 5 } } }""");
        var env = new Dictionary<string, string?> { ["MYXTTS_TRAINING__KL_LOSS_WEIGHT"] = "0.5" };
        var config = ConfigurationLoader.Load(Request(file, env: env));
        var weights = config.Settings.Training.LossWeights;
        Assert.Equal(20.0, weights["mel"]);
        Assert.Equal(5.0, weights["stop"]);
        Assert.Equal(0.5, weights["kl"]);
        Assert.Equal(0.1, weights["pitch"]);   // untouched default survives the merge
        Assert.Equal("env MYXTTS_TRAINING__KL_LOSS_WEIGHT", config.Provenance.SourceOf("training.loss_weights.kl").ToString());
    }

    [Fact]
    public void A_list_set_by_a_higher_layer_replaces_the_whole_lower_list()
    {
        var file = _support.WriteFile("""{ "model": { "languages": ["de", "fr"] } }""");
        Assert.Equal(["de", "fr"], ConfigurationLoader.Load(Request(file)).Settings.Model.Languages);
        var env = new Dictionary<string, string?> { ["MYXTTS_MODEL__LANGUAGES"] = "en" };
        Assert.Equal(["en"], ConfigurationLoader.Load(Request(file, env: env)).Settings.Model.Languages);
    }

    public void Dispose() => _support.Dispose();
}
