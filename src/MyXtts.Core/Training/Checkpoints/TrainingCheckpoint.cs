using System.Reflection;
using System.Text.Json;
using MyXtts.Checkpoints;
using MyXtts.Checkpoints.Modules;
using MyXtts.Checkpoints.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// What a training checkpoint holds and how it maps to the container's sections: <c>manifest</c> (JSON),
/// <c>model</c> (the module's state dict), <c>optimizer</c> (moments and step counts), <c>rng</c> (torch's CPU generator,
/// so dropout continues exactly where it stopped) and, for a fine-tuned pretrained speaker encoder, <c>speaker_encoder</c>
/// (its state dict as a <c>.safetensors</c> file, which the encoder plugin's LoadWeights reads as it is).
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string ManifestSection = "manifest", ModelSection = "model", OptimizerSection = "optimizer", RngSection = "rng",
        SpeakerEncoderSection = "speaker_encoder";

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

    /// <summary>Writes a checkpoint atomically; <paramref name="speakerEncoder"/> is the fine-tuned speaker encoder's network, if any.</summary>
    public static void Write(string path, CheckpointManifest manifest, nn.Module model, OptimizerHelper optimizer, nn.Module? speakerEncoder = null) =>
        CheckpointFile.Write(path,
        [
            .. speakerEncoder is null ? [] : new (string, Action<BinaryWriter>)[] { (SpeakerEncoderSection, w => SafetensorsFile.Write(w.BaseStream, speakerEncoder.state_dict(), manifest.SpeakerEncoder?.WeightsMetadata, SafetensorsOrder.ByName)) },
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

    /// <summary>True when the checkpoint holds a fine-tuned speaker encoder's weights.</summary>
    public bool HasSpeakerEncoder => _sections.ContainsKey(SpeakerEncoderSection);

    /// <summary>
    /// Copies the stored speaker encoder weights into <paramref name="encoder"/>. Strict: throws <see cref="CheckpointException"/>
    /// naming the missing, unexpected and resized keys (a different encoder or size) without changing anything.
    /// </summary>
    public void RestoreSpeakerEncoder(nn.Module encoder)
    {
        var (file, stored) = ReadSpeakerEncoderSection();
        using (file)
        {
            try
            {
                StateDictLoader.LoadStrict(encoder, stored, $"{Manifest.Path} ({SpeakerEncoderSection} section)");
            }
            catch (StateDictMismatchException e)
            {
                throw new CheckpointException($"The speaker encoder weights in checkpoint '{Manifest.Path}' do not fit the encoder: {e.Message} " +
                                              $"Use the encoder type the checkpoint records ({Manifest.SpeakerEncoder?.Type ?? "unknown"}).", e);
            }
        }
    }

    /// <summary>The speaker encoder section's tensors (owned by the returned file); a damaged section is a <see cref="CorruptCheckpointException"/>.</summary>
    private (Checkpoint File, IReadOnlyDictionary<string, Tensor> Tensors) ReadSpeakerEncoderSection()
    {
        Checkpoint? file = null;
        try
        {
            file = SafetensorsFile.Read(SpeakerEncoderBytes(), $"{Manifest.Path} ({SpeakerEncoderSection} section)");
            return (file, file.StateDict());
        }
        catch (CheckpointFormatException e)
        {
            file?.Dispose();
            throw new CorruptCheckpointException($"Checkpoint '{Manifest.Path}' has a damaged {SpeakerEncoderSection} section: {e.Message} Resume from an earlier checkpoint.", e);
        }
    }

    /// <summary>Writes the stored speaker encoder weights to <paramref name="path"/> as a <c>.safetensors</c> file.</summary>
    public void WriteSpeakerEncoderWeights(string path) => AtomicFile.Write(path, s => s.Write(SpeakerEncoderBytes()));

    private byte[] SpeakerEncoderBytes() => _sections.TryGetValue(SpeakerEncoderSection, out var bytes) ? bytes
        : throw new CheckpointException($"Checkpoint '{Manifest.Path}' holds no speaker encoder weights (its encoder was frozen or not used).");

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
