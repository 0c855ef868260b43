using System.Text;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Training.Checkpoints;

namespace MyXtts.Core.Inference;

/// <summary>The settings a checkpoint was trained with, read back from the resolved configuration it stores.</summary>
public static class CheckpointSettings
{
    /// <summary>
    /// Binds the checkpoint's resolved configuration (the run's <c>config.resolved.json</c>) to <see cref="MyXttsSettings"/>.
    /// A resolved configuration names every key of its version, so one without <c>model.use_pitch_predictor</c> /
    /// <c>model.use_energy_predictor</c> comes from a model trained before those predictors existed: it has neither, and
    /// is rebuilt without them (the current defaults would add weights the checkpoint does not have).
    /// Throws <see cref="CheckpointException"/> when the checkpoint lacks what synthesis needs.
    /// </summary>
    public static MyXttsSettings Read(CheckpointManifest manifest)
    {
        var where = $"Checkpoint '{manifest.Path}'";
        if (manifest.Configuration is null || manifest.Tokenizer is null || manifest.Mel is null)
            throw new CheckpointException($"{where} does not store its configuration, vocabulary and mel definition, so the model cannot be rebuilt. " +
                                          "Use a checkpoint written by `myxtts train`.");
        try
        {
            var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(manifest.Configuration))).Build();
            var settings = root.Get<MyXttsSettings>() ?? new MyXttsSettings();
            return settings with
            {
                Model = settings.Model with
                {
                    UsePitchPredictor = Named(root, "model:use_pitch_predictor") && settings.Model.UsePitchPredictor,
                    UseEnergyPredictor = Named(root, "model:use_energy_predictor") && settings.Model.UseEnergyPredictor,
                },
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CheckpointException($"{where} stores a configuration that cannot be read: {e.Message}", e);
        }
    }

    private static bool Named(IConfiguration root, string key) => root.GetSection(key).Value is not null;
}
