using MyXtts.Abstractions.Configuration;
using TorchSharp;
using TorchSharp.Modules;

namespace MyXtts.Core.Training.Optimization;

/// <summary>Parameters that share a peak learning rate in the optimizer (PyTorch's param group).</summary>
public sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double LearningRate);

/// <summary>Builds the optimizer named by <c>training.optimizer</c> with the betas, eps and weight decay from configuration.</summary>
public static class OptimizerFactory
{
    /// <summary>AdamW (decoupled weight decay), Adam (L2 penalty) or plain SGD (L2 penalty), over <paramref name="parameters"/>.</summary>
    public static OptimizerHelper Create(IEnumerable<Parameter> parameters, TrainingSettings settings) =>
        Create([new ParameterGroup(parameters.ToArray(), settings.LearningRate)], settings);

    /// <summary>
    /// The optimizer over several <paramref name="groups"/>, each with its own peak learning rate (the first is the
    /// model's, <c>training.learning_rate</c>); betas, eps and weight decay are shared.
    /// </summary>
    public static OptimizerHelper Create(IReadOnlyList<ParameterGroup> groups, TrainingSettings s) => s.Optimizer switch
    {
        "adamw" => torch.optim.AdamW(groups.Select(g => new AdamW.ParamGroup(g.Parameters, g.LearningRate, s.Beta1, s.Beta2, s.Eps, s.WeightDecay)), s.LearningRate, s.Beta1, s.Beta2, s.Eps, s.WeightDecay),
        "adam" => torch.optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, g.LearningRate, s.Beta1, s.Beta2, s.Eps, s.WeightDecay)), s.LearningRate, s.Beta1, s.Beta2, s.Eps, s.WeightDecay),
        "sgd" => torch.optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, g.LearningRate, weight_decay: s.WeightDecay)), s.LearningRate, weight_decay: s.WeightDecay),
        _ => throw new ArgumentException($"training.optimizer '{s.Optimizer}' is not known; use adamw, adam or sgd."),
    };

    /// <summary>
    /// Sets the first parameter group's learning rate to <paramref name="learningRate"/> and every other group's to the
    /// same value scaled by the ratio of their peak rates, so all groups follow one schedule.
    /// </summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double learningRate)
    {
        var groups = optimizer.ParamGroups.ToArray();
        if (groups.Length == 0) return;
        var reference = groups[0].InitialLearningRate;
        foreach (var group in groups)
            group.LearningRate = reference > 0 ? learningRate * group.InitialLearningRate / reference : learningRate;
    }
}
