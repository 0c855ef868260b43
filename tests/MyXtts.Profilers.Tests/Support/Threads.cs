namespace MyXtts.Profilers.Tests.Support;

/// <summary>Runs one body on several dedicated threads that start together, and rethrows the first failure.</summary>
internal static class Threads
{
    public static void RunTogether(int threadCount, Action<int> body)
    {
        using var start = new Barrier(threadCount);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, threadCount).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(i);
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.TryDequeue(out var failure))
            throw new AggregateException(failure);
    }
}
