using System.Text.Json;
using MyXtts.Host.Cli;

namespace MyXtts.Host.Tests.Configuration;

public sealed class ConfigShowCommandTests : IDisposable
{
    private readonly ConfigTestSupport _support = new();

    private static async Task<(int Code, string Out, string Error)> Run(IDictionary<string, string?> env, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var context = new CliContext(stdout, stderr, new Dictionary<string, string?>(env)) { PresetDirectory = ConfigTestSupport.PresetDirectory };
        var code = await CliApplication.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Config_show_prints_each_value_with_its_source()
    {
        var file = _support.WriteFile("""{ "data": { "batch_size": 3 } }""");
        var env = new Dictionary<string, string?> { ["MYXTTS_TRAINING__LEARNING_RATE"] = "0.003" };
        var (code, output, _) = await Run(env, "config", "show", "--model-size", "tiny", "--config", file, "--device", "cpu", "--set", "training.epochs=9");
        Assert.Equal(0, code);
        string Row(string key) => output.Split('\n').Single(l => l.Contains($" {key} "));
        Assert.Contains("preset tiny", Row("model.text_encoder_dim"));
        Assert.Contains($"file {file}", Row("data.batch_size"));
        Assert.Contains("env MYXTTS_TRAINING__LEARNING_RATE", Row("training.learning_rate"));
        Assert.Contains("flag --device", Row("runtime.device"));
        Assert.Contains("flag --set training.epochs", Row("training.epochs"));
        Assert.Contains("default", Row("model.n_fft"));
    }

    [Fact]
    public async Task Config_show_json_gives_key_value_and_source_rows()
    {
        var (code, output, _) = await Run(new Dictionary<string, string?>(), "config", "show", "--json", "--enable-xla");
        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        Assert.Equal("true", rows["data.enable_xla"].GetProperty("value").GetString());
        Assert.Equal("flag --enable-xla", rows["data.enable_xla"].GetProperty("source").GetString());
        Assert.Equal("1", rows["training.loss_weights.mel"].GetProperty("value").GetString());
    }

    [Fact]
    public async Task An_unknown_flag_fails_with_the_nearest_flag()
    {
        var (code, _, error) = await Run(new Dictionary<string, string?>(), "config", "show", "--devcie", "cpu");
        Assert.NotEqual(0, code);
        Assert.Contains("'--devcie'", error);
        Assert.Contains("Did you mean '--device'?", error);
    }

    [Fact]
    public async Task A_configuration_error_exits_non_zero_with_the_message_and_no_stack_trace()
    {
        var (code, output, error) = await Run(new Dictionary<string, string?>(), "config", "show", "--threads", "many");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("flag --threads: runtime.threads = 'many' is not valid; expected a whole number in 0..1024.", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Contradicting_switches_are_rejected()
    {
        var (code, _, error) = await Run(new Dictionary<string, string?>(), "config", "show", "--enable-xla", "--disable-xla");
        Assert.Equal(2, code);
        Assert.Contains("--enable-xla and --disable-xla both set data.enable_xla", error);
    }

    public void Dispose() => _support.Dispose();
}
