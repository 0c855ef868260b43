using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.Vocoders.HiFiGan.Layers;

/// <summary>
/// Parameters and buffers owned by a module, never by a dispose scope: a module built (or weight norm removed) inside a
/// caller's <c>NewDisposeScope()</c> must not lose its weights when that scope ends.
/// </summary>
internal static class ModuleState
{
    /// <summary>A parameter taking over <paramref name="data"/> (which becomes empty), detached from any dispose scope.</summary>
    public static Parameter Parameter(Tensor data, bool requiresGrad = true)
    {
        var p = new Parameter(data, requiresGrad);
        p.DetachFromDisposeScope();
        return p;
    }

    /// <summary><paramref name="data"/> as a buffer, detached from any dispose scope.</summary>
    public static Tensor Buffer(Tensor data) => data.DetachFromDisposeScope();
}
