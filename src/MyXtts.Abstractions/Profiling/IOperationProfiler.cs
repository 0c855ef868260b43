namespace MyXtts.Abstractions.Profiling;

/// <summary>Timing hook of a profiler: <c>using (profiler.ProfileOperation("mel")) { ... }</c>.</summary>
public interface IOperationProfiler
{
    /// <summary>Starts timing <paramref name="name"/>; disposing the result stops it. Must be cheap and thread-safe.</summary>
    IDisposable ProfileOperation(string name);
}
