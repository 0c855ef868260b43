using System.Security.Cryptography;
using System.Text;
using MyXtts.Checkpoints.IO;

namespace MyXtts.Core.Training.Checkpoints;

/// <summary>
/// The container of a checkpoint: <c>MXCKPT01</c>, then named sections (name, int64 length, bytes), an empty name
/// ending the list, then the SHA-256 of everything before it. Written atomically (temp file, flush to disk, rename), so a
/// process killed mid-write leaves the previous file; read back only when the checksum matches.
/// </summary>
public static class CheckpointFile
{
    private static ReadOnlySpan<byte> Magic => "MXCKPT01"u8;
    private const int HashSize = 32;

    /// <summary>Writes <paramref name="sections"/> to <paramref name="path"/>; each writer fills its section's bytes.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, Action<BinaryWriter> Write)> sections) =>
        AtomicFile.Write(path, stream =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Emit(ReadOnlySpan<byte> bytes)
            {
                hash.AppendData(bytes);
                stream.Write(bytes);
            }
            Emit(Magic);
            foreach (var (name, write) in sections)
            {
                using var buffer = new MemoryStream();
                using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) write(writer);
                Emit(Header(name, buffer.Length));
                Emit(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            Emit(Header("", 0));
            stream.Write(hash.GetHashAndReset());
        });

    /// <summary>The sections of <paramref name="path"/> by name; throws <see cref="CorruptCheckpointException"/> for a damaged file.</summary>
    public static IReadOnlyDictionary<string, byte[]> Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new CorruptCheckpointException($"Checkpoint '{path}' cannot be read: {e.Message}", e); }
        if (bytes.Length < Magic.Length + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CorruptCheckpointException($"Checkpoint '{path}' is not a MyXtts checkpoint or is truncated ({bytes.Length} bytes).");
        var body = bytes.AsSpan(0, bytes.Length - HashSize);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
            throw new CorruptCheckpointException($"Checkpoint '{path}' fails its SHA-256 check (truncated or damaged; {bytes.Length} bytes).");
        return Sections(bytes, body.Length, path);
    }

    private static Dictionary<string, byte[]> Sections(byte[] bytes, int end, string path)
    {
        var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, end - Magic.Length), Encoding.UTF8);
        try
        {
            for (var name = reader.ReadString(); name.Length > 0; name = reader.ReadString())
            {
                var length = reader.ReadInt64();
                sections[name] = reader.ReadBytes(checked((int)length));
            }
        }
        catch (Exception e) when (e is EndOfStreamException or OverflowException)
        {
            throw new CorruptCheckpointException($"Checkpoint '{path}' has a malformed section table.", e);
        }
        return sections;
    }

    private static byte[] Header(string name, long length)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(name);
            if (name.Length > 0) writer.Write(length);
        }
        return buffer.ToArray();
    }
}
