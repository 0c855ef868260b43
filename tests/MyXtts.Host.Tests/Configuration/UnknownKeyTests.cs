using MyXtts.Host.Configuration;
using static MyXtts.Host.Tests.Configuration.ConfigTestSupport;

namespace MyXtts.Host.Tests.Configuration;

public sealed class UnknownKeyTests : IDisposable
{
    private readonly ConfigTestSupport _support = new();

    [Fact]
    public void An_unknown_key_in_a_file_names_the_file_line_and_nearest_key()
    {
        var file = _support.WriteFile("{\n  \"training\": {\n    \"lerning_rate\": 0.1\n  }\n}");
        var error = LoadFails(Request(file));
        Assert.Contains($"file {file}:3", error.Message);
        Assert.Contains("'training.lerning_rate'", error.Message);
        Assert.Contains("Did you mean 'training.learning_rate'?", error.Message);
    }

    [Fact]
    public void A_key_in_the_wrong_section_suggests_the_section_that_has_it()
    {
        var error = LoadFails(Request(_support.WriteFile("""{ "model": { "batch_size": 3 } }""")));
        Assert.Contains("Did you mean 'data.batch_size'?", error.Message);
    }

    [Fact]
    public void An_unknown_environment_key_suggests_the_variable_to_use()
    {
        var error = LoadFails(Request(env: new Dictionary<string, string?> { ["MYXTTS_TRAINING__LEARNIG_RATE"] = "1e-3" }));
        Assert.Contains("env MYXTTS_TRAINING__LEARNIG_RATE", error.Message);
        Assert.Contains("Did you mean MYXTTS_TRAINING__LEARNING_RATE (training.learning_rate)?", error.Message);
    }

    [Fact]
    public void An_unknown_key_given_with_set_suggests_the_nearest_key()
    {
        var error = LoadFails(Request(flags: ("--set model.n_mel", "model:n_mel", "80")));
        Assert.Contains("flag --set model.n_mel", error.Message);
        Assert.Contains("Did you mean 'model.n_mels'?", error.Message);
    }

    [Fact]
    public void A_single_underscore_variable_that_is_not_special_is_rejected_with_the_rules()
    {
        var error = LoadFails(Request(env: new Dictionary<string, string?> { ["MYXTTS_PLUGIN_PATH"] = "/x" }));
        Assert.Contains("MYXTTS_<SECTION>__<KEY>", error.Message);
        Assert.Contains("Did you mean MYXTTS_PLUGINS_PATH?", error.Message);
    }

    [Fact]
    public void Special_variables_and_foreign_variables_are_not_configuration_keys()
    {
        var env = EnvironmentLayer.SpecialVariables.ToDictionary(v => v, v => (string?)"whatever");
        env["PATH"] = "/usr/bin";
        env["HOME"] = "/root";
        var config = ConfigurationLoader.Load(Request(env: env));
        Assert.Equal(1e-4, config.Settings.Training.LearningRate);
        Assert.DoesNotContain(config.Provenance.Values.Values, v => v.Source.Kind == ConfigSourceKind.Environment);
    }

    [Fact]
    public void Plugin_option_sections_pass_through_to_the_plugin_catalog()
    {
        var file = _support.WriteFile("""{ "plugins": { "ecapa_tdnn": { "checkpoint": "a.pt" } } }""");
        var config = ConfigurationLoader.Load(Request(file));
        Assert.Equal("a.pt", config.Root["plugins:ecapa_tdnn:checkpoint"]);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var file = _support.WriteFile("""{ "training": { "lerning_rate": 0.1, "epochs": 0 } }""");
        var error = LoadFails(Request(file, env: new Dictionary<string, string?> { ["MYXTTS_DATA__BATCH_SIZ"] = "3" }));
        Assert.Equal(3, error.Problems.Count);
    }

    public void Dispose() => _support.Dispose();
}
