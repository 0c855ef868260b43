namespace MyXtts.Abstractions.Evaluation;

/// <summary>
/// One synthesized line and what it is judged against.
/// </summary>
/// <param name="Id">Utterance id (the metadata id of the line that was synthesized).</param>
/// <param name="Text">The text that was synthesized.</param>
/// <param name="Output">The synthesized audio.</param>
/// <param name="Reference">The voice prompt the model was conditioned on: same speaker, another utterance.</param>
public sealed record EvaluationUtterance(string Id, string Text, AudioClip Output, AudioClip Reference)
{
    /// <summary>The recorded audio of <see cref="Text"/> by the same speaker, when the line comes from a dataset.</summary>
    public AudioClip? GroundTruth { get; init; }

    /// <summary>The text spoken in <see cref="Reference"/>, when known (speaking-rate transfer needs it).</summary>
    public string? ReferenceText { get; init; }

    /// <summary>The speaker of the reference and ground truth, when known.</summary>
    public string? SpeakerId { get; init; }
}
