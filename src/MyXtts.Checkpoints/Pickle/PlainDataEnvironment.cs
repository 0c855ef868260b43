namespace MyXtts.Checkpoints.Pickle;

/// <summary>Accepts no globals and no persistent ids: for pickles that must hold plain values only (legacy headers).</summary>
public sealed class PlainDataEnvironment(string file) : IPickleEnvironment
{
    /// <inheritdoc />
    public PickleGlobal ResolveGlobal(string module, string name) => throw CheckpointSecurityException.ForGlobal(file, $"{module}.{name}");

    /// <inheritdoc />
    public object? PersistentLoad(object? persistentId) =>
        throw new CheckpointFormatException($"'{Path.GetFileName(file)}': unexpected persistent id {PickleText.Describe(persistentId)} in a plain-data pickle.");
}
