namespace MyXtts.Core.Tests.Training;

/// <summary>
/// Training tests seed and draw from torch's process-wide generator (dropout, initialisation), so they run alone:
/// one at a time and not beside other test classes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "Training (torch's global generator)";
}
