using System.Globalization;
using System.Text;

namespace MyXtts.Core.Training.Reporting;

/// <summary>
/// How loss numbers are written for people: short progress names (<c>mel=</c> for <c>mel_loss</c>, <c>voice=</c> for
/// <c>voice_similarity_loss</c>) and the per-epoch component lines (<c>mel_loss=0.412, w_mel_loss=14.42</c>).
/// </summary>
public static class LossDisplay
{
    /// <summary>Terms shown first in progress when active (the issue's <c>mel=</c>, <c>stop=</c>, <c>voice=</c>); every other active term follows.</summary>
    public static readonly IReadOnlyList<string> DefaultProgressTerms = ["mel_loss", "stop_loss", "voice_similarity_loss"];

    /// <summary><c>mel_loss</c> → <c>mel</c>, <c>voice_similarity_loss</c> → <c>voice</c>, other names without <c>_loss</c>.</summary>
    public static string ShortName(string term) => term switch
    {
        "voice_similarity_loss" => "voice",
        _ when term.StartsWith("w_", StringComparison.Ordinal) => "w_" + ShortName(term[2..]),
        _ when term.EndsWith("_loss", StringComparison.Ordinal) => term[..^5],
        _ => term,
    };

    /// <summary>
    /// What progress shows, in order: the default terms that are active, every other active term, then the
    /// <paramref name="requested"/> extras (<c>--progress-terms</c>): weighted contributions (<c>w_mel_loss</c>), a term's
    /// own metrics (<c>fixture_l1/scale</c>) or <c>grad_norm</c>. Throws <see cref="ArgumentException"/> for a name that is none of these.
    /// </summary>
    public static IReadOnlyList<string> ProgressTerms(IReadOnlyList<string> activeTerms, IReadOnlyList<string> requested)
    {
        foreach (var name in requested.Where(n => !IsKnown(n, activeTerms)))
            throw new ArgumentException(
                $"--progress-terms names '{name}', which is not a loss term of this run. Valid: {string.Join(", ", activeTerms)}, " +
                $"their weighted contributions ({string.Join(", ", activeTerms.Select(t => "w_" + t))}), a term's own metrics ('<term>/<metric>') " +
                $"or {TrainingMeters.GradNorm}. Every active term is shown already; fix or remove '{name}'.");
        return [.. DefaultProgressTerms.Where(activeTerms.Contains), .. activeTerms.Except(DefaultProgressTerms), .. requested.Except(activeTerms)];
    }

    private static bool IsKnown(string name, IReadOnlyList<string> activeTerms) =>
        name == TrainingMeters.GradNorm || activeTerms.Contains(name) || (name.StartsWith("w_", StringComparison.Ordinal) && activeTerms.Contains(name[2..]))
        || activeTerms.Any(t => name.StartsWith(t + "/", StringComparison.Ordinal));

    /// <summary>
    /// <c>loss=0.4121 mel=0.3010 dur=… lr=2.5e-04 grad_norm=0.83</c> from a window of metrics, for progress bars and
    /// periodic lines; <c>skipped=N</c> is added when the non-finite guard has skipped steps.
    /// </summary>
    public static string Progress(IReadOnlyDictionary<string, double> metrics, IEnumerable<string> terms, double learningRate, long skippedSteps = 0)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loss={metrics.GetValueOrDefault(TrainingMeters.Loss, double.NaN):F4}");
        foreach (var term in terms.Distinct().Where(t => t != TrainingMeters.GradNorm && metrics.ContainsKey(t)))
            text.Append(CultureInfo.InvariantCulture, $" {ShortName(term)}={metrics[term]:F4}");
        text.Append(CultureInfo.InvariantCulture, $" lr={learningRate:0.00e+00}");
        if (metrics.TryGetValue(TrainingMeters.GradNorm, out var norm)) text.Append(CultureInfo.InvariantCulture, $" grad_norm={norm:G4}");
        if (skippedSteps > 0) text.Append(CultureInfo.InvariantCulture, $" skipped={skippedSteps}");
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
