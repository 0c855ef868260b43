using MyXtts.Host.Commands;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Commands;

public sealed class RateClipFileTests
{
    [Fact]
    public void Clips_resolve_against_the_lists_folder_and_comments_and_blank_lines_are_skipped()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("wavs"));
        File.WriteAllBytes(dir.Combine("wavs", "a.wav"), [0]);
        File.WriteAllBytes(dir.Combine("b.wav"), [0]);
        File.WriteAllLines(dir.Combine("list.txt"), ["# voice p248", "", "wavs/a.wav|Hello there.", $"  {dir.Combine("b.wav")} |  Two words  "]);

        var clips = RateClipFile.Read(new FileInfo(dir.Combine("list.txt")));

        Assert.Equal([dir.Combine("wavs", "a.wav"), dir.Combine("b.wav")], clips.Select(c => c.Path));
        Assert.Equal(["Hello there.", "Two words"], clips.Select(c => c.Transcript));
    }

    [Theory]
    [InlineData("b.wav", ":2: expected 'audio path|transcript'")]
    [InlineData("b.wav|", ":2: the transcript after '|' is empty")]
    [InlineData("|words", ":2: the audio path before '|' is empty")]
    [InlineData("nowhere.wav|words", ":2: the clip '")]
    public void A_bad_line_is_refused_with_the_file_and_line(string line, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("b.wav"), [0]);
        File.WriteAllLines(dir.Combine("list.txt"), ["b.wav|fine", line]);

        var error = Record.Exception(() => RateClipFile.Read(new FileInfo(dir.Combine("list.txt"))));

        Assert.NotNull(error);
        Assert.Contains(dir.Combine("list.txt") + expected, error.Message);
    }

    [Fact]
    public void A_list_without_clips_or_a_missing_list_is_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.Combine("empty.txt"), ["# nothing", ""]);

        Assert.Contains("has no clips", Assert.Throws<ArgumentException>(() => RateClipFile.Read(new FileInfo(dir.Combine("empty.txt")))).Message);
        Assert.Contains("--rate-clips", Assert.Throws<IOException>(() => RateClipFile.Read(new FileInfo(dir.Combine("none.txt")))).Message);
    }
}
