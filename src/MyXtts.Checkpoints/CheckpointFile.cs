using MyXtts.Checkpoints.Safetensors;
using MyXtts.Checkpoints.Torch;

namespace MyXtts.Checkpoints;

/// <summary>
/// Reads PyTorch checkpoints (zip format since 1.6, legacy pre-1.6 format) and safetensors files, whatever their
/// extension (HiFi-GAN's <c>g_02500000</c> has none). Nothing in a file is ever executed: only tensors and plain
/// containers are accepted, anything else raises <see cref="CheckpointSecurityException"/>.
/// </summary>
public static class CheckpointFile
{
    /// <summary>Reads <paramref name="path"/>; dispose the result after copying its tensors.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointSecurityException">The file references code (a function or class other than tensor/data constructors).</exception>
    /// <exception cref="CheckpointFormatException">The file is damaged or not one of the three formats.</exception>
    public static Checkpoint Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        return Detect(path) switch
        {
            CheckpointFormat.TorchZip => TorchZipReader.Read(path),
            CheckpointFormat.TorchLegacy => TorchLegacyReader.Read(path),
            _ => SafetensorsFile.Read(path),
        };
    }

    /// <summary>The format of <paramref name="path"/> from its first bytes.</summary>
    /// <exception cref="CheckpointFormatException">None of the three formats.</exception>
    public static CheckpointFormat Detect(string path)
    {
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 4 && head[..4].SequenceEqual("PK\u0003\u0004"u8)) return CheckpointFormat.TorchZip;
        if (read >= 2 && head[0] == 0x80 && head[1] <= 5) return CheckpointFormat.TorchLegacy;   // PROTO opcode
        if (read == 9 && head[8] == (byte)'{') return CheckpointFormat.Safetensors;              // u64 header size, then JSON
        throw new CheckpointFormatException(
            $"'{Path.GetFileName(path)}' is neither a PyTorch checkpoint (zip or legacy pickle) nor a .safetensors file " +
            $"(first bytes: {Convert.ToHexString(head[..read])}). Save weights with torch.save(model.state_dict(), path) or as safetensors.");
    }
}
