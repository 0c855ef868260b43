using MyXtts.Checkpoints.IO;

namespace MyXtts.Checkpoints.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writing_replaces_the_file_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("report.json", "old"u8.ToArray());

        AtomicFile.Write(path, stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_writer_that_fails_halfway_leaves_the_previous_file_intact_and_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("report.json", "complete old report"u8.ToArray());

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a new rep"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("complete old report", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_missing_folder_is_created()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nested", "report.txt");

        AtomicFile.Write(path, stream => stream.Write("x"u8));

        Assert.Equal("x", File.ReadAllText(path));
    }
}
