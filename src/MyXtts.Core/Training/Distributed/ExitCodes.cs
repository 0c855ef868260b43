namespace MyXtts.Core.Training.Distributed;

/// <summary>Exit codes of a distributed job that are specific to it (the train command's own: 2 error, 3 diverged, 130 interrupted).</summary>
public static class ExitCodes
{
    /// <summary>A collective waited longer than <c>training.distributed_timeout</c>: some rank stopped responding.</summary>
    public const int CollectiveTimeout = 4;

    /// <summary>Another rank failed (its error is in its log); this one was ended with the job.</summary>
    public const int RankFailed = 5;
}
