using TorchSharp.Modules;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// A process group that wants to know when the replicas are in sync and the first optimizer step comes (probed with
/// <c>is</c>): it may keep the gradients in one buffer it reduces in one call, and end its start-up allowances.
/// </summary>
public interface ITrainingStart
{
    /// <summary>
    /// Called on every rank after the replicas were synchronised: later <see cref="IProcessGroup.AllReduceMean"/> calls
    /// with exactly these parameters' gradients may reduce one buffer of which each gradient is a view.
    /// </summary>
    void TrainingStarts(IReadOnlyList<Parameter> trainable);
}
