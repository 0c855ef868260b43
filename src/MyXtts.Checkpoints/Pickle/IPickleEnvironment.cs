namespace MyXtts.Checkpoints.Pickle;

/// <summary>What a pickle may refer to outside itself: allowlisted globals and persistent ids (PyTorch storages).</summary>
public interface IPickleEnvironment
{
    /// <summary>The allowed global <paramref name="module"/>.<paramref name="name"/>; throws <see cref="CheckpointSecurityException"/> for anything else.</summary>
    PickleGlobal ResolveGlobal(string module, string name);

    /// <summary>The object a persistent id stands for; throws <see cref="CheckpointFormatException"/> when it is not understood.</summary>
    object? PersistentLoad(object? persistentId);
}
