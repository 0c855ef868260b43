namespace MyXtts.Checkpoints;

/// <summary>A checkpoint file is damaged, truncated, or uses a layout this reader does not support; the message names the file.</summary>
public sealed class CheckpointFormatException(string message, Exception? inner = null) : Exception(message, inner);
