using MyXtts.Plugins.Profilers.Output;
using MyXtts.Profilers.Tests.Support;

namespace MyXtts.Profilers.Tests.Output;

public class AtomicFileTests
{
    [Fact]
    public void Writing_replaces_the_file_and_leaves_no_temp_file()
    {
        using var run = new TempRunDirectory();
        var path = run.File("report.json");
        File.WriteAllText(path, "old");

        AtomicFile.WriteText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["report.json"], run.FileNames());
    }

    [Fact]
    public void A_writer_that_fails_halfway_leaves_the_previous_file_intact_and_no_temp_file()
    {
        using var run = new TempRunDirectory();
        var path = run.File("report.json");
        File.WriteAllText(path, "complete old report");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a new rep"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("complete old report", File.ReadAllText(path));
        Assert.Equal(["report.json"], run.FileNames());
    }

    [Fact]
    public void A_missing_run_folder_is_created()
    {
        using var run = new TempRunDirectory();
        var path = Path.Combine(run.Path, "nested", "report.txt");

        AtomicFile.WriteText(path, "x");

        Assert.Equal("x", File.ReadAllText(path));
    }
}
