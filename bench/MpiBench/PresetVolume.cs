using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;
using MyXtts.Core.Models;

/// <summary>
/// Gradient bytes one optimizer step all-reduces for each preset's acoustic model (61-symbol phoneme vocabulary, as in
/// docs/model.md), and the bandwidth a ring all-reduce needs to hide it in a given step time.
/// </summary>
internal static class PresetVolume
{
    public static int Run(string configs)
    {
        Console.WriteLine("preset  params_M  grads_MB  per_rank_traffic_MB(ring, W→∞)  GB/s needed at 0.5 s / 1 s per step");
        foreach (var preset in new[] { "tiny", "small", "normal", "big" })
        {
            var settings = Bind(Path.Combine(configs, preset + ".json"));
            IAcousticModel model;
            try { model = AcousticModels.Create(settings, 61); }
            catch (ArgumentException e) { Console.WriteLine($"{preset,-7} the model cannot be built: {e.Message}"); continue; }
            using var _ = model;
            var parameters = model.Module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
            var megabytes = parameters * 4 / 1e6;
            var traffic = 2 * megabytes;   // ring: each rank sends and receives 2(W−1)/W of the buffer
            Console.WriteLine($"{preset,-7} {parameters / 1e6,8:F2} {megabytes,9:F1} {traffic,12:F1} {traffic / 1e3 / 0.5,18:F2} {traffic / 1e3,8:F2}");
        }
        return 0;
    }

    /// <summary>The preset's <c>model</c> section over the defaults (keys are the snake_case configuration names).</summary>
    private static ModelSettings Bind(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = new ModelSettings();
        if (!json.RootElement.TryGetProperty("model", out var model)) return settings;
        foreach (var property in typeof(ModelSettings).GetProperties())
        {
            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name;
            if (key is null || !model.TryGetProperty(key, out var value) || !property.CanWrite) continue;
            property.SetValue(settings, value.Deserialize(property.PropertyType));
        }
        return settings;
    }
}
