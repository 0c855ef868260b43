using System.Text.Json;
using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Checkpoints.Safetensors;
using MyXtts.Core.Models;
using MyXtts.Core.Training.Checkpoints;
using MyXtts.Core.Training.Losses;
using MyXtts.Core.Training.Optimization;
using static TorchSharp.torch;

/// <summary>
/// What step_bench.py needs to build and check its mirror, written to one folder: <c>config.json</c> (model options,
/// loss weights, optimizer, parameter counts per module), <c>weights.safetensors</c> (the model's state dict, so both
/// sides start from the same weights), <c>batch.safetensors</c> and <c>expected.safetensors</c> (the model's eval-mode
/// forward outputs, each loss term and the gradient norm, for the parity check).
/// </summary>
internal static class ParityExport
{
    public static void Write(string folder, TrainingSetup setup, TrainingBatch batch, int threads)
    {
        Directory.CreateDirectory(folder);
        var model = (XttsAcousticModel)setup.Model;
        var training = setup.Settings.Training;
        var contrastive = new SpeakerContrastiveOptions();
        var config = new Dictionary<string, object?>
        {
            ["options"] = model.Options,
            ["loss_weights"] = setup.Losses.Terms.ToDictionary(t => t.Name, t => t.Weight),
            ["contrastive"] = new { contrastive.Temperature, contrastive.Margin },
            ["optimizer"] = new { training.Optimizer, training.LearningRate, training.Beta1, training.Beta2, training.Eps, training.WeightDecay, training.GradientClipNorm },
            ["schedule"] = new { training.Scheduler, training.WarmupSteps, training.MinLearningRate },
            ["parameters"] = setup.ParameterCounts(),
            ["threads"] = threads,
        };
        File.WriteAllText(Path.Combine(folder, "config.json"),
            JsonSerializer.Serialize(config, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null, WriteIndented = true }));
        ModelWeights.ExportSafetensors(model, Path.Combine(folder, "weights.safetensors"), model.Description);
        BenchBatch.Save(batch, Path.Combine(folder, "batch.safetensors"));
        SafetensorsFile.Write(Path.Combine(folder, "expected.safetensors"), Expected(setup, model, batch), order: SafetensorsOrder.ByName);
    }

    /// <summary>Eval mode (no dropout): outputs, raw loss terms, total and the gradient norm of one backward.</summary>
    private static Dictionary<string, Tensor> Expected(TrainingSetup setup, XttsAcousticModel model, TrainingBatch batch)
    {
        model.eval();
        try
        {
            setup.Optimizer.zero_grad();
            var outputs = model.forward(batch);
            var evaluation = setup.Losses.Evaluate(new LossContext(batch, outputs, 0));
            evaluation.Total.backward();
            var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
            var expected = new Dictionary<string, Tensor>
            {
                ["mel"] = outputs.Mel.detach(), ["mel_postnet"] = outputs.MelPostnet.detach(),
                ["log_durations"] = outputs.Aux[AcousticOutputKeys.LogDurations].detach(),
                ["durations"] = outputs.Aux[AcousticOutputKeys.Durations].detach(),
                ["speaker_embedding"] = outputs.Aux[AcousticOutputKeys.SpeakerEmbedding].detach(),
                ["loss.total"] = evaluation.Total.detach(),
                ["grad_norm"] = GradientClipper.ClipByNorm(parameters, 0),
            };
            foreach (var component in evaluation.Components) expected["loss." + component.Term.Name] = component.Raw.detach();
            setup.Optimizer.zero_grad();
            return expected;
        }
        finally { model.train(); }
    }
}
