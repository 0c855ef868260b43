namespace MyXtts.Core.Training.Distributed;

/// <summary>An MPI call returned an error (the communicator's error handler is <c>MPI_ERRORS_RETURN</c>, so calls return codes instead of ending the job).</summary>
public sealed class MpiException(string message) : Exception(message);
