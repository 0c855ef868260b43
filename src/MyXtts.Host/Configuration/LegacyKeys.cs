using System.Text.RegularExpressions;

namespace MyXtts.Host.Configuration;

/// <summary>
/// Rewrites the original project's spellings to this product's keys before layering, so they take part in
/// precedence like any other key: <c>training:mel_loss_weight</c> → <c>training:loss_weights:mel</c>.
/// </summary>
public static partial class LegacyKeys
{
    public static string Normalize(string key)
    {
        var match = LossWeight().Match(key);
        return match.Success ? $"training:loss_weights:{match.Groups[1].Value}" : key;
    }

    [GeneratedRegex("^training:([a-z0-9_]+)_loss_weight$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LossWeight();
}
