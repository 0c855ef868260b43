namespace MyXtts.Abstractions.Evaluation;

/// <summary>
/// A learned naturalness predictor (UTMOS, MOSNet...): one predicted mean opinion score per clip, 1 (bad) to 5
/// (excellent). None ships with MyXtts; a plugin adds one when real weights are at hand.
/// </summary>
public interface IMosPredictor
{
    /// <summary>One score per clip, in order.</summary>
    IReadOnlyList<double> Predict(IReadOnlyList<AudioClip> clips);
}
