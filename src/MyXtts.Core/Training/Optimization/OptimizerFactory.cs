using MyXtts.Abstractions.Configuration;
using TorchSharp;
using TorchSharp.Modules;

namespace MyXtts.Core.Training.Optimization;

/// <summary>Builds the optimizer named by <c>training.optimizer</c> with the betas, eps and weight decay from configuration.</summary>
public static class OptimizerFactory
{
    /// <summary>AdamW (decoupled weight decay), Adam (L2 penalty) or plain SGD (L2 penalty), over <paramref name="parameters"/>.</summary>
    public static OptimizerHelper Create(IEnumerable<Parameter> parameters, TrainingSettings settings) => settings.Optimizer switch
    {
        "adamw" => torch.optim.AdamW(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Eps, settings.WeightDecay),
        "adam" => torch.optim.Adam(parameters, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Eps, settings.WeightDecay),
        "sgd" => torch.optim.SGD(parameters, settings.LearningRate, weight_decay: settings.WeightDecay),
        _ => throw new ArgumentException($"training.optimizer '{settings.Optimizer}' is not known; use adamw, adam or sgd."),
    };

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
