using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Runtime;
using MyXtts.Core.Training.Distributed;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training;

/// <summary>
/// One optimizer step, start to finish. Everything the step allocates lives in one dispose scope; the only host sync is
/// the one boolean of the non-finite guard (plus the fp16 scaler's, which shares it).
/// <list type="number">
/// <item>set the learning rate of this step from the schedule;</item>
/// <item>for each of the N micro-batches: forward in the compute dtype, losses in float32, backward of loss / N
/// (scaled for fp16) — gradients add up in the parameters, so N micro-batches of B equal one batch of N·B;</item>
/// <item>average gradients over processes; unscale (fp16); clip by global norm;</item>
/// <item>guard: a non-finite gradient norm skips the update (fp16 also backs off its scale);</item>
/// <item>optimizer step.</item>
/// </list>
/// </summary>
/// <param name="extraParameters">Trained parameters outside the model's module (a fine-tuned speaker encoder), clipped,
/// averaged and guarded with the model's.</param>
public sealed class TrainingStep(ITrainableModel model, LossSet losses, OptimizerHelper optimizer, ILearningRateSchedule schedule,
    PrecisionPolicy precision, ILossScaler scaler, IProcessGroup processGroup, double clipNorm, IEnumerable<Parameter>? extraParameters = null)
{
    private readonly Parameter[] _parameters = model.Module.parameters().Concat(extraParameters ?? []).Where(p => p.requires_grad).ToArray();
    private readonly Device _device = model.Module.parameters().FirstOrDefault()?.device ?? CPU;

    /// <summary>Trainable parameters, in module order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// Runs optimizer step <paramref name="step"/> over <paramref name="microBatches"/>; true when the update was applied.
    /// Only applied steps reach <paramref name="meters"/>, so one skipped NaN step does not poison the epoch's means.
    /// </summary>
    public bool Run(IReadOnlyList<TrainingBatch> microBatches, long step, TrainingMeters meters)
    {
        using var scope = NewDisposeScope();
        OptimizerFactory.SetLearningRate(optimizer, schedule.At(step));
        optimizer.zero_grad();
        var evaluations = new List<LossEvaluation>(microBatches.Count);
        foreach (var batch in microBatches)
        {
            var evaluation = Evaluate(batch, step);
            scaler.ScaleLoss(evaluation.Total / microBatches.Count).backward();
            evaluations.Add(evaluation);
        }

        processGroup.AllReduceMean(_parameters.Select(p => p.grad).OfType<Tensor>().ToArray());
        var unscaledFinite = scaler.UnscaleGradients(_parameters);
        var norm = GradientClipper.ClipByNorm(_parameters, clipNorm);
        if (!unscaledFinite || !isfinite(norm).item<bool>())   // the guard: one boolean read per optimizer step
        {
            (scaler as DynamicLossScaler)?.Update(gradientsFinite: false);   // skip, and back the fp16 scale off
            return false;
        }
        foreach (var evaluation in evaluations) meters.Add(evaluation);
        meters.Add(TrainingMeters.GradNorm, norm);
        return scaler.Step(optimizer, _parameters);
    }

    /// <summary>Teacher-forced losses of one batch, on the model's device: the model runs in the compute dtype, losses in float32.</summary>
    public LossEvaluation Evaluate(TrainingBatch batch, long step)
    {
        var placed = BatchPlacement.ToDevice(batch, _device);
        var outputs = BatchPlacement.ToFloat32(model.Forward(BatchPlacement.ToCompute(placed, precision.ComputeDtype)));
        return losses.Evaluate(new LossContext(placed, outputs, step));
    }
}
