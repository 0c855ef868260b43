using MyXtts.Core.Training.Losses;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// Running means of the loss (total and per term, raw and weighted) and of the gradient norm, summed on the device so that
/// a training step never waits for the host. <see cref="Read"/> is the only sync point; call it when logging.
/// </summary>
public sealed class TrainingMeters : IDisposable
{
    /// <summary>Key of the total loss.</summary>
    public const string Loss = "loss";
    /// <summary>Key of the gradient norm (before clipping).</summary>
    public const string GradNorm = "grad_norm";

    private readonly Dictionary<string, (Tensor Sum, int Count)> _sums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _pluginMetrics = new(StringComparer.Ordinal);

    /// <summary>Adds one evaluation: the total and each term's raw and weighted value.</summary>
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
        if (_sums.TryGetValue(name, out var entry))
        {
            entry.Sum.add_(detached);
            _sums[name] = (entry.Sum, entry.Count + 1);
            return;
        }
        var sum = detached.clone();
        sum.DetachFromDisposeScope();   // lives across steps; disposed by Reset
        _sums[name] = (sum, 1);
    }

    /// <summary>The means since the last <see cref="Reset"/> (reads the device: a sync point), plus the latest plugin metrics.</summary>
    public IReadOnlyDictionary<string, double> Read()
    {
        var means = _sums.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Sum.item<float>() / kv.Value.Count, StringComparer.Ordinal);
        foreach (var (name, value) in _pluginMetrics) means[name] = value;
        return means;
    }

    /// <summary>Starts a new averaging window.</summary>
    public void Reset()
    {
        foreach (var (sum, _) in _sums.Values) sum.Dispose();
        _sums.Clear();
        _pluginMetrics.Clear();
    }

    public void Dispose() => Reset();
}
