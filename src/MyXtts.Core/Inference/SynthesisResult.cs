namespace MyXtts.Core.Inference;

/// <summary>One synthesized utterance: mono samples in [-1, 1] at <see cref="SampleRate"/>, and what produced them.</summary>
public sealed record SynthesisResult
{
    public required string Text { get; init; }
    /// <summary>The symbols the model read (phonemes or characters), as the tokenizer decodes them.</summary>
    public required string Symbols { get; init; }
    public required float[] Samples { get; init; }
    public required int SampleRate { get; init; }
    /// <summary>Mel frames the acoustic model produced.</summary>
    public required int Frames { get; init; }
    /// <summary>The predicted log-mel [n_mels, <see cref="Frames"/>], row-major (for plots and vocoder experiments).</summary>
    public required float[] LogMel { get; init; }

    public double Seconds => (double)Samples.Length / SampleRate;
}
