using MyXtts.Core.Training.Losses;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// Running means of the loss (total and per term, raw and weighted) and of the gradient norm, over two windows: since the
/// last log line and since the epoch started. Sums stay on the device so that a step never waits for the host;
/// <see cref="ReadWindow"/> and <see cref="ReadEpoch"/> are the sync points, called only when logging.
/// </summary>
public sealed class TrainingMeters : IDisposable
{
    /// <summary>Key of the total (weighted) loss.</summary>
    public const string Loss = "loss";
    /// <summary>Key of the global gradient norm before clipping.</summary>
    public const string GradNorm = "grad_norm";

    private readonly Sums _window = new(), _epoch = new();
    private readonly Dictionary<string, double> _pluginMetrics = new(StringComparer.Ordinal);

    /// <summary>Adds one evaluation: the total and each term's raw and weighted value, and the term's own extra metrics.</summary>
    public void Add(LossEvaluation evaluation)
    {
        Add(Loss, evaluation.Total);
        foreach (var c in evaluation.Components)
        {
            Add(c.Term.Name, c.Raw);
            Add(c.Term.WeightedName, c.Weighted);
            foreach (var (name, value) in c.Metrics) _pluginMetrics[$"{c.Term.Name}/{name}"] = value;
        }
    }

    /// <summary>Adds one scalar tensor under <paramref name="name"/> (detached, as float32, on its device).</summary>
    public void Add(string name, Tensor value)
    {
        using var detached = value.detach().to(ScalarType.Float32);
        _window.Add(name, detached);
        _epoch.Add(name, detached);
    }

    /// <summary>Means since the last call (a sync point), plus the latest extra metrics of the terms; starts a new window.</summary>
    public IReadOnlyDictionary<string, double> ReadWindow()
    {
        var means = _window.Means();
        foreach (var (name, value) in _pluginMetrics) means[name] = value;
        _window.Clear();
        return means;
    }

    /// <summary>Means since the epoch started (a sync point).</summary>
    public IReadOnlyDictionary<string, double> ReadEpoch() => _epoch.Means();

    /// <summary>Starts a new epoch (and window).</summary>
    public void ResetEpoch()
    {
        _epoch.Clear();
        _window.Clear();
        _pluginMetrics.Clear();
    }

    public void Dispose() => ResetEpoch();

    private sealed class Sums
    {
        private readonly Dictionary<string, (Tensor Sum, int Count)> _sums = new(StringComparer.Ordinal);

        public void Add(string name, Tensor value)
        {
            if (_sums.TryGetValue(name, out var entry))
            {
                entry.Sum.add_(value);
                _sums[name] = (entry.Sum, entry.Count + 1);
                return;
            }
            var sum = value.clone();
            sum.DetachFromDisposeScope();   // lives across steps; disposed by Clear
            _sums[name] = (sum, 1);
        }

        public Dictionary<string, double> Means() =>
            _sums.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Sum.item<float>() / kv.Value.Count, StringComparer.Ordinal);

        public void Clear()
        {
            foreach (var (sum, _) in _sums.Values) sum.Dispose();
            _sums.Clear();
        }
    }
}
