using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MyXtts.Core.Models.NonAutoregressive;

/// <summary>Per-token prosody values [B, L] (standardised per utterance, see <see cref="ProsodyTargets"/>); null for a part the model lacks.</summary>
public sealed record Prosody(Tensor? Pitch, Tensor? Energy);

/// <summary>
/// FastSpeech 2's variance adaptor, pitch and energy parts (durations have their own predictor): a
/// <c>pitch_predictor</c> / <c>energy_predictor</c> (<see cref="VariancePredictor"/>) each predicts one standardised
/// value per token, and a <c>pitch_embedding</c> / <c>energy_embedding</c> (Conv1d 1 → C, kernel 3, as FastPitch) turns
/// the values — the targets in training, the predictions at inference — into a [B, C, L] term added to the token states
/// before the length regulator. A continuous convolution rather than bucketed embeddings: nearby values stay close and
/// the kernel sees the neighbours' values (a rising or falling contour). Either part may be off.
/// </summary>
public sealed class VarianceAdaptor : nn.Module
{
    private readonly VariancePredictor? pitch_predictor;
    private readonly Conv1d? pitch_embedding;
    private readonly VariancePredictor? energy_predictor;
    private readonly Conv1d? energy_embedding;

    public VarianceAdaptor(string name, long channels, double dropout, bool pitch, bool energy) : base(name)
    {
        if (!pitch && !energy) throw new ArgumentException("A variance adaptor needs pitch, energy or both; build none when both predictors are off.");
        if (pitch)
        {
            pitch_predictor = new VariancePredictor("pitch_predictor", channels, dropout);
            pitch_embedding = nn.Conv1d(1, channels, 3, padding: 1);
        }
        if (energy)
        {
            energy_predictor = new VariancePredictor("energy_predictor", channels, dropout);
            energy_embedding = nn.Conv1d(1, channels, 3, padding: 1);
        }
        RegisterComponents();
    }

    /// <summary>True when the adaptor predicts pitch.</summary>
    public bool HasPitch => pitch_predictor is not null;

    /// <summary>True when the adaptor predicts energy.</summary>
    public bool HasEnergy => energy_predictor is not null;

    /// <summary>Predicted values from the (detached) token states [B, C, L], mask [B, 1, L].</summary>
    public Prosody Predict(Tensor states, Tensor mask) =>
        new(pitch_predictor?.call(states, mask), energy_predictor?.call(states, mask));

    /// <summary>[B, C, L]: the embeddings of <paramref name="values"/>, summed, zero on padded tokens.</summary>
    public Tensor Embed(Prosody values, Tensor mask)
    {
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        if (pitch_embedding is not null) sum = Term(pitch_embedding, values.Pitch, "pitch", mask);
        if (energy_embedding is not null)
        {
            var energy = Term(energy_embedding, values.Energy, "energy", mask);
            sum = sum is null ? energy : sum + energy;
        }
        return sum!.MoveToOuterDisposeScope();
    }

    private static Tensor Term(Conv1d embedding, Tensor? values, string what, Tensor mask)
    {
        if (values is null) throw new ArgumentException($"The model has a {what} embedding but no {what} values were given.");
        return embedding.call(values.to(mask.dtype).unsqueeze(1) * mask) * mask;                       // [B, 1, L] → [B, C, L]
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { pitch_predictor?.Dispose(); pitch_embedding?.Dispose(); energy_predictor?.Dispose(); energy_embedding?.Dispose(); }
        base.Dispose(disposing);
    }
}
