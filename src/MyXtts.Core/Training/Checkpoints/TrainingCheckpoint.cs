using System.Reflection;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// What a training checkpoint holds and how it maps to the container's sections: <c>manifest</c> (JSON),
/// <c>model</c> (the module's state dict), <c>optimizer</c> (moments and step counts), <c>rng</c> (torch's CPU generator,
/// so dropout continues exactly where it stopped).
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string ManifestSection = "manifest", ModelSection = "model", OptimizerSection = "optimizer", RngSection = "rng";

    /// <summary>snake_case JSON, as the rest of the configuration.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IReadOnlyDictionary<string, byte[]> _sections;

    private TrainingCheckpoint(CheckpointManifest manifest, IReadOnlyDictionary<string, byte[]> sections) => (Manifest, _sections) = (manifest, sections);

    /// <summary>The JSON part (progress, compatibility data, configuration).</summary>
    public CheckpointManifest Manifest { get; }

    /// <summary>The version string stored as <see cref="CheckpointManifest.CodeVersion"/>.</summary>
    public static string CodeVersion { get; } =
        typeof(TrainingCheckpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Write(string path, CheckpointManifest manifest, nn.Module model, OptimizerHelper optimizer) =>
        CheckpointFile.Write(path,
        [
            (ManifestSection, w => w.Write(JsonSerializer.Serialize(manifest, Json))),
            (ModelSection, w => model.save(w)),
            (OptimizerSection, w => optimizer.save_state_dict(w)),
            (RngSection, w =>
            {
                using var state = random.get_rng_state();
                var bytes = state.data<byte>().ToArray();
                w.Write(bytes.Length);
                w.Write(bytes);
            }),
        ]);

    /// <summary>Reads and verifies a checkpoint; throws <see cref="CorruptCheckpointException"/> when it is damaged.</summary>
    public static TrainingCheckpoint Read(string path)
    {
        var sections = CheckpointFile.Read(path);
        foreach (var name in new[] { ManifestSection, ModelSection, OptimizerSection, RngSection })
            if (!sections.ContainsKey(name)) throw new CorruptCheckpointException($"Checkpoint '{path}' has no '{name}' section.");
        var manifest = JsonSerializer.Deserialize<CheckpointManifest>(new BinaryReader(new MemoryStream(sections[ManifestSection])).ReadString(), Json)
                       ?? throw new CorruptCheckpointException($"Checkpoint '{path}' has an empty manifest.");
        return new TrainingCheckpoint(manifest with { Path = path }, sections);
    }

    /// <summary>Loads the weights into <paramref name="model"/> (strict: every key and shape must match; check compatibility first).</summary>
    public void RestoreModel(nn.Module model)
    {
        using var reader = Reader(ModelSection);
        model.load(reader, strict: true);
    }

    /// <summary>Loads the optimizer's moments, step counts and options.</summary>
    public void RestoreOptimizer(OptimizerHelper optimizer)
    {
        using var reader = Reader(OptimizerSection);
        optimizer.load_state_dict(reader);
    }

    /// <summary>Restores torch's CPU random generator.</summary>
    public void RestoreRandomState()
    {
        using var reader = Reader(RngSection);
        var bytes = reader.ReadBytes(reader.ReadInt32());
        using var state = tensor(bytes, dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    private BinaryReader Reader(string section) => new(new MemoryStream(_sections[section]));
}
