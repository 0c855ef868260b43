using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MyXtts.Core.Text;

/// <summary>
/// Spells out English numbers the way a reader says them: cardinals, decimals, ordinals, years, currency and
/// percentages. Digits left in the text would otherwise be dropped or read digit by digit by a character model.
/// </summary>
public static partial class NumberNormalizer
{
    private static readonly string[] Ones =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly (long Value, string Name)[] Scales =
        [(1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")];
    private static readonly Dictionary<string, string> OrdinalWords = new()
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["five"] = "fifth", ["eight"] = "eighth",
        ["nine"] = "ninth", ["twelve"] = "twelfth",
    };
    private static readonly Dictionary<char, (string Major, string Majors, string Minor, string Minors)> Currencies = new()
    {
        ['$'] = ("dollar", "dollars", "cent", "cents"),
        ['£'] = ("pound", "pounds", "penny", "pence"),
        ['€'] = ("euro", "euros", "cent", "cents"),
        ['¥'] = ("yen", "yen", "sen", "sen"),
    };

    /// <summary>Replaces every number form in <paramref name="text"/> with words.</summary>
    public static string Expand(string text)
    {
        text = ThousandsSeparator().Replace(text, m => m.Value.Replace(",", ""));
        text = Currency().Replace(text, ExpandCurrency);
        text = Percent().Replace(text, m => ExpandDecimal(m.Groups[1].Value) + " percent");
        text = Decimal().Replace(text, m => ExpandDecimal(m.Value));
        text = Ordinal().Replace(text, m => ToOrdinal(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        text = Integer().Replace(text, m => ExpandInteger(m.Value));
        return text;
    }

    /// <summary>Cardinal words for 0 ≤ n &lt; 10^15, e.g. 1234 → "one thousand two hundred thirty four".</summary>
    public static string ToWords(long n)
    {
        if (n < 0) return "minus " + ToWords(-n);
        if (n < 20) return Ones[n];
        if (n < 100) return Tens[n / 10] + (n % 10 != 0 ? " " + Ones[n % 10] : "");
        if (n < 1000) return Ones[n / 100] + " hundred" + (n % 100 != 0 ? " " + ToWords(n % 100) : "");
        foreach (var (value, name) in Scales)
        {
            if (n < value) continue;
            var rest = n % value;
            return ToWords(n / value) + " " + name + (rest != 0 ? " " + ToWords(rest) : "");
        }
        throw new ArgumentOutOfRangeException(nameof(n), n, "numbers of a quadrillion or more are not spelled out");
    }

    /// <summary>Ordinal words, e.g. 21 → "twenty first", 12 → "twelfth".</summary>
    public static string ToOrdinal(long n)
    {
        var words = ToWords(n);
        var cut = words.LastIndexOf(' ');
        var last = words[(cut + 1)..];
        var ordinal = OrdinalWords.TryGetValue(last, out var irregular) ? irregular
            : last.EndsWith('y') ? last[..^1] + "ieth" : last + "th";
        return words[..(cut + 1)] + ordinal;
    }

    /// <summary>Years are read in pairs ("nineteen eighty four"), other integers as cardinals.</summary>
    private static string ExpandInteger(string digits)
    {
        if (digits.Length > 15) return string.Join(' ', digits.Select(d => Ones[d - '0']));
        var n = long.Parse(digits, CultureInfo.InvariantCulture);
        if (digits.Length > 1 && digits[0] == '0') return string.Join(' ', digits.Select(d => Ones[d - '0']));
        if (n is > 1000 and < 3000 && n % 1000 >= 10 && !(n >= 2000 && n < 2010))
        {
            var (hi, lo) = (n / 100, n % 100);
            return ToWords(hi) + " " + (lo == 0 ? "hundred" : lo < 10 ? "oh " + ToWords(lo) : ToWords(lo));
        }
        return ToWords(n);
    }

    private static string ExpandDecimal(string number)
    {
        var dot = number.IndexOf('.');
        if (dot < 0) return ExpandInteger(number);
        var whole = dot == 0 ? "zero" : ToWords(long.Parse(number[..dot], CultureInfo.InvariantCulture));
        var fraction = string.Join(' ', number[(dot + 1)..].Select(d => Ones[d - '0']));
        return whole + " point " + fraction;
    }

    private static string ExpandCurrency(Match m)
    {
        var (major, majors, minor, minors) = Currencies[m.Groups[1].Value[0]];
        var amount = m.Groups[2].Value;
        var scale = m.Groups[3].Value;
        if (scale.Length > 0) return ExpandDecimal(amount) + " " + scale.ToLowerInvariant() + " " + majors;
        var parts = amount.Split('.');
        var whole = parts[0].Length == 0 ? 0 : long.Parse(parts[0], CultureInfo.InvariantCulture);
        var cents = parts.Length > 1 && parts[1].Length > 0 ? int.Parse(parts[1].PadRight(2, '0')[..2], CultureInfo.InvariantCulture) : 0;
        var sb = new StringBuilder();
        if (whole != 0 || cents == 0) sb.Append(ToWords(whole)).Append(' ').Append(whole == 1 ? major : majors);
        if (cents != 0)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(ToWords(cents)).Append(' ').Append(cents == 1 ? minor : minors);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"(?<=\d),(?=\d{3}\b)")]
    private static partial Regex ThousandsSeparator();
    [GeneratedRegex(@"([$£€¥])(\d*\.?\d+)(?:\s?(thousand|million|billion|trillion)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex Currency();
    [GeneratedRegex(@"(\d*\.?\d+)\s?%")]
    private static partial Regex Percent();
    [GeneratedRegex(@"\d*\.\d+")]
    private static partial Regex Decimal();
    [GeneratedRegex(@"\b(\d+)(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();
    [GeneratedRegex(@"\d+")]
    private static partial Regex Integer();
}
