namespace MyXtts.Abstractions.Profiling;

/// <summary>
/// The full profiler contract the engine calls. A plugin may implement all of it or only one part
/// (<see cref="ICacheProfiler"/>, <see cref="IOperationProfiler"/>); the host fills each missing or failing hook
/// with <see cref="NullProfiler"/>'s and says so once. A profiler never stops a run.
/// </summary>
public interface IProfiler : ICacheProfiler, IOperationProfiler
{
}
