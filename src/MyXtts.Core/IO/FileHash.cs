using System.Security.Cryptography;

namespace MyXtts.Core.IO;

/// <summary>Content hashes of files, for keying caches and recording which weights a model was trained with.</summary>
public static class FileHash
{
    /// <summary>Lower-case hex SHA-256 of the file's bytes (streamed, so large weights need no memory).</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
