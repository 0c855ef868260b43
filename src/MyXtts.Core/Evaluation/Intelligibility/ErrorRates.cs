namespace MyXtts.Core.Evaluation.Intelligibility;

/// <summary>Word and character error of a transcript against the text, both normalised by <see cref="TranscriptNormalizer"/>.</summary>
/// <param name="Words">Alignment over words.</param>
/// <param name="Characters">Alignment over the characters of the normalised text, spaces included (as jiwer's CER).</param>
public sealed record ErrorRates(EditAlignment Words, EditAlignment Characters)
{
    /// <summary>Word error rate.</summary>
    public double Wer => Words.Rate;

    /// <summary>Character error rate.</summary>
    public double Cer => Characters.Rate;

    /// <summary>Scores <paramref name="hypothesis"/> against <paramref name="reference"/> after normalising both the same way.</summary>
    public static ErrorRates Measure(string reference, string hypothesis)
    {
        string r = TranscriptNormalizer.Normalize(reference), h = TranscriptNormalizer.Normalize(hypothesis);
        return new ErrorRates(
            EditAlignment.Align(TranscriptNormalizer.Words(r), TranscriptNormalizer.Words(h)),
            EditAlignment.Align(r.ToCharArray(), h.ToCharArray()));
    }
}
