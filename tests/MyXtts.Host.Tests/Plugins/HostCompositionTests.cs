using Autofac;
using Autofac.Core;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Host.Composition;
using MyXtts.Host.Plugins;
using MyXtts.Host.Plugins.Selection;
using TorchSharp;

namespace MyXtts.Host.Tests.Plugins;

public sealed class HostCompositionTests : IDisposable
{
    private readonly TempDirectory _runDirectory = new();
    private readonly LogCapture _log = new();

    private RunContext Context(string id = "run1") => new(_runDirectory.Path, id);

    private HostComposition Compose(IConfiguration? configuration, params string[] plugins) =>
        HostComposition.Build(FixturePlugins.All, PluginSelection.Parse(plugins, FixturePlugins.All),
            configuration ?? new ConfigurationBuilder().Build(), _log.Logger);

    public void Dispose() => _runDirectory.Dispose();

    [Fact]
    public void A_run_constructs_every_selected_plugin_under_its_contract()
    {
        using var composition = Compose(null, "fixture_encoder", "fixture_vocoder", "fixture_l1", "duplicate_name", "fixture_sink");
        using var run = composition.BeginRun(Context());

        Assert.Equal(4, run.SpeakerEncoder!.EmbeddingDim);
        Assert.Equal(22050, run.Vocoder!.Mel.SampleRate);
        Assert.Equal(["fixture_l1", "duplicate_name"], run.LossTerms.Select(t => t.Name));
        Assert.Single(run.MetricsSinks);
        Assert.Same(NullProfiler.Instance, run.Profiler);
    }

    [Fact]
    public void Nothing_selected_gives_no_encoder_no_vocoder_and_the_null_profiler()
    {
        using var composition = Compose(null);
        using var run = composition.BeginRun(Context());

        Assert.Null(run.SpeakerEncoder);
        Assert.Null(run.Vocoder);
        Assert.Empty(run.LossTerms);
        Assert.Same(NullProfiler.Instance, run.Profiler);
        run.EpochReporter.ReportEpoch(1, final: true, _runDirectory.Path);
    }

    [Fact]
    public void Plugin_options_come_from_the_plugins_section_and_reach_the_constructor()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["plugins:fixture_l1:scale"] = "2.5",
            ["plugins:fixture_l1:warmup"] = "7",
        }).Build();
        using var composition = Compose(configuration, "fixture_l1");
        using var run = composition.BeginRun(Context());
        using var scope = torch.NewDisposeScope();

        var value = run.LossTerms[0].Term.Compute(TinyBatch.LossContext());

        Assert.Equal(2.5, value.Value.item<float>(), precision: 5);
        Assert.Equal(7, value.Metrics["warmup"]);
    }

    [Fact]
    public void An_unknown_option_key_fails_before_the_run_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["plugins:fixture_l1:scael"] = "2.5",
        }).Build();

        var error = Assert.Throws<PluginException>(() => Compose(configuration, "fixture_l1"));

        Assert.Contains("'plugins:fixture_l1:scael'", error.Message);
        Assert.Contains("valid there: Scale, Warmup", error.Message);
    }

    [Fact]
    public void Ending_the_run_disposes_its_plugin_instances()
    {
        using var composition = Compose(null, "fixture_sink");
        var run = composition.BeginRun(Context("disposal"));
        run.MetricsSinks[0].WriteScalars(3, new Dictionary<string, double> { ["train/loss"] = 0.5 });
        Assert.DoesNotContain(_log.Events, e => e.MessageTemplate.Text.StartsWith("Fixture sink disposed"));

        run.Dispose();

        var disposed = Assert.Single(_log.Events, e => e.MessageTemplate.Text.StartsWith("Fixture sink disposed"));
        Assert.Equal("disposal", LogCapture.Property(disposed, "RunId"));
        Assert.Equal("3\ttrain/loss\t0.5", File.ReadAllText(Path.Combine(_runDirectory.Path, "fixture_sink.tsv")).Trim());
    }

    [Fact]
    public void Each_run_gets_its_own_plugin_instances()
    {
        using var composition = Compose(null, "fixture_encoder");
        using var first = composition.BeginRun(Context("a"));
        using var second = composition.BeginRun(Context("b"));

        Assert.NotSame(first.SpeakerEncoder, second.SpeakerEncoder);
        Assert.Same(first.SpeakerEncoder, first.Scope.Resolve<MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder>());
    }

    [Fact]
    public void Plugins_cannot_be_resolved_outside_a_run()
    {
        using var composition = Compose(null, "fixture_encoder");

        Assert.Throws<DependencyResolutionException>(() =>
            composition.Container.ResolveKeyed<MyXtts.Abstractions.SpeakerEncoders.ISpeakerEncoder>("fixture_encoder"));
    }

    [Fact]
    public void Plugin_loggers_carry_the_plugin_name_and_the_run_id()
    {
        using var composition = Compose(null, "cache_only_profiler");
        using var run = composition.BeginRun(Context("logged"));

        run.Profiler.RecordCacheHit("mel");

        var hit = Assert.Single(_log.Events, e => LogCapture.Property(e, "Event") as string == "hit");
        Assert.Equal("cache_only_profiler", LogCapture.Property(hit, "Plugin"));
        Assert.Equal("logged", LogCapture.Property(hit, "RunId"));
        Assert.Equal("mel", LogCapture.Property(hit, "Cache"));
    }

    [Fact]
    public void A_constructor_that_throws_fails_the_run_naming_plugin_file_and_cause()
    {
        using var composition = Compose(null, "throwing_constructor");

        var error = Assert.Throws<PluginException>(() => composition.BeginRun(Context()));

        Assert.Contains("'throwing_constructor'", error.Message);
        Assert.Contains(FixturePlugins.Dll("Broken"), error.Message);
        Assert.Contains("InvalidOperationException: fixture constructor failure", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }
}
