using MyXtts.Plugins.Vocoders.HiFiGan.Config;
using MyXtts.Plugins.Vocoders.HiFiGan.Generator;
using MyXtts.Vocoders.HiFiGan.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.Vocoders.HiFiGan.Tests.Generator;

public sealed class GeneratorParityTests
{
    [ParityTheory]
    [InlineData("hifigan_v1")]
    [InlineData("hifigan_v3")]
    public void Generator_reproduces_the_reference_intermediates_and_waveform(string folder)
    {
        using var scope = NewDisposeScope();
        var config = HiFiGanConfigFile.Read(ParityFixtures.PathOf(folder, "config.json")).Generator;
        using var generator = new HiFiGanGenerator(config);
        ScratchWeights.Into(generator, ScratchWeights.Load(folder));
        generator.eval();
        var mel = ParityFixtures.Tensor(folder, "mel_in.npy");
        var taps = new Dictionary<string, Tensor>();
        using var _ = no_grad();
        var wav = generator.Forward(mel, (name, t) => taps[name] = t.clone().MoveToOuterDisposeScope());
        TensorAssert.Close(ParityFixtures.Tensor(folder, "conv_pre_out.npy"), taps["conv_pre"], 0, 1e-5, "conv_pre");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "ups0_out.npy"), taps["ups.0"], 0, 1e-5, "ups0");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "ups1_out.npy"), taps["ups.1"], 0, 1e-5, "ups1");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "conv_post_out.npy"), taps["conv_post"], 0, 1e-5, "conv_post");
        TensorAssert.Close(ParityFixtures.Tensor(folder, "wav_out_weightnorm.npy"), wav, 1e-5, 0, "wav_out_weightnorm");
        generator.RemoveWeightNorm();
        var wavRemoved = generator.forward(mel);
        TensorAssert.Close(ParityFixtures.Tensor(folder, "wav_out.npy"), wavRemoved, 1e-5, 0, "wav_out");
        TensorAssert.Close(wav, wavRemoved, 1e-6, 0, "weight norm removed vs kept");
    }
}
