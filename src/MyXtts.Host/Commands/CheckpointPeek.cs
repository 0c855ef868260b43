using MyXtts.Core.Training.Checkpoints;

namespace MyXtts.Host.Commands;

/// <summary>
/// Reads a checkpoint before the run session exists, to learn which plugins its model needs (the speaker encoder it was
/// trained with). A missing or unreadable file gives null here; the command's own load then reports it properly.
/// </summary>
internal static class CheckpointPeek
{
    public static TrainingCheckpoint? ReadOrNull(string path)
    {
        try { return File.Exists(path) ? TrainingCheckpoint.Read(path) : null; }
        catch (CheckpointException) { return null; }
    }
}
