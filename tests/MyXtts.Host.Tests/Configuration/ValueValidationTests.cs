using MyXtts.Abstractions.Configuration;
using MyXtts.Host.Configuration;
using static MyXtts.Host.Tests.Configuration.ConfigTestSupport;

namespace MyXtts.Host.Tests.Configuration;

public sealed class ValueValidationTests : IDisposable
{
    private readonly ConfigTestSupport _support = new();

    [Fact]
    public void An_out_of_range_value_names_key_value_source_and_range()
    {
        var error = LoadFails(Request(env: new Dictionary<string, string?> { ["MYXTTS_DATA__BATCH_SIZE"] = "0" }));
        Assert.Equal("env MYXTTS_DATA__BATCH_SIZE: data.batch_size = 0 is out of range; allowed 1 to 4096.", error.Message);
    }

    [Fact]
    public void An_ill_typed_value_names_key_value_source_and_expected_type()
    {
        var file = _support.WriteFile("""{ "training": { "learning_rate": "fast" } }""");
        var error = LoadFails(Request(file));
        Assert.Contains($"file {file}:1: training.learning_rate = 'fast' is not valid; expected a number", error.Message);
        Assert.Contains("1E-08..1", error.Message);
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_allowed_values()
    {
        var error = LoadFails(Request(flags: ("--mixed-precision", "data:mixed_precision", "fp8")));
        Assert.Equal("flag --mixed-precision: data.mixed_precision = 'fp8' is not valid; expected one of off, fp16, bf16.", error.Message);
    }

    [Fact]
    public void A_value_outside_the_allowed_words_suggests_the_nearest()
    {
        var error = LoadFails(Request(flags: ("--set training.optimizer", "training:optimizer", "adamv")));
        Assert.Contains("use one of adamw, adam, sgd (did you mean 'adamw'?)", error.Message);
    }

    [Fact]
    public void Allowed_words_are_accepted_in_any_case_and_stored_in_their_documented_spelling()
    {
        var config = ConfigurationLoader.Load(Request(flags: ("--set training.optimizer", "training:optimizer", "AdamW")));
        Assert.Equal("adamw", config.Settings.Training.Optimizer);
    }

    [Fact]
    public void Heads_that_do_not_divide_the_width_are_rejected_naming_both_keys()
    {
        var error = LoadFails(Request(flags: ("--set model.decoder_heads", "model:decoder_heads", "7")));
        Assert.Contains("model.decoder_dim (default) = 1536 is not divisible by model.decoder_heads (flag --set model.decoder_heads) = 7", error.Message);
    }

    [Fact]
    public void Booleans_accept_the_usual_spellings()
    {
        var config = ConfigurationLoader.Load(Request(env: new Dictionary<string, string?> { ["MYXTTS_TRAINING__ENABLE_EAGER_DEBUG"] = "yes" }));
        Assert.True(config.Settings.Training.EnableEagerDebug);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        var file = _support.WriteFile("{\n \"training\": { \"epochs\": 3 \n}");
        var error = LoadFails(Request(file));
        Assert.StartsWith($"{file}:", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void A_missing_config_file_says_which_path_was_tried()
    {
        var error = LoadFails(Request(Path.Combine(_support.Folder, "nope.json")));
        Assert.Contains("nope.json' not found", error.Message);
    }

    [Fact]
    public void Log_level_and_format_bind_to_their_enums()
    {
        var config = ConfigurationLoader.Load(Request(flags: [("--log-level", "runtime:log_level", "debug"), ("--log-format", "runtime:log_format", "json")]));
        Assert.Equal(Serilog.Events.LogEventLevel.Debug, config.Settings.Runtime.LogLevel);
        Assert.Equal(LogFormat.Json, config.Settings.Runtime.LogFormat);
    }

    public void Dispose() => _support.Dispose();
}
