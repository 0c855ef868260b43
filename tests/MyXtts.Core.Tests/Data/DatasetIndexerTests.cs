using MyXtts.Core.Data;

namespace MyXtts.Core.Tests.Data;

public sealed class DatasetIndexerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("myxtts-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void Items_find_wav_or_flac_and_bad_files_are_skipped_with_the_line_and_path()
    {
        File.WriteAllText(Path.Combine(_dir, "metadata.csv"),
            "p1_a|Hello|Hello\np1_b|World|World\np2_c|Dir|Dir\np2_d|Empty|Empty\np2_e|Missing|Missing\n");
        Write("wavs/p1_a.wav", [1, 2, 3]);
        Write("wavs/p1_b.flac", [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(_dir, "wavs", "p2_c.wav"));
        Write("wavs/p2_d.wav", []);
        var skips = new SkipLog();

        var items = DatasetIndexer.Index(DatasetSource.Resolve(_dir), new SpeakerResolver(null), skips);

        Assert.Equal(["p1_a", "p1_b"], items.Select(i => i.Id));
        Assert.EndsWith("p1_b.flac", items[1].AudioPath);
        Assert.Equal("p1", items[0].Speaker);
        Assert.Equal("metadata.csv:1", items[0].Source);
        Assert.Equal(1, skips.Counts[SkipReason.NotAFile]);
        Assert.Equal(1, skips.Counts[SkipReason.EmptyFile]);
        Assert.Equal(1, skips.Counts[SkipReason.MissingFile]);
        Assert.Contains("metadata.csv:5", skips.Examples(SkipReason.MissingFile)[0]);
    }

    [Fact]
    public void Custom_metadata_file_and_audio_folder_are_resolved_relative_to_the_dataset()
    {
        File.WriteAllText(Path.Combine(_dir, "train.txt"), "x|Hi\n");
        Write("audio/x.wav", [1]);
        var source = DatasetSource.Resolve(_dir, "train.txt", "audio");
        var items = DatasetIndexer.Index(source, new SpeakerResolver(null), new SkipLog());
        Assert.Single(items);
        Assert.Equal(Path.Combine(_dir, "audio"), source.AudioDirectory);
    }

    [Fact]
    public void A_dataset_path_that_does_not_exist_says_what_layout_is_expected()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DatasetSource.Resolve(Path.Combine(_dir, "nope")));
        Assert.Contains("LJSpeech", e.Message);
    }
}
