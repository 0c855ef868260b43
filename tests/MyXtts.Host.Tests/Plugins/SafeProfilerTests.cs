using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Plugins;
using MyXtts.Abstractions.Profiling;
using MyXtts.Host.Composition;
using MyXtts.Host.Plugins.Profiling;
using MyXtts.Host.Plugins.Selection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace MyXtts.Host.Tests.Plugins;

public sealed class SafeProfilerTests : IDisposable
{
    private readonly TempDirectory _runDirectory = new();
    private readonly LogCapture _log = new();

    public void Dispose() => _runDirectory.Dispose();

    private PluginRun Run(string profiler, out HostComposition composition)
    {
        composition = HostComposition.Build(FixturePlugins.All, PluginSelection.Parse([profiler], FixturePlugins.All),
            new ConfigurationBuilder().Build(), _log.Logger);
        return composition.BeginRun(new RunContext(_runDirectory.Path, "profiled"));
    }

    private IReadOnlyList<string?> WarnedHooks() => _log.Warnings.Select(w => LogCapture.Property(w, "Hook") as string).ToArray();

    [Fact]
    public void A_missing_hook_falls_back_to_the_null_profiler_with_one_warning_naming_plugin_and_hook()
    {
        using var run = Run("cache_only_profiler", out var composition);
        using (composition)
        {
            using (run.Profiler.ProfileOperation("mel")) { }
            using (run.Profiler.ProfileOperation("mel")) { }
            run.Profiler.RecordCacheMiss("mel");

            var warning = Assert.Single(_log.Warnings);
            Assert.Equal("cache_only_profiler", LogCapture.Property(warning, "Plugin"));
            Assert.Equal("ProfileOperation", LogCapture.Property(warning, "Hook"));
            Assert.Contains(_log.Events, e => LogCapture.Property(e, "Event") as string == "miss");
        }
    }

    [Fact]
    public void Every_throwing_hook_is_logged_once_and_then_skipped_without_stopping_the_run()
    {
        using var run = Run("throwing_profiler", out var composition);
        using (composition)
        {
            for (var call = 0; call < 2; call++)
            {
                run.Profiler.RecordCacheHit("mel");
                run.Profiler.RecordCacheMiss("mel");
                run.Profiler.RecordCacheError("mel", new IOException("corrupt"));
                using (run.Profiler.ProfileOperation("mel")) { }
                run.EpochReporter.ReportEpoch(1, final: false, _runDirectory.Path);
            }

            Assert.Equal(["RecordCacheHit", "RecordCacheMiss", "RecordCacheError", "ProfileOperation", "ReportEpoch"], WarnedHooks());
            Assert.All(_log.Warnings, w => Assert.Equal("throwing_profiler", LogCapture.Property(w, "Plugin")));
            Assert.IsType<MissingMethodException>(_log.Warnings[3].Exception);
        }
    }

    [Fact]
    public void A_failed_hook_is_not_called_again_while_the_other_hooks_keep_working()
    {
        var plugin = Substitute.For<ICacheProfiler>();
        plugin.When(p => p.RecordCacheHit(Arg.Any<string>())).Throw(new InvalidOperationException("broken"));
        var profiler = SafeProfiler.Wrap("fake", plugin, _log.Logger);

        profiler.RecordCacheHit("a");
        profiler.RecordCacheHit("b");
        profiler.RecordCacheMiss("c");
        profiler.RecordCacheMiss("d");

        plugin.Received(1).RecordCacheHit(Arg.Any<string>());
        plugin.Received(2).RecordCacheMiss(Arg.Any<string>());
    }

    [Fact]
    public void A_timing_scope_that_throws_on_dispose_disables_profile_operation_with_one_warning()
    {
        var scope = Substitute.For<IDisposable>();
        scope.When(s => s.Dispose()).Throw(new InvalidOperationException("timer broke"));
        var plugin = Substitute.For<IOperationProfiler>();
        plugin.ProfileOperation(Arg.Any<string>()).Returns(scope);
        var profiler = SafeProfiler.Wrap("fake", plugin, _log.Logger);
        var before = _log.Warnings.Count;

        using (profiler.ProfileOperation("x")) { }
        using (profiler.ProfileOperation("y")) { }

        plugin.Received(1).ProfileOperation(Arg.Any<string>());
        Assert.Equal(before + 1, _log.Warnings.Count);
        Assert.Equal(["RecordCacheHit", "RecordCacheMiss", "RecordCacheError", "ProfileOperation"], WarnedHooks());
    }

    [Fact]
    public void A_profiler_without_epoch_reports_gets_a_silent_reporter()
    {
        var reporter = SafeEpochReporter.Wrap("fake", Substitute.For<ICacheProfiler>(), _log.Logger);

        reporter.ReportEpoch(1, final: true, _runDirectory.Path);

        Assert.Same(SafeEpochReporter.None, reporter);
        Assert.Empty(_log.Events);
    }
}
