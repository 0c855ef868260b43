using System.Globalization;

namespace MyXtts.Host.Configuration;

/// <summary>Parses configuration strings into the types settings use, and describes what each type accepts.</summary>
public static class SettingConverter
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off"];

    public static bool TryParseBool(string? text, out bool value)
    {
        var t = text?.Trim().ToLowerInvariant();
        value = TrueWords.Contains(t);
        return value || FalseWords.Contains(t);
    }

    public static bool TryConvert(string? text, Type type, out object? value)
    {
        value = null;
        var nullable = Nullable.GetUnderlyingType(type);
        if (string.IsNullOrEmpty(text))
        {
            if (type == typeof(string)) value = "";
            return type == typeof(string) || nullable is not null;
        }
        type = nullable ?? type;
        text = text.Trim();
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string)) { value = text; return true; }
        if (type == typeof(bool)) { var ok = TryParseBool(text, out var b); value = b; return ok; }
        if (type == typeof(int)) { var ok = int.TryParse(text, NumberStyles.Integer, inv, out var i); value = i; return ok; }
        if (type == typeof(long)) { var ok = long.TryParse(text, NumberStyles.Integer, inv, out var l); value = l; return ok; }
        if (type == typeof(double))
        {
            var ok = double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d);
            value = d;
            return ok;
        }
        if (type.IsEnum)
        {
            // Names only: Enum.TryParse would also accept "2" or "1,2".
            var name = Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (name is not null) value = Enum.Parse(type, name);
            return name is not null;
        }
        throw new NotSupportedException($"Settings of type {type.Name} are not supported; use string, bool, int, long, double, an enum, a list or a map.");
    }

    /// <summary>What a value of <paramref name="type"/> must look like, for error messages.</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return "true or false (also 1/0, yes/no, on/off)";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double)) return "a number (e.g. 0.001 or 1e-3)";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return "text";
    }
}
