using MyXtts.Checkpoints;
using MyXtts.Plugins.SpeakerEncoders.Coqui;
using MyXtts.SpeakerEncoders.Coqui.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Coqui.Tests;

/// <summary>The plugin end to end: clip in, <c>compute_embedding_from_clip</c>'s result out (≤ 1e-5).</summary>
public class CoquiEncoderParityTests
{
    private const string F = ParityFixtures.ResNet;

    public static TheoryData<string> Clips => new() { "synth", "real", "short" };

    [ParityTheory]
    [MemberData(nameof(Clips))]
    public void Embedding_a_clip_matches_compute_embedding_with_ten_windows(string clip)
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);
        var wav = ParityFixtures.Tensor(F, $"wav_{clip}.npy");

        var embedding = encoder.Embed(wav.unsqueeze(0), tensor(new[] { wav.shape[0] }));

        TensorAssert.Close(ParityFixtures.Tensor(F, $"compute_embedding_{clip}.npy"), embedding, 1e-5, $"compute_embedding_{clip}");
    }

    [ParityFact]
    public void A_padded_batch_of_three_lengths_gives_each_clip_its_reference_embedding()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(F);
        string[] clips = ["short", "synth", "real"];
        var wavs = clips.Select(c => ParityFixtures.Tensor(F, $"wav_{c}.npy")).ToArray();
        long width = wavs.Max(w => w.shape[0]);
        var batch = stack(wavs.Select(w => nn.functional.pad(w, [0, width - w.shape[0]], value: 0.5)));

        var embeddings = encoder.Embed(batch, tensor(wavs.Select(w => w.shape[0]).ToArray()));

        var expected = cat(clips.Select(c => ParityFixtures.Tensor(F, $"compute_embedding_{c}.npy")).ToList());
        TensorAssert.Close(expected, embeddings, 1e-5, "batched embeddings");
    }

    [ParityFact]
    public void Sizes_and_sample_rate_come_from_the_checkpoint_and_its_config()
    {
        using var resnet = Encoders.FromFixture(ParityFixtures.ResNet);
        using var lstm = Encoders.FromFixture(ParityFixtures.Lstm);

        Assert.Equal((512, 16000), (resnet.EmbeddingDim, resnet.SampleRate));
        Assert.Equal((256, 16000), (lstm.EmbeddingDim, lstm.SampleRate));
        Assert.IsType<MyXtts.Plugins.SpeakerEncoders.Coqui.Modules.ResNetSpeakerEncoder>(resnet.Loaded.Network);
    }

    [ParityFact]
    public void The_resnet_network_has_exactly_the_checkpoint_keys_and_shapes()
    {
        using var encoder = Encoders.FromFixture(F);
        using var checkpoint = CheckpointFile.Read(ParityFixtures.PathOf(F, "model_se.pth"));

        var file = checkpoint.StateDict("model").ToDictionary(p => p.Key, p => p.Value.shape);
        var module = encoder.Loaded.Network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

        Assert.Equal(file.Keys.Order(), module.Keys.Order());
        Assert.All(file, p => Assert.Equal(p.Value, module[p.Key]));
    }

    [ParityFact]
    public void Forcing_the_other_variant_is_refused_naming_the_option_and_the_detected_one()
    {
        var error = Assert.Throws<InvalidDataException>(() => Encoders.FromFixture(ParityFixtures.Lstm, CoquiVariant.Resnet));

        Assert.Contains("plugins:coqui:Variant", error.Message);
        Assert.Contains("Lstm", error.Message);
    }

    [ParityFact]
    public void An_lstm_encoder_embeds_waveforms_through_the_configured_mel_front_end()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(ParityFixtures.Lstm);
        var wav = ParityFixtures.Tensor(ParityFixtures.Lstm, "wav_synth.npy");

        var embedding = encoder.Embed(wav.unsqueeze(0), tensor(new[] { wav.shape[0] }));

        Assert.Equal([1L, 256L], embedding.shape);
        TensorAssert.Close(ones(1), embedding.norm(1), 1e-5, "norm");
    }

    [ParityTheory]
    [InlineData(ParityFixtures.Lstm)]
    [InlineData(ParityFixtures.ResNet)]
    public void A_safetensors_copy_of_the_network_with_its_copy_metadata_loads_elsewhere_with_the_same_config_and_embeddings(string fixture)
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();   // no config_se.json here: the config must travel in the copy
        using var original = Encoders.FromFixture(fixture);
        var copy = System.IO.Path.Combine(folder.Path, "tuned.safetensors");
        MyXtts.Checkpoints.Safetensors.SafetensorsFile.Write(copy, original.Module.state_dict(), original.CopyMetadata);
        using var reloaded = new CoquiEncoder(new CoquiOptions(), Serilog.Core.Logger.None);

        reloaded.LoadWeights(copy);

        Assert.Equal(original.Loaded.Audio, reloaded.Loaded.Audio);
        Assert.Contains("metadata coqui_config", reloaded.Loaded.ConfigSource);
        var wav = ParityFixtures.Tensor(fixture, "wav_synth.npy").unsqueeze(0);
        var lengths = tensor(new[] { wav.shape[1] });
        TensorAssert.Close(original.Embed(wav, lengths), reloaded.Embed(wav, lengths), 1e-6, "embedding of the copy");
    }
}
