namespace MyXtts.Core.Models;

/// <summary>
/// Names of the acoustic model's auxiliary outputs (<c>ModelOutputs.Aux</c>), read by the built-in loss terms.
/// Shapes: B batch, L tokens, T' decoder steps (mel frames / reduction factor), rM stacked mel channels.
/// </summary>
public static class AcousticOutputKeys
{
    /// <summary>[B, L] predicted log durations (decoder steps).</summary>
    public const string LogDurations = "log_durations";
    /// <summary>[B, L] float target durations from the alignment search (no gradient).</summary>
    public const string Durations = "durations";
    /// <summary>[B, rM, T'] per-token Gaussian means expanded along the alignment (carries gradient).</summary>
    public const string AlignedMeans = "aligned_means";
    /// <summary>[B, rM, T'] the normalised, stacked target mel the means are scored against.</summary>
    public const string AlignmentTarget = "alignment_target";
    /// <summary>[B] valid decoder steps per row.</summary>
    public const string StepLengths = "step_lengths";
    /// <summary>[B, L, T'] the hard alignment path (inspection and plots).</summary>
    public const string Alignment = "alignment";
    /// <summary>[B, T'] stop-token logits of the autoregressive decoder (the last valid step is the positive).</summary>
    public const string StopLogits = "stop_logits";
    /// <summary>[B, T', L] the autoregressive decoder's attention over the text, averaged over layers and heads (rows sum to 1 over valid tokens).</summary>
    public const string DecoderAlignment = "decoder_alignment";
    /// <summary>[B, S] speaker embedding of the reference (before style).</summary>
    public const string SpeakerEmbedding = "speaker_embedding";
    /// <summary>[B, L] predicted per-token pitch (standardised log-F0), non-autoregressive with a pitch predictor.</summary>
    public const string PitchPredicted = "pitch_predicted";
    /// <summary>[B, L] per-token pitch target from the batch's F0 over the alignment (no gradient).</summary>
    public const string PitchTarget = "pitch_target";
    /// <summary>[B, L] predicted per-token energy (standardised mean log-mel), non-autoregressive with an energy predictor.</summary>
    public const string EnergyPredicted = "energy_predicted";
    /// <summary>[B, L] per-token energy target from the batch's mel over the alignment (no gradient).</summary>
    public const string EnergyTarget = "energy_target";
    /// <summary>
    /// [B, S] speaker embedding of the predicted mel through the model's own audio encoder with its parameters frozen
    /// (gradient reaches the mel, not the encoder). Produced only when a loss term asks for it (it costs an encoder pass).
    /// </summary>
    public const string OutputVoiceEmbedding = "output_voice_embedding";
    /// <summary>[B, S] the reference's speaker embedding through the same frozen encoder, without gradient (the target of <see cref="OutputVoiceEmbedding"/>).</summary>
    public const string ReferenceVoiceEmbedding = "reference_voice_embedding";
}
