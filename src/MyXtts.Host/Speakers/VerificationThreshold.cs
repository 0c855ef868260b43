using System.Globalization;

namespace MyXtts.Host.Speakers;

/// <summary>The cosine threshold a verification uses and why that value.</summary>
public sealed record VerificationThreshold(double Value, string Basis)
{
    /// <summary>
    /// Defaults for the built-in encoders. Only ECAPA's comes from its authors; Resemblyzer and Coqui ship no threshold,
    /// so theirs are rules of thumb for their embedding spaces (Resemblyzer's are non-negative after its ReLU, so even
    /// different speakers score high). Calibrate on your own same/different pairs and pass <c>--threshold</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, VerificationThreshold> Defaults { get; } = new Dictionary<string, VerificationThreshold>(StringComparer.Ordinal)
    {
        ["ecapa_tdnn"] = new(0.25, "ecapa_tdnn default: SpeechBrain SpeakerRecognition.verify_batch"),
        ["resemblyzer"] = new(0.80, "resemblyzer default: rule of thumb, not calibrated (Resemblyzer ships none)"),
        ["coqui"] = new(0.70, "coqui default: rule of thumb, not calibrated (Coqui ships none)"),
    };

    /// <summary>
    /// <paramref name="given"/> when set, else the default of <paramref name="encoder"/>. Throws
    /// <see cref="ArgumentException"/> when neither exists or the value is not a cosine.
    /// </summary>
    public static VerificationThreshold For(string encoder, double? given)
    {
        if (given is { } value)
        {
            if (!(value >= -1 && value <= 1))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--threshold {value} is not a cosine similarity; give a value in [-1, 1] (e.g. 0.25 for ecapa_tdnn)."));
            return new(value, "--threshold");
        }
        if (Defaults.TryGetValue(encoder, out var threshold)) return threshold;
        throw new ArgumentException(
            $"Speaker encoder '{encoder}' has no default verification threshold (defaults exist for {string.Join(", ", Defaults.Keys)}). " +
            "Give one with --threshold X, a cosine similarity in [-1, 1] measured on same/different speaker pairs.");
    }
}
