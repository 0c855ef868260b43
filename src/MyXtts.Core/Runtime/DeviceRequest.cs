using MyXtts.Abstractions.Configuration;

namespace MyXtts.Core.Runtime;

/// <summary>The settings <see cref="DeviceSetup"/> applies, gathered from the <c>runtime</c>, <c>data</c> and <c>training</c> sections.</summary>
public sealed record DeviceRequest(
    string Device, MixedPrecisionMode Precision, bool EnableXla, bool EagerDebug, int Threads, int InteropThreads, long Seed)
{
    public static DeviceRequest From(MyXttsSettings s) => new(
        s.Runtime.Device, s.Data.MixedPrecision, s.Data.EnableXla, s.Training.EnableEagerDebug,
        s.Runtime.Threads, s.Runtime.InteropThreads, s.Training.Seed);
}
