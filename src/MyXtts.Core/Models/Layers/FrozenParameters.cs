using TorchSharp;

namespace MyXtts.Core.Models.Layers;

/// <summary>
/// Runs a module as a fixed function of its input: in eval mode (no dropout) and with its parameters' <c>requires_grad</c>
/// off while the call records its graph, so a loss built on the result sends gradient into the input but none into the
/// module — "no_grad on the parameters only". Autograd decides what to differentiate when an operation runs, so turning
/// the flags back on afterwards does not reach into the recorded graph. Not thread-safe (it flips shared flags), like
/// every TorchSharp module call.
/// </summary>
public static class FrozenParameters
{
    /// <summary>The result of <paramref name="call"/> with <paramref name="module"/> frozen; mode and flags are restored after.</summary>
    public static T Run<T>(torch.nn.Module module, Func<T> call)
    {
        var trainable = module.parameters().Where(p => p.requires_grad).ToArray();
        var wasTraining = module.training;
        module.eval();
        foreach (var p in trainable) p.requires_grad = false;
        try
        {
            return call();
        }
        finally
        {
            foreach (var p in trainable) p.requires_grad = true;
            if (wasTraining) module.train();
        }
    }
}
