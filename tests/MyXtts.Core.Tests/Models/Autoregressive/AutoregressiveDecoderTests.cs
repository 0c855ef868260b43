using MyXtts.Core.Models.Autoregressive;
using MyXtts.Core.Models.Layers;
using MyXtts.Core.Tests.Training;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models.Autoregressive;

[Collection(TrainingCollection.Name)]
public sealed class AutoregressiveDecoderTests
{
    [Fact]
    public void Changing_later_input_frames_does_not_change_earlier_outputs()
    {
        using var decoder = TinyAutoregressive.Decoder();
        decoder.eval();
        var (voice, memory) = Memory();
        var previous = randn(2, 7, 6);
        var altered = previous.clone();
        altered[.., 4..] = randn(2, 3, 6) * 10;

        var a = decoder.forward(previous, voice, memory, null);
        var b = decoder.forward(altered, voice, memory, null);

        Assert.True(ModelTestSupport.MaxDiff(a.Frames[.., ..4], b.Frames[.., ..4]) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a.StopLogits[.., ..4], b.StopLogits[.., ..4]) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a.Alignment[.., ..4], b.Alignment[.., ..4]) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(a.Frames[.., 4..], b.Frames[.., 4..]) > 1e-2, "the altered frames must change the later steps, or the test checks nothing");
    }

    [Fact]
    public void Step_by_step_decoding_with_the_key_value_cache_equals_recomputing_every_step()
    {
        using var decoder = TinyAutoregressive.Decoder();
        decoder.eval();
        var (voice, memory) = Memory();
        var inputs = new List<Tensor> { zeros(2, 1, 6) };
        var stepped = new List<DecoderStepOutputs>();
        using (var state = decoder.Start(voice, memory))
        {
            for (var t = 0; t < 6; t++)
            {
                var output = decoder.Step(state, inputs[^1]);
                stepped.Add(output);
                inputs.Add(output.Frames);
            }
            Assert.Equal(6, state.Position);
        }
        var full = decoder.forward(cat(inputs.Take(6).ToArray(), 1), voice, memory, null);

        Assert.True(ModelTestSupport.MaxDiff(cat(stepped.Select(s => s.Frames).ToArray(), 1), full.Frames) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(cat(stepped.Select(s => s.StopLogits).ToArray(), 1), full.StopLogits) < 1e-5);
        Assert.True(ModelTestSupport.MaxDiff(cat(stepped.Select(s => s.Alignment).ToArray(), 1), full.Alignment) < 1e-5);
    }

    [Fact]
    public void Padded_tokens_get_no_attention_and_do_not_move_the_outputs()
    {
        using var decoder = TinyAutoregressive.Decoder(conditioning: false);
        decoder.eval();
        var text = randn(1, 5, 16);
        var padding = SequenceMasks.KeyPadding(tensor(new long[] { 3 }), 5);
        var altered = text.clone();
        altered[.., 3..] = randn(1, 2, 16) * 100;
        var previous = randn(1, 4, 6);
        var voice = randn(1, 8);

        var a = decoder.forward(previous, voice, new DecoderMemory(text, padding, null), null);
        var b = decoder.forward(previous, voice, new DecoderMemory(altered, padding, null), null);

        Assert.True(ModelTestSupport.MaxDiff(a.Frames, b.Frames) < 1e-5);
        Assert.Equal(0f, a.Alignment[.., .., 3..].abs().max().item<float>());
        Assert.True(ModelTestSupport.MaxDiff(a.Alignment.sum(2), ones(1, 4)) < 1e-5);
    }

    [Fact]
    public void The_prenet_keeps_its_dropout_at_inference()
    {
        ModelTestSupport.Seed();
        using var prenet = new DecoderPrenet("prenet", 4, 32, 0.5);
        prenet.eval();
        var x = ones(1, 1, 4);
        Assert.True(ModelTestSupport.MaxDiff(prenet.call(x), prenet.call(x)) > 0, "two eval-mode calls gave the same output: dropout is off");
    }

    private static (Tensor Voice, DecoderMemory Memory) Memory()
    {
        var lengths = tensor(new long[] { 5, 3 });
        var text = randn(2, 5, 16) * SequenceMasks.Valid(lengths, 5).unsqueeze(2).to(ScalarType.Float32);
        return (randn(2, 8), new DecoderMemory(text, SequenceMasks.KeyPadding(lengths, 5), randn(2, 3, 16)));
    }
}
