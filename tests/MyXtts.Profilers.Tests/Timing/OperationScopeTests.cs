using MyXtts.Plugins.Profilers.Timing;

namespace MyXtts.Profilers.Tests.Timing;

public class OperationScopeTests
{
    private sealed class CountingSink : IOperationSink
    {
        public List<(object State, long Start)> Ended { get; } = [];

        public void EndOperation(object state, long startTimestamp, int threadId) => Ended.Add((state, startTimestamp));
    }

    [Fact]
    public void Disposing_a_scope_reports_its_state_and_start_once_even_if_disposed_twice()
    {
        var sink = new CountingSink();
        var scope = OperationScope.Begin(sink, "mel", 42);

        scope.Dispose();
        scope.Dispose();

        Assert.Equal([("mel", 42L)], sink.Ended.Select(e => (e.State, e.Start)));
    }

    [Fact]
    public void A_finished_scope_is_reused_by_the_next_operation_on_the_same_thread()
    {
        var sink = new CountingSink();
        var first = OperationScope.Begin(sink, "a", 1);
        first.Dispose();

        var second = OperationScope.Begin(sink, "b", 2);

        Assert.Same(first, second);
        second.Dispose();
    }

    [Fact]
    public void Nested_scopes_are_distinct_objects()
    {
        var sink = new CountingSink();
        using var outer = OperationScope.Begin(sink, "outer", 1);
        using var inner = OperationScope.Begin(sink, "inner", 2);

        Assert.NotSame(outer, inner);
    }
}
