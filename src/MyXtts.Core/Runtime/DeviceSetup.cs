using MyXtts.Abstractions.Configuration;
using Serilog;
using TorchSharp;

namespace MyXtts.Core.Runtime;

/// <summary>
/// Applies the configuration's device, precision, threads, seed, <c>enable_xla</c> and eager-debug settings to
/// TorchSharp, and logs the effective result once, as one event. Nothing here is hard-coded to a device.
/// </summary>
public static class DeviceSetup
{
    public static DeviceContext Apply(MyXttsSettings settings, ILogger log) => Apply(DeviceRequest.From(settings), log, TorchCudaProbe.Instance);

    public static DeviceContext Apply(DeviceRequest request, ILogger log, ICudaProbe probe)
    {
        var spec = DeviceSpec.Parse(request.Device);                                   // fail before touching torch
        var environmentNotes = request.EagerDebug ? EagerDebug.PrepareEnvironment() : []; // before CUDA starts
        var (device, reason) = DeviceResolver.Resolve(spec, probe);
        var precision = PrecisionPolicy.For(request.Precision, device.type);
        ApplyThreads(request);
        torch.manual_seed(request.Seed);
        if (device.type == DeviceType.CUDA) torch.cuda.manual_seed_all(request.Seed);

        var restore = new List<Action>();
        var debugEffect = "off";
        if (request.EagerDebug)
        {
            (debugEffect, var undo) = EagerDebug.Enable(environmentNotes);
            restore.AddRange(undo);
        }
        var acceleration = BackendTuning.Apply(request.EnableXla, request.EagerDebug, device);
        var context = new DeviceContext(device, spec, precision, torch.get_num_threads(), torch.get_num_interop_threads(), acceleration, debugEffect, restore);

        log.Information("Runtime: device {Device} ({DeviceReason}); precision {Precision}; threads {IntraOpThreads} intra-op, {InteropThreads} inter-op; " +
                        "seed {Seed}; enable_xla={EnableXla}: {AccelerationEffect}; eager debug: {DebugEffect}",
            device.ToString(), reason, precision.ToString(), context.IntraOpThreads, context.InteropThreads,
            request.Seed, request.EnableXla, acceleration, debugEffect);
        return context;
    }

    private static void ApplyThreads(DeviceRequest request)
    {
        if (request.Threads > 0) torch.set_num_threads(request.Threads);
        if (request.InteropThreads <= 0 || request.InteropThreads == torch.get_num_interop_threads()) return;
        try
        {
            torch.set_num_interop_threads(request.InteropThreads);
        }
        catch (Exception e)
        {
            throw new RuntimeSetupException(
                $"runtime.interop_threads = {request.InteropThreads} could not be applied: libtorch fixes the inter-op pool once parallel work has started " +
                $"(now {torch.get_num_interop_threads()}). Set it at process start only. ({e.Message.Split('\n')[0]})");
        }
    }
}
