using MyXtts.Core.Audio.SndFile;

namespace MyXtts.Core.Tests.TestSupport;

/// <summary>A fact that needs libsndfile (Debian libsndfile1, listed in build/test-packages.txt); skipped with the reason when it is missing.</summary>
public sealed class LibSndFileFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when libsndfile cannot be loaded.</summary>
    public LibSndFileFactAttribute()
    {
        if (!SndFileReader.IsAvailable)
            Skip = "libsndfile is not installed (sudo apt-get install libsndfile1); run-tests.sh installs it.";
    }
}
