namespace MyXtts.Checkpoints;

/// <summary>The on-disk layout a checkpoint was read from (detected from its first bytes, never from its extension).</summary>
public enum CheckpointFormat
{
    /// <summary><c>torch.save</c> since PyTorch 1.6: a zip with <c>&lt;dir&gt;/data.pkl</c> and <c>&lt;dir&gt;/data/&lt;key&gt;</c>.</summary>
    TorchZip,

    /// <summary><c>torch.save</c> before 1.6 (or <c>_use_new_zipfile_serialization=False</c>): pickles followed by raw storages.</summary>
    TorchLegacy,

    /// <summary>Hugging Face safetensors: a JSON header and raw little-endian tensors.</summary>
    Safetensors,
}
