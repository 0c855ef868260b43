namespace MyXtts.Checkpoints;

/// <summary>
/// A checkpoint refers to something other than tensors and plain data (a function, a class, an extension code), which
/// loading it with Python's pickle would execute. Such files are refused rather than interpreted.
/// </summary>
public sealed class CheckpointSecurityException(string message) : Exception(message)
{
    /// <summary>The refusal for <paramref name="file"/> referencing the Python global <paramref name="global"/>.</summary>
    internal static CheckpointSecurityException ForGlobal(string file, string global) => new(
        $"refusing to load '{Path.GetFileName(file)}': it references '{global}', which is code, not data. " +
        "Only tensors and plain containers (dict, OrderedDict, list, tuple, set, str, int, float, bool, None, bytes) are accepted, " +
        "because loading must never run code from a file. If the file comes from a source you trust, re-save just its weights in " +
        "Python with torch.save(model.state_dict(), path) or export them to .safetensors.");
}
