using MyXtts.Abstractions.Losses;
using MyXtts.Abstractions.Training;
using MyXtts.Core.Models;
using MyXtts.Core.Training.Losses;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Models.Autoregressive;

public sealed class AutoregressiveLossTermTests
{
    [Fact]
    public void Stop_loss_weights_the_last_valid_step_and_ignores_padding()
    {
        // Row of 3 valid steps (+1 padded) at logit 0: two negatives cost log 2 each, the positive w·log 2; mean over 3.
        var logits = tensor(new float[] { 0, 0, 0, 50 }, [1, 4]).requires_grad_();
        var context = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.StopLogits] = logits,
            [AcousticOutputKeys.StepLengths] = tensor(new long[] { 3 }),
        });
        var loss = new StopLoss(new StopLossOptions { PositiveWeight = 10 }).Compute(context).Value;
        Assert.Equal(12 * Math.Log(2) / 3, loss.item<float>(), 4);
        loss.backward();
        var grad = logits.grad!.data<float>().ToArray();
        Assert.Equal(0.5f / 3, grad[0], 5);            // d softplus(x)/dx = σ(x) = ½ on a negative
        Assert.Equal(-10 * 0.5f / 3, grad[2], 5);      // −w·σ(−x) on the positive
        Assert.Equal(0f, grad[3]);                     // padding
    }

    [Fact]
    public void Stop_loss_option_rejects_a_non_positive_weight_naming_the_key()
    {
        var context = Context(tokenLengths: [1], aux: new() { [AcousticOutputKeys.StopLogits] = zeros(1, 2), [AcousticOutputKeys.StepLengths] = tensor(new long[] { 2 }) });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StopLoss(new StopLossOptions { PositiveWeight = 0 }).Compute(context));
        Assert.Contains("plugins.stop_loss.PositiveWeight", error.Message);
    }

    [Fact]
    public void Guided_attention_loss_is_zero_on_the_diagonal_and_the_off_diagonal_share_elsewhere()
    {
        // 2 steps × 2 tokens; positions 0 and ½ on both axes. Anti-diagonal attention: each step pays 1 − exp(−¼ / (2·0.2²)).
        var antiDiagonal = tensor(new float[] { 0, 1, 1, 0 }, [1, 2, 2]).requires_grad_();
        var diagonal = tensor(new float[] { 1, 0, 0, 1 }, [1, 2, 2]);
        var aux = (Tensor a) => new Dictionary<string, Tensor> { [AcousticOutputKeys.DecoderAlignment] = a, [AcousticOutputKeys.StepLengths] = tensor(new long[] { 2 }) };

        var off = new AttentionLoss().Compute(Context(tokenLengths: [2], aux: aux(antiDiagonal))).Value;
        var on = new AttentionLoss().Compute(Context(tokenLengths: [2], aux: aux(diagonal))).Value;

        Assert.Equal(1 - Math.Exp(-3.125), off.item<float>(), 5);
        Assert.Equal(0f, on.item<float>());
        off.backward();
        Assert.True(antiDiagonal.grad![0, 0, 1].item<float>() > 0);
        Assert.Equal(0f, antiDiagonal.grad![0, 0, 0].item<float>());   // on the diagonal: no penalty
    }

    [Fact]
    public void Guided_attention_ignores_padded_steps_and_tokens()
    {
        // Valid: 1 step × 1 token (penalty 0 there); everything else is padding and must not count, however large.
        var alignment = tensor(new float[] { 1, 9, 9, 9 }, [1, 2, 2]).requires_grad_();
        var context = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.DecoderAlignment] = alignment,
            [AcousticOutputKeys.StepLengths] = tensor(new long[] { 1 }),
        });
        var loss = new AttentionLoss().Compute(context).Value;
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.Equal(0f, alignment.grad!.abs().sum().item<float>());
    }

    [Fact]
    public void Attention_loss_applies_to_either_strategy_and_stop_loss_only_to_the_autoregressive_one()
    {
        var autoregressive = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.DecoderAlignment] = ones(1, 1, 1), [AcousticOutputKeys.StopLogits] = zeros(1, 1), [AcousticOutputKeys.StepLengths] = tensor(new long[] { 1 }),
        });
        var nonAutoregressive = Context(tokenLengths: [1], aux: new()
        {
            [AcousticOutputKeys.AlignedMeans] = zeros(1, 1, 1), [AcousticOutputKeys.AlignmentTarget] = zeros(1, 1, 1), [AcousticOutputKeys.StepLengths] = tensor(new long[] { 1 }),
        });
        var none = Context(tokenLengths: [1], aux: new());
        Assert.True(new AttentionLoss().AppliesTo(autoregressive));
        Assert.True(new AttentionLoss().AppliesTo(nonAutoregressive));
        Assert.True(new StopLoss().AppliesTo(autoregressive));
        Assert.False(new StopLoss().AppliesTo(nonAutoregressive));
        Assert.False(new StopLoss().AppliesTo(none));
    }

    private static LossContext Context(long[] tokenLengths, Dictionary<string, Tensor> aux)
    {
        var b = tokenLengths.Length;
        var batch = new TrainingBatch
        {
            Ids = Enumerable.Range(0, b).Select(i => $"u{i}").ToArray(),
            Tokens = zeros(b, tokenLengths.Max(), dtype: ScalarType.Int64), TokenLengths = tensor(tokenLengths),
            Mel = zeros(b, 2, 2), MelLengths = full(b, 2L), SpeakerIds = zeros(b, dtype: ScalarType.Int64),
            ReferenceMel = zeros(b, 2, 2), ReferenceMelLengths = full(b, 2L),
        };
        return new LossContext(batch, new ModelOutputs { Mel = zeros(b, 2, 2), MelPostnet = zeros(b, 2, 2), Aux = aux }, 0);
    }
}
