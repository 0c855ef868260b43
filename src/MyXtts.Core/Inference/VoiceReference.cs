namespace MyXtts.Core.Inference;

/// <summary>
/// The voice to clone: the log-mel [<see cref="NMels"/>, <see cref="Frames"/>] (row-major) of a reference clip, made by
/// <see cref="SpeechSynthesizer.LoadReference"/> with the model's own audio pipeline and mel. Compute it once per voice
/// and reuse it for every sentence.
/// </summary>
public sealed record VoiceReference(float[] LogMel, int NMels, int Frames, string Source)
{
    /// <summary>The pretrained speaker encoder's embedding of the clip, for a model trained with one; null otherwise.</summary>
    public float[]? SpeakerEmbedding { get; init; }

    /// <summary>
    /// How much faster than the model's own pace for this voice the clip speaks, measured from its transcript (1 when
    /// loaded without one; 1.1 = 10 % faster). <see cref="SpeechSynthesizer.Synthesize"/> multiplies the requested speed by it.
    /// </summary>
    public double SpeakingRate { get; init; } = 1.0;

    /// <summary>The clip's transcript the speaking rate was measured with; null when none was given.</summary>
    public string? Transcript { get; init; }

    /// <summary>How many transcribed clips <see cref="SpeakingRate"/> averages (the reference's own and any rate clips); 0 when none.</summary>
    public int SpeakingRateClips { get; init; }

    /// <summary>Seconds of reference audio the mel covers, for a hop of <paramref name="hopLength"/> at <paramref name="sampleRate"/>.</summary>
    public double Seconds(int hopLength, int sampleRate) => (double)Frames * hopLength / sampleRate;
}
