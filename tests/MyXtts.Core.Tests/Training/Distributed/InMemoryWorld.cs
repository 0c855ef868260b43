using MyXtts.Core.Training.Distributed;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Training.Distributed;

/// <summary>
/// N ranks as N threads of this process, with collectives through shared memory: enough to test what the ranks agree
/// on without MPI. Tensors travel as float64 copies, which is exact for the float32/float64 values the tests use.
/// </summary>
internal sealed class InMemoryWorld
{
    private readonly Barrier _barrier;
    private readonly double[][] _slots;

    private InMemoryWorld(int size) => (_barrier, _slots) = (new Barrier(size), new double[size][]);

    /// <summary>Runs <paramref name="body"/> once per rank, each on its own thread, and returns the results by rank.</summary>
    public static T[] Run<T>(int size, Func<IProcessGroup, T> body)
    {
        var world = new InMemoryWorld(size);
        var tasks = Enumerable.Range(0, size).Select(r => Task.Factory.StartNew(() => body(new Member(world, r, size)), TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(tasks, TimeSpan.FromSeconds(30));
        return tasks.Select(t => t.Result).ToArray();
    }

    private sealed class Member(InMemoryWorld world, int rank, int size) : IProcessGroup
    {
        public int Rank => rank;
        public int WorldSize => size;

        public void AllReduceMean(IReadOnlyList<Tensor> tensors)
        {
            world._slots[rank] = Flatten(tensors);
            world._barrier.SignalAndWait();
            var mean = Enumerable.Range(0, world._slots[rank].Length).Select(i => world._slots.Average(s => s[i])).ToArray();
            world._barrier.SignalAndWait();
            Unflatten(mean, tensors);
        }

        public void Broadcast(IReadOnlyList<Tensor> tensors, int root = 0)
        {
            if (rank == root) world._slots[root] = Flatten(tensors);
            world._barrier.SignalAndWait();
            var values = world._slots[root];
            world._barrier.SignalAndWait();
            Unflatten(values, tensors);
        }

        public void Barrier() => world._barrier.SignalAndWait();

        private static double[] Flatten(IReadOnlyList<Tensor> tensors) =>
            tensors.SelectMany(t => t.detach().to(ScalarType.Float64).reshape(-1).data<double>().ToArray()).ToArray();

        private static void Unflatten(double[] values, IReadOnlyList<Tensor> tensors)
        {
            var offset = 0;
            foreach (var t in tensors)
            {
                var n = (int)t.numel();
                using var source = tensor(values.AsSpan(offset, n).ToArray()).reshape(t.shape);
                using (no_grad()) t.copy_(source);
                offset += n;
            }
        }
    }
}
