using TorchSharp.Modules;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// A process group that can keep the gradients of a model in one buffer it reduces in one call (probed with <c>is</c>;
/// groups without it reduce whatever gradients they are given).
/// </summary>
public interface IGradientBucketing
{
    /// <summary>Makes each parameter's <c>grad</c> a view of one buffer; later <see cref="IProcessGroup.AllReduceMean"/> calls with exactly those gradients reduce the buffer.</summary>
    void AttachGradients(IReadOnlyList<Parameter> parameters);
}
