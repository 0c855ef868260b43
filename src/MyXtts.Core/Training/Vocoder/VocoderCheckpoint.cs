using System.Text.Json;
using MyXtts.Abstractions.Audio;
using MyXtts.Core.Training.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Training.Vocoder;

/// <summary>The JSON part of a stage-2 checkpoint.</summary>
public sealed record VocoderCheckpointManifest
{
    /// <summary>Version of this layout.</summary>
    public int Format { get; init; } = 1;
    /// <summary>Step, epoch and batch position: the learning-rate schedule and the segment order follow from them.</summary>
    public required TrainingProgress Progress { get; init; }
    /// <summary>The vocoder plugin that trained it (<c>hifigan</c>).</summary>
    public required string Vocoder { get; init; }
    /// <summary>The training model's description.</summary>
    public required string Model { get; init; }
    /// <summary>Generator parameter and buffer shapes by key.</summary>
    public required IReadOnlyDictionary<string, long[]> GeneratorShapes { get; init; }
    /// <summary>Discriminator parameter and buffer shapes by key.</summary>
    public required IReadOnlyDictionary<string, long[]> DiscriminatorShapes { get; init; }
    /// <summary>The run's mel definition (the vocoder only works on this mel).</summary>
    public required MelSettings Mel { get; init; }
    /// <summary>File name (same folder) of the generator weights the vocoder plugin loads (<c>g_NNNNNNNN.safetensors</c>).</summary>
    public required string GeneratorFile { get; init; }
    /// <summary>The resolved configuration of the run that wrote it.</summary>
    public string? Configuration { get; init; }
    /// <summary>MyXtts version that wrote it.</summary>
    public required string CodeVersion { get; init; }
    /// <summary>Mean validation mel L1 of the epoch that wrote it, when written after a validation.</summary>
    public double? ValidationMelL1 { get; init; }
    /// <summary>The file it was read from.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public string? Path { get; init; }
}

/// <summary>
/// A stage-2 checkpoint (the same MXCKPT01 container and atomic write as stage 1): <c>manifest</c>, <c>generator</c>,
/// <c>discriminator</c>, <c>optimizer_generator</c>, <c>optimizer_discriminator</c> and <c>rng</c>. The generator the
/// vocoder plugin loads is a separate file next to it, named by <see cref="VocoderCheckpointManifest.GeneratorFile"/>.
/// </summary>
public sealed class VocoderCheckpoint
{
    private const string ManifestSection = "manifest", GeneratorSection = "generator", DiscriminatorSection = "discriminator",
        GeneratorOptimizerSection = "optimizer_generator", DiscriminatorOptimizerSection = "optimizer_discriminator", RngSection = "rng";

    private static readonly string[] Sections = [ManifestSection, GeneratorSection, DiscriminatorSection, GeneratorOptimizerSection, DiscriminatorOptimizerSection, RngSection];

    private readonly IReadOnlyDictionary<string, byte[]> _sections;

    private VocoderCheckpoint(VocoderCheckpointManifest manifest, IReadOnlyDictionary<string, byte[]> sections) => (Manifest, _sections) = (manifest, sections);

    /// <summary>The JSON part.</summary>
    public VocoderCheckpointManifest Manifest { get; }

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Write(string path, VocoderCheckpointManifest manifest, nn.Module generator, nn.Module discriminator, VocoderOptimizers optimizers) =>
        CheckpointFile.Write(path,
        [
            (ManifestSection, w => w.Write(JsonSerializer.Serialize(manifest, TrainingCheckpoint.Json))),
            (GeneratorSection, w => generator.save(w)),
            (DiscriminatorSection, w => discriminator.save(w)),
            (GeneratorOptimizerSection, w => optimizers.Generator.save_state_dict(w)),
            (DiscriminatorOptimizerSection, w => optimizers.Discriminator.save_state_dict(w)),
            (RngSection, w =>
            {
                using var state = random.get_rng_state();
                var bytes = state.data<byte>().ToArray();
                w.Write(bytes.Length);
                w.Write(bytes);
            }),
        ]);

