using System.Text.RegularExpressions;

namespace MyXtts.Core.Text;

/// <summary>English abbreviations that a reader expands ("Dr." → "doctor"); matched case-insensitively with the dot.</summary>
public static partial class Abbreviations
{
    private static readonly Dictionary<string, string> English = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mrs"] = "misess", ["mr"] = "mister", ["dr"] = "doctor", ["st"] = "saint", ["co"] = "company",
        ["jr"] = "junior", ["maj"] = "major", ["gen"] = "general", ["drs"] = "doctors", ["rev"] = "reverend",
        ["lt"] = "lieutenant", ["hon"] = "honorable", ["sgt"] = "sergeant", ["capt"] = "captain", ["esq"] = "esquire",
        ["ltd"] = "limited", ["col"] = "colonel", ["ft"] = "fort", ["vs"] = "versus", ["etc"] = "et cetera",
        ["approx"] = "approximately", ["dept"] = "department", ["prof"] = "professor",
    };

    /// <summary>Expands "Mr." style abbreviations (the trailing dot is required, so "no" the word is left alone).</summary>
    public static string ExpandEnglish(string text)
    {
        text = NumberSign().Replace(text, "number ");   // "No. 5" but not "I said no."
        return WordWithDot().Replace(text, m => English.TryGetValue(m.Groups[1].Value, out var full) ? full : m.Value);
    }

    [GeneratedRegex(@"\bno\.\s*(?=\d)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberSign();

    [GeneratedRegex(@"\b([A-Za-z]+)\.(?=\s|$)")]
    private static partial Regex WordWithDot();
}
