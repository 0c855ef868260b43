using System.Runtime.InteropServices;

namespace MyXtts.Core.Training.Distributed;

/// <summary>
/// The dozen MPI calls the trainer needs, bound directly to Open MPI's <c>libmpi.so.40</c> (Debian <c>libopenmpi3</c>).
/// Open MPI's handles (<c>MPI_COMM_WORLD</c>, <c>MPI_FLOAT</c>, <c>MPI_SUM</c>…) are the addresses of exported globals,
/// so they are looked up with <see cref="NativeLibrary.GetExport"/>; <c>MPI_IN_PLACE</c> is the constant 1. (The MPI.NET
/// package cannot be used: it imports <c>msmpi.dll</c> and hard-codes MS-MPI's integer handles.) MPICH, whose handles
/// are integers, is not supported.
/// </summary>
internal static unsafe partial class OpenMpi
{
    public const string Library = "libmpi.so.40";
    public const int Success = 0;
    public const int ThreadMultiple = 3;   // MPI_THREAD_MULTIPLE: the watchdog may call MPI_Abort while the main thread waits in a collective
    public static readonly nint InPlace = 1;

    private static readonly Lazy<Handles> LoadedHandles = new(LoadHandles);

    /// <summary>The predefined handles; throws <see cref="DllNotFoundException"/> with the fix when Open MPI is not installed.</summary>
    public static Handles Predefined => LoadedHandles.Value;

    /// <summary>Open MPI's predefined objects, by address.</summary>
    public sealed record Handles(nint CommWorld, nint Float, nint Double, nint Byte, nint Sum, nint Max, nint ErrorsReturn);

    private static Handles LoadHandles()
    {
        if (!NativeLibrary.TryLoad(Library, out var library))
            throw new DllNotFoundException($"Cannot load {Library}: Open MPI is not installed. Install it with 'apt-get install openmpi-bin' " +
                "(Debian/Ubuntu; it brings libopenmpi3) and start the processes with mpirun.");
        nint Get(string name) => NativeLibrary.GetExport(library, name);
        return new Handles(Get("ompi_mpi_comm_world"), Get("ompi_mpi_float"), Get("ompi_mpi_double"), Get("ompi_mpi_byte"),
            Get("ompi_mpi_op_sum"), Get("ompi_mpi_op_max"), Get("ompi_mpi_errors_return"));
    }

    [LibraryImport(Library, EntryPoint = "MPI_Initialized")] public static partial int Initialized(out int flag);
    [LibraryImport(Library, EntryPoint = "MPI_Finalized")] public static partial int Finalized(out int flag);
    [LibraryImport(Library, EntryPoint = "MPI_Init_thread")] public static partial int InitThread(nint argc, nint argv, int required, out int provided);
    [LibraryImport(Library, EntryPoint = "MPI_Finalize")] public static partial int Finalize();
    [LibraryImport(Library, EntryPoint = "MPI_Comm_rank")] public static partial int CommRank(nint comm, out int rank);
    [LibraryImport(Library, EntryPoint = "MPI_Comm_size")] public static partial int CommSize(nint comm, out int size);
    [LibraryImport(Library, EntryPoint = "MPI_Comm_set_errhandler")] public static partial int CommSetErrhandler(nint comm, nint errhandler);
    [LibraryImport(Library, EntryPoint = "MPI_Allreduce")] public static partial int Allreduce(nint send, nint receive, int count, nint datatype, nint op, nint comm);
    [LibraryImport(Library, EntryPoint = "MPI_Bcast")] public static partial int Bcast(nint buffer, int count, nint datatype, int root, nint comm);
    [LibraryImport(Library, EntryPoint = "MPI_Barrier")] public static partial int Barrier(nint comm);
    [LibraryImport(Library, EntryPoint = "MPI_Abort")] public static partial int Abort(nint comm, int errorCode);
    [LibraryImport(Library, EntryPoint = "MPI_Error_string")] public static partial int ErrorString(int errorCode, byte* text, out int length);

    /// <summary>Throws <see cref="MpiException"/> naming the call and MPI's own text for <paramref name="code"/>.</summary>
    public static void Check(int code, string call)
    {
        if (code == Success) return;
        var text = stackalloc byte[256];   // MPI_MAX_ERROR_STRING in Open MPI
        var described = ErrorString(code, text, out var length) == Success ? System.Text.Encoding.ASCII.GetString(text, length) : "unknown error";
        throw new MpiException($"{call} failed with MPI error {code}: {described}");
    }
}
