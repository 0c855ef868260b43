using System.Globalization;

namespace MyXtts.Host.Distributed;

/// <summary>
/// What <c>mpirun</c> tells each process it starts, through Open MPI's environment variables: the number of processes,
/// this one's rank and its rank on this machine. Without them (or with one process) training runs as before.
/// </summary>
public sealed record MpiEnvironment(int WorldSize, int Rank, int LocalRank)
{
    public const string WorldSizeVariable = "OMPI_COMM_WORLD_SIZE";
    public const string RankVariable = "OMPI_COMM_WORLD_RANK";
    public const string LocalRankVariable = "OMPI_COMM_WORLD_LOCAL_RANK";

    /// <summary>True when this process is one of several started by mpirun.</summary>
    public bool IsDistributed => WorldSize > 1;

    public static MpiEnvironment From(IReadOnlyDictionary<string, string?> environment)
    {
        int Read(string name) => environment.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new MpiEnvironment(Math.Max(1, Read(WorldSizeVariable)), Read(RankVariable), Read(LocalRankVariable));
    }
}
