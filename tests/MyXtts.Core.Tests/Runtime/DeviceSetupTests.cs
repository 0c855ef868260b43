using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Runtime;
using NSubstitute;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using TorchSharp;

namespace MyXtts.Core.Tests.Runtime;

/// <summary>These change process-wide libtorch switches, so they run one at a time.</summary>
[Collection(nameof(DeviceSetupTests))]
public sealed class DeviceSetupTests
{
    private sealed class Collect : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static readonly ICudaProbe CpuOnly = Substitute.For<ICudaProbe>();

    private static DeviceRequest Request(bool xla = false, bool debug = false, string device = "auto") =>
        new(device, MixedPrecisionMode.Off, xla, debug, Threads: torch.get_num_threads(), InteropThreads: 0, Seed: 7);

    [Fact]
    public void Cpu_setup_logs_the_effective_settings_in_one_event()
    {
        var sink = new Collect();
        using var log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        using var context = DeviceSetup.Apply(Request(xla: true), log, CpuOnly);

        Assert.Equal(DeviceType.CPU, context.Device.type);
        var e = Assert.Single(sink.Events);
        Assert.Equal("\"cpu\"", e.Properties["Device"].ToString());
        Assert.Equal(BackendTuning.NoCpuEffect, context.AccelerationEffect);
        Assert.Contains("no effect on CPU", e.RenderMessage());
    }

    [Fact]
    public void The_seed_makes_random_numbers_repeatable()
    {
        using var first = DeviceSetup.Apply(Request(), Logger.None, CpuOnly);
        var a = torch.rand(4).data<float>().ToArray();
        using var second = DeviceSetup.Apply(Request(), Logger.None, CpuOnly);
        Assert.Equal(a, torch.rand(4).data<float>().ToArray());
    }

    [Fact]
    public void Eager_debug_turns_on_anomaly_detection_and_deterministic_algorithms_until_disposed()
    {
        Assert.False(AnomalyMode.IsEnabled);
        using (var context = DeviceSetup.Apply(Request(debug: true), Logger.None, CpuOnly))
        {
            Assert.True(AnomalyMode.IsEnabled);
            Assert.True(LibTorchContext.DeterministicAlgorithms);
            Assert.Contains("CUDA_LAUNCH_BLOCKING=1", context.DebugEffect);
            Assert.Contains("deterministic algorithms on", context.DebugEffect);
        }
        Assert.False(AnomalyMode.IsEnabled);
        Assert.False(LibTorchContext.DeterministicAlgorithms);
    }

    [Fact]
    public void Anomaly_detection_names_the_backward_op_that_produced_a_nan()
    {
        using var context = DeviceSetup.Apply(Request(debug: true), Logger.None, CpuOnly);
        using var x = torch.tensor(new[] { -1f }, requires_grad: true);
        using var y = x.sqrt().sum();   // sqrt(-1) = NaN; its backward yields NaN
        var error = Assert.ThrowsAny<Exception>(() => y.backward());
        Assert.Contains("SqrtBackward", error.Message);
    }

    [Fact]
    public void The_libtorch_context_switches_are_reachable_on_linux_x64()
    {
        Assert.True(LibTorchContext.IsAvailable);
    }

    [Fact]
    public void Settings_drive_the_request()
    {
        var settings = new MyXttsSettings
        {
            Runtime = new RuntimeSettings { Device = "cuda:1", Threads = 3, InteropThreads = 1 },
            Data = new DataSettings { MixedPrecision = MixedPrecisionMode.Bf16, EnableXla = true },
            Training = new TrainingSettings { EnableEagerDebug = true, Seed = 5 },
        };
        Assert.Equal(new DeviceRequest("cuda:1", MixedPrecisionMode.Bf16, true, true, 3, 1, 5), DeviceRequest.From(settings));
    }

    [Fact]
    public void Fp16_on_the_cpu_fails_before_anything_is_changed()
    {
        var request = Request() with { Precision = MixedPrecisionMode.Fp16 };
        Assert.Throws<RuntimeSetupException>(() => DeviceSetup.Apply(request, Logger.None, CpuOnly));
    }
}
