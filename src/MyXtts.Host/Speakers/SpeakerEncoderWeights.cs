using MyXtts.Abstractions.SpeakerEncoders;
using MyXtts.Host.Configuration;

namespace MyXtts.Host.Speakers;

/// <summary>Loads a speaker encoder's weights from <c>model.speaker_encoder_path</c>, turning every failure into a message that names the file.</summary>
public static class SpeakerEncoderWeights
{
    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="encoder"/> and returns its full path. Throws <see cref="EmbedException"/>
    /// for no path, a missing file, an unsafe checkpoint (one that carries code) or weights that do not fit.
    /// </summary>
    public static string Load(ISpeakerEncoder encoder, string encoderName, string? path, ConfigSource source)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new EmbedException($"No weights for speaker encoder '{encoderName}': give --speaker-encoder-path FILE (.pth/.pt/.ckpt or .safetensors), " +
                                     $"or set {SpeakerEncoderChoice.PathKey} in the configuration.");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new EmbedException($"{SpeakerEncoderChoice.PathKey} = '{path}' ({source}) is a folder; give the checkpoint file inside it.");
        if (!File.Exists(full))
            throw new EmbedException($"Speaker encoder checkpoint '{path}' ({SpeakerEncoderChoice.PathKey}, {source}) does not exist. " +
                                     $"Give the path of the '{encoderName}' weights with --speaker-encoder-path.");
        try
        {
            encoder.LoadWeights(full);
            return full;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Checkpoint exception types are private to each plugin's load context, so they are recognised by name.
            var what = e.GetType().Name switch
            {
                "CheckpointSecurityException" => "Refused an unsafe checkpoint",
                "StateDictMismatchException" => "The checkpoint does not fit the encoder",
                _ => "Cannot load the checkpoint",
            };
            throw new EmbedException($"{what} for speaker encoder '{encoderName}' ({full}): {e.Message}", e);
        }
    }
}
