using System.Text;
using MyXtts.Core.Data;

namespace MyXtts.Core.Tests.Data;

public class MetadataReaderTests
{
    private static (IReadOnlyList<MetadataEntry> Entries, SkipLog Skips) Parse(byte[] bytes)
    {
        var skips = new SkipLog();
        return (MetadataReader.Parse(bytes, "metadata.csv", skips), skips);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Two_three_and_four_column_lines_are_read()
    {
        var (entries, skips) = Parse(Utf8("a|Hello 1.|Hello one.\nb|Just text\nc|Raw|Norm|spk7\n"));
        Assert.Equal(0, skips.Total);
        Assert.Equal(new MetadataEntry("a", "Hello 1.", "Hello one.", null, 1), entries[0]);
        Assert.Equal(new MetadataEntry("b", "Just text", "Just text", null, 2), entries[1]);
        Assert.Equal("spk7", entries[2].Speaker);
    }

    [Fact]
    public void Bom_crlf_header_and_blank_lines_are_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8("id|text|normalized_text\r\n\r\nx|Hi|Hi\r\ny|Yo|Yo")).ToArray();
        var (entries, skips) = Parse(bytes);
        Assert.Equal(0, skips.Total);
        Assert.Equal(["x", "y"], entries.Select(e => e.Id));
        Assert.Equal(3, entries[0].Line);
    }

    [Fact]
    public void Bad_lines_are_skipped_with_the_line_number_and_counted()
    {
        var bytes = Utf8("good|ok\nonlyid\n|no id\nempty|\ngood|again\n")
            .Concat(new byte[] { (byte)'b', (byte)'|', 0xFF, 0xFE, (byte)'\n' }).Concat(Utf8("last|fine")).ToArray();
        var (entries, skips) = Parse(bytes);
        Assert.Equal(["good", "last"], entries.Select(e => e.Id));
        Assert.Equal(1, skips.Counts[SkipReason.TooFewColumns]);
        Assert.Equal(1, skips.Counts[SkipReason.EmptyId]);
        Assert.Equal(1, skips.Counts[SkipReason.EmptyText]);
        Assert.Equal(1, skips.Counts[SkipReason.DuplicateId]);
        Assert.Equal(1, skips.Counts[SkipReason.NotUtf8]);
        Assert.Contains("metadata.csv:2", skips.Examples(SkipReason.TooFewColumns)[0]);
        Assert.Contains("line 1", skips.Examples(SkipReason.DuplicateId)[0]);
        Assert.Contains("metadata.csv:6", skips.Examples(SkipReason.NotUtf8)[0]);
    }

    [Fact]
    public void A_missing_metadata_file_names_the_path_and_the_expected_layout()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "metadata.csv");
        var e = Assert.Throws<FileNotFoundException>(() => MetadataReader.Read(path, new SkipLog()));
        Assert.Contains(path, e.Message);
        Assert.Contains("LJSpeech", e.Message);
    }
}
