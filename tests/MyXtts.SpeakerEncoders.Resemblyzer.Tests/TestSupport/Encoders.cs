using MyXtts.Plugins.SpeakerEncoders.Resemblyzer;
using Serilog.Core;

namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;

/// <summary>Encoders as the host builds them.</summary>
public static class Encoders
{
    /// <summary>Fixture inputs are embed_utterance inputs, already volume-normalised: compare without normalising again.</summary>
    public static ResemblyzerEncoder WithoutVolumeNormalisation() =>
        new(new ResemblyzerOptions { NormalizeVolume = false }, Logger.None);

    /// <summary>The encoder with the fixture's <c>pretrained.pt</c> (or another file of the folder) loaded.</summary>
    public static ResemblyzerEncoder FromFixture(string file = "pretrained.pt")
    {
        var encoder = WithoutVolumeNormalisation();
        encoder.LoadWeights(ParityFixtures.PathOf(file));
        return encoder;
    }
}
