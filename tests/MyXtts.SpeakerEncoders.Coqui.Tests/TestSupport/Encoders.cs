using MyXtts.Plugins.SpeakerEncoders.Coqui;
using MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;
using Serilog.Core;

namespace MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;

/// <summary>Encoders loaded from the fixtures, as the host builds them.</summary>
public static class Encoders
{
    public static CoquiEncoder FromFixture(string folder, CoquiVariant variant = CoquiVariant.Auto)
    {
        var encoder = new CoquiEncoder(new CoquiOptions { Variant = variant }, Logger.None);
        encoder.LoadWeights(ParityFixtures.PathOf(folder, "model_se.pth"));
        return encoder;
    }

    internal static ResNetSpeakerEncoder ResNet(CoquiEncoder encoder) => Assert.IsType<ResNetSpeakerEncoder>(encoder.Loaded.Network);

    internal static LstmSpeakerEncoder Lstm(CoquiEncoder encoder) => Assert.IsType<LstmSpeakerEncoder>(encoder.Loaded.Network);
}
