using System.Globalization;
using System.Text;

namespace MyXtts.Core.Training.Reporting;

/// <summary>
/// How loss numbers are written for people: short progress names (<c>mel=</c> for <c>mel_loss</c>, <c>voice=</c> for
/// <c>voice_similarity_loss</c>) and the per-epoch component lines (<c>mel_loss=0.412, w_mel_loss=14.42</c>).
/// </summary>
public static class LossDisplay
{
    /// <summary>Terms always shown in progress when present; <c>--progress-terms</c> adds more.</summary>
    public static readonly IReadOnlyList<string> DefaultProgressTerms = ["mel_loss", "stop_loss", "voice_similarity_loss"];

    /// <summary><c>mel_loss</c> → <c>mel</c>, <c>voice_similarity_loss</c> → <c>voice</c>, other names without <c>_loss</c>.</summary>
    public static string ShortName(string term) => term switch
    {
        "voice_similarity_loss" => "voice",
        _ when term.EndsWith("_loss", StringComparison.Ordinal) => term[..^5],
        _ => term,
    };

    /// <summary><c>loss=0.4121 mel=0.3010 lr=2.5e-04</c> from a window of metrics, for progress bars and periodic lines.</summary>
    public static string Progress(IReadOnlyDictionary<string, double> metrics, IEnumerable<string> terms, double learningRate)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loss={metrics.GetValueOrDefault(TrainingMeters.Loss, double.NaN):F4}");
        foreach (var term in terms.Distinct().Where(metrics.ContainsKey))
            text.Append(CultureInfo.InvariantCulture, $" {ShortName(term)}={metrics[term]:F4}");
        text.Append(CultureInfo.InvariantCulture, $" lr={learningRate:0.00e+00}");
        return text.ToString();
    }

    /// <summary>Raw values of every term then their weighted contributions: <c>mel_loss=0.4121, w_mel_loss=14.42</c>.</summary>
    public static string Components(IReadOnlyDictionary<string, double> metrics, IReadOnlyList<string> terms)
    {
        var raw = terms.Where(metrics.ContainsKey).Select(t => Format(t, metrics[t]));
        var weighted = terms.Select(t => "w_" + t).Where(metrics.ContainsKey).Select(t => Format(t, metrics[t]));
        return string.Join(", ", raw.Concat(weighted));
    }

    private static string Format(string name, double value) => string.Create(CultureInfo.InvariantCulture, $"{name}={value:G5}");
}
