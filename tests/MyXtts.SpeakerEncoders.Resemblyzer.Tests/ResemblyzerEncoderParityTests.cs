using MyXtts.SpeakerEncoders.Resemblyzer.Tests.TestSupport;
using static TorchSharp.torch;

namespace MyXtts.SpeakerEncoders.Resemblyzer.Tests;

/// <summary>
/// The whole plugin against <c>embed_utterance</c> (fixture README: embeddings max abs ≤ 1e-5), from both the zip and
/// the legacy pre-1.6 checkpoint.
/// </summary>
public class ResemblyzerEncoderParityTests
{
    public static TheoryData<string, string> ClipsAndFiles => new()
    {
        { "synth", "pretrained.pt" }, { "real", "pretrained.pt" }, { "short", "pretrained.pt" },
        { "synth", "pretrained_legacy_format.pt" }, { "real", "pretrained_legacy_format.pt" }, { "short", "pretrained_legacy_format.pt" },
    };

    [ParityTheory]
    [MemberData(nameof(ClipsAndFiles))]
    public void Embedding_a_clip_matches_embed_utterance(string clip, string checkpoint)
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture(checkpoint);
        var wav = ParityFixtures.Tensor($"wav_{clip}.npy");

        var embedding = encoder.Embed(wav.unsqueeze(0), tensor(new[] { wav.shape[0] }));

        TensorAssert.Close(ParityFixtures.Tensor($"embed_{clip}.npy").unsqueeze(0), embedding, 1e-5, $"embed_{clip} ({checkpoint})");
    }

    [ParityFact]
    public void A_padded_batch_of_three_lengths_gives_each_clip_its_reference_embedding()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoders.FromFixture();
        string[] clips = ["short", "synth", "real"];
        var wavs = clips.Select(c => ParityFixtures.Tensor($"wav_{c}.npy")).ToArray();
        long width = wavs.Max(w => w.shape[0]);
        // Garbage past each length must not leak into the embedding.
        var batch = stack(wavs.Select(w => nn.functional.pad(w, [0, width - w.shape[0]], value: 0.5)));

        var embeddings = encoder.Embed(batch, tensor(wavs.Select(w => w.shape[0]).ToArray()));

        var expected = stack(clips.Select(c => ParityFixtures.Tensor($"embed_{c}.npy")));
        TensorAssert.Close(expected, embeddings, 1e-5, "batched embeddings");
    }

    [ParityFact]
    public void Volume_normalisation_is_applied_before_embedding_when_enabled()
    {
        using var scope = NewDisposeScope();
        using var encoder = new MyXtts.Plugins.SpeakerEncoders.Resemblyzer.ResemblyzerEncoder(new(), Serilog.Core.Logger.None);
        encoder.LoadWeights(ParityFixtures.PathOf("pretrained.pt"));
        var raw = ParityFixtures.Tensor("wav_real_raw.npy");

        var embedding = encoder.Embed(raw.unsqueeze(0), tensor(new[] { raw.shape[0] }));

        TensorAssert.Close(ParityFixtures.Tensor("embed_real.npy").unsqueeze(0), embedding, 1e-5, "embed_real from the raw clip");
    }
}
