namespace MyXtts.Host.Tests.Distributed;

/// <summary>A test that starts processes with Open MPI's <c>mpirun</c>; skipped, with the fix, where it is not installed.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiJob.Mpirun is null)
            Skip = "mpirun is not installed: 'apt-get install openmpi-bin' (./run-tests.sh installs it from build/test-packages.txt)";
    }
}
