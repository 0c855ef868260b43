namespace MyXtts.Core.Training.Checkpoints;

/// <summary>A checkpoint that cannot be used: corrupt, truncated, or made for another model, vocabulary or mel definition.</summary>
public class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The file is damaged (bad magic, truncated, checksum mismatch); another checkpoint may still be good.</summary>
public sealed class CorruptCheckpointException(string message, Exception? inner = null) : CheckpointException(message, inner);
