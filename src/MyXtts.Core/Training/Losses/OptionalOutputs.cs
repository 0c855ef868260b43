namespace MyXtts.Core.Training.Losses;

/// <summary>A loss term that reads auxiliary outputs a model computes only on request (<see cref="IOptionalOutputsModel"/>).</summary>
public interface IReadsOptionalOutputs
{
    /// <summary>The <c>ModelOutputs.Aux</c> names the term needs.</summary>
    IReadOnlyList<string> OptionalOutputs { get; }
}

/// <summary>Connects the run's loss terms to the model's optional outputs.</summary>
public static class OptionalOutputs
{
    /// <summary>
    /// Enables on <paramref name="model"/> every optional output that a term weighted above zero reads. A term weighted 0
    /// then finds its outputs missing and does not apply, so it costs nothing.
    /// </summary>
    public static void Enable(ITrainableModel model, IEnumerable<WeightedLossTerm> terms)
    {
        if (model is not IOptionalOutputsModel optional) return;
        var keys = terms.Where(t => t.Weight > 0).Select(t => t.Term).OfType<IReadsOptionalOutputs>()
            .SelectMany(t => t.OptionalOutputs).ToHashSet(StringComparer.Ordinal);
        optional.EnableOutputs(keys);
    }
}
