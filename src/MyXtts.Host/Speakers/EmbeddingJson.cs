using System.Text.Json;
using System.Text.Json.Nodes;

namespace MyXtts.Host.Speakers;

/// <summary>
/// Renders an <see cref="EmbeddingReport"/> as one JSON document for scripts: encoder, each clip with its full embedding
/// vector and norm, the cosine matrix, and the verification when asked for.
/// </summary>
public static class EmbeddingJson
{
    public static string Write(EmbeddingReport report)
    {
        var root = new JsonObject
        {
            ["encoder"] = report.Encoder,
            ["checkpoint"] = report.Checkpoint,
            ["sample_rate"] = report.SampleRate,
            ["embedding_dim"] = report.EmbeddingDim,
            ["clips"] = new JsonArray(report.Clips.Select(Clip).ToArray()),
            ["cosine"] = new JsonArray(Enumerable.Range(0, report.Clips.Count)
                .Select(i => (JsonNode?)new JsonArray(Enumerable.Range(0, report.Clips.Count).Select(j => (JsonNode?)report.Cosine[i, j]).ToArray())).ToArray()),
        };
        if (report.Verification is { } v && report.Threshold is { } t)
            root["verify"] = new JsonObject
            {
                ["same_speaker"] = v.SameSpeaker, ["cosine"] = v.Cosine, ["threshold"] = t.Value, ["threshold_basis"] = t.Basis,
            };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? Clip(EmbeddedClip c) => new JsonObject
    {
        ["name"] = c.Name,
        ["file"] = c.Clip.Path,
        ["source_sample_rate"] = c.Clip.SourceSampleRate,
        ["seconds"] = c.Clip.Seconds,
        ["dim"] = c.Embedding.Length,
        ["norm"] = c.Norm,
        ["npy"] = c.NpyPath,
        ["embedding"] = new JsonArray(c.Embedding.Select(x => (JsonNode?)x).ToArray()),
    };
}