    /// <summary>Reads and verifies a checkpoint; throws <see cref="CorruptCheckpointException"/> when it is damaged or not a stage-2 checkpoint.</summary>
    public static VocoderCheckpoint Read(string path)
    {
        var sections = CheckpointFile.Read(path);
        foreach (var name in Sections)
            if (!sections.ContainsKey(name))
                throw new CorruptCheckpointException($"Checkpoint '{path}' has no '{name}' section, so it is not a stage-2 (vocoder) checkpoint. Give a file from <checkpoint-dir>/stage2/.");
        var manifest = JsonSerializer.Deserialize<VocoderCheckpointManifest>(new BinaryReader(new MemoryStream(sections[ManifestSection])).ReadString(), TrainingCheckpoint.Json)
                       ?? throw new CorruptCheckpointException($"Checkpoint '{path}' has an empty manifest.");
        return new VocoderCheckpoint(manifest with { Path = path }, sections);
    }

    /// <summary>Throws <see cref="CheckpointException"/> when the checkpoint is for another mel or architecture than this run's.</summary>
    public void CheckCompatible(nn.Module generator, nn.Module discriminator, MelSettings mel, string model)
    {
        var where = $"Stage-2 checkpoint '{Manifest.Path}'";
        if (Manifest.Mel.DescribeMismatch(mel) is { } melDiff)
            throw new CheckpointException($"{where} was trained on a different mel: {melDiff} (checkpoint vs this run). Use the checkpoint's model.* mel keys, or start a new stage 2.");
        foreach (var (what, module, shapes) in new[] { ("generator", generator, Manifest.GeneratorShapes), ("discriminator", discriminator, Manifest.DiscriminatorShapes) })
        {
            var current = CheckpointCompatibility.Shapes(module);
            var differs = current.Keys.Union(shapes.Keys).FirstOrDefault(k => !current.TryGetValue(k, out var a) || !shapes.TryGetValue(k, out var b) || !a.SequenceEqual(b));
            if (differs is not null)
                throw new CheckpointException($"{where} holds a different {what} (first difference at '{differs}'). Checkpoint: {Manifest.Model}; this run: {model}. " +
                                              "Use the checkpoint's --vocoder-config and plugins:<vocoder> options, or start a new stage 2 without --resume.");
        }
    }

    /// <summary>Restores both modules, both optimizers and torch's CPU generator.</summary>
    public void Restore(nn.Module generator, nn.Module discriminator, VocoderOptimizers optimizers)
    {
        using (var r = Reader(GeneratorSection)) generator.load(r, strict: true);
        using (var r = Reader(DiscriminatorSection)) discriminator.load(r, strict: true);
        using (var r = Reader(GeneratorOptimizerSection)) optimizers.Generator.load_state_dict(r);
        using (var r = Reader(DiscriminatorOptimizerSection)) optimizers.Discriminator.load_state_dict(r);
        using var rng = Reader(RngSection);
        using var state = tensor(rng.ReadBytes(rng.ReadInt32()), dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    /// <summary>
    /// The generator weights for the vocoder plugin (<c>--vocoder-checkpoint</c>) given a stage-2 checkpoint, a stage-2
    /// folder (its latest checkpoint) or a generator file (returned as is).
    /// </summary>
    public static string GeneratorWeights(string path)
    {
        if (Directory.Exists(path)) return GeneratorPath(new CheckpointStore(path, 1, Serilog.Core.Logger.None).ReadLatest(Read));
        if (!File.Exists(path)) throw new FileNotFoundException($"Vocoder weights '{path}' do not exist.", path);
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read == 8 && head.SequenceEqual("MXCKPT01"u8) ? GeneratorPath(Read(path)) : path;   // anything else is a generator file for the plugin
    }

    private static string GeneratorPath(VocoderCheckpoint checkpoint) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(checkpoint.Manifest.Path!))!, checkpoint.Manifest.GeneratorFile);

    private BinaryReader Reader(string section) => new(new MemoryStream(_sections[section]));
}
