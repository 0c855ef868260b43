namespace MyXtts.Checkpoints;

/// <summary>
/// A state dict does not fit a module: keys the module needs are missing, the file has keys the module does not know, or
/// shapes differ. All problems are listed in one message that names the file.
/// </summary>
public sealed class StateDictMismatchException(string message, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
    IReadOnlyList<string> shapeMismatches) : Exception(message)
{
    /// <summary>Keys the module has and the file lacks.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;

    /// <summary>Keys the file has and the module lacks.</summary>
    public IReadOnlyList<string> Unexpected { get; } = unexpected;

    /// <summary>"key: file [..] vs module [..]" for each key present in both with different shapes.</summary>
    public IReadOnlyList<string> ShapeMismatches { get; } = shapeMismatches;
}
