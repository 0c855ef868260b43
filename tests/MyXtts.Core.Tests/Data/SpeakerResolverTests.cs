using MyXtts.Core.Data;

namespace MyXtts.Core.Tests.Data;

public class SpeakerResolverTests
{
    private static MetadataEntry E(string id, string? speaker = null) => new(id, "t", "t", speaker, 1);

    [Fact]
    public void Default_pattern_reads_vctk_libritts_and_sample_corpus_ids()
    {
        var speakers = new SpeakerResolver(null).Resolve([E("p248_065_mic1"), E("19_198_000000_000000"), E("spk03_0001")]);
        Assert.Equal(["p248", "19", "spk03"], speakers);
    }

    [Fact]
    public void Ids_without_the_pattern_are_one_speaker()
    {
        Assert.Equal(["speaker", "speaker"], new SpeakerResolver(null).Resolve([E("LJ001-0001"), E("LJ001-0002")]));
    }

    [Fact]
    public void The_fourth_column_wins_over_the_id()
    {
        Assert.Equal(["alice"], new SpeakerResolver(null).Resolve([E("p248_001", "alice")]));
    }

    [Fact]
    public void A_custom_pattern_uses_its_first_group_and_an_empty_pattern_means_single_speaker()
    {
        Assert.Equal(["LJ001"], new SpeakerResolver("^(LJ\\d+)-").Resolve([E("LJ001-0001")]));
        Assert.Equal(["speaker"], new SpeakerResolver("").Resolve([E("p248_001")]));
    }

    [Fact]
    public void A_pattern_without_a_group_is_refused_with_an_example()
    {
        var e = Assert.Throws<ArgumentException>(() => new SpeakerResolver("^p\\d+"));
        Assert.Contains("capture group", e.Message);
        Assert.Contains("speaker_id_pattern", e.Message);
    }
}
