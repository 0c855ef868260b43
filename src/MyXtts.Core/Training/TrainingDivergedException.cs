namespace MyXtts.Core.Training;

/// <summary>Thrown when the non-finite guard has skipped too many optimizer steps in a row to continue.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
