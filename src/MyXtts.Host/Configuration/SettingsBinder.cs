using MyXtts.Host.Cli;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>
/// Builds <see cref="MyXttsSettings"/> from layered raw values. Every value is parsed and range-checked here (not by
/// the generic binder) so a bad one is reported with its key, value, source and the allowed range or values.
/// </summary>
public static class SettingsBinder
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static MyXttsSettings Bind(IReadOnlyDictionary<string, EffectiveValue> values, List<string> problems)
    {
        var root = new MyXttsSettings();
        var sections = new Dictionary<PropertyInfo, object>();
        foreach (var setting in SettingsSchema.Instance.Settings)
        {
            if (!sections.TryGetValue(setting.Section, out var section))
                sections[setting.Section] = section = Activator.CreateInstance(setting.Section.PropertyType)!;
            var value = setting.Shape switch
            {
                SettingShape.List => BindList(setting, values, problems),
                SettingShape.Map => BindMap(setting, values, problems),
                _ => values.TryGetValue(setting.Path, out var raw) ? BindScalar(setting, raw, problems) : Missing.Value,
            };
            if (value != Missing.Value) setting.Property.SetValue(section, value);
        }
        foreach (var (property, section) in sections) property.SetValue(root, section);
        return root;
    }

    private static object? BindScalar(SettingDescriptor setting, EffectiveValue raw, List<string> problems)
    {
        if (!SettingConverter.TryConvert(raw.Value, setting.ValueType, out var value))
        {
            problems.Add($"{raw.Source}: {setting.DisplayName} = '{raw.Value}' is not valid; expected {SettingConverter.Describe(setting.ValueType)}{Allowed(setting)}.");
            return Missing.Value;
        }
        if (value is "" && Nullability.Create(setting.Property).WriteState == NullabilityState.Nullable) value = null;
        return Check(setting, setting.DisplayName, raw, value, problems) ? Canonical(setting, value) : Missing.Value;
    }

    private static object BindList(SettingDescriptor setting, IReadOnlyDictionary<string, EffectiveValue> values, List<string> problems)
    {
        var items = new List<string>();
        foreach (var (key, raw) in Elements(setting, values).OrderBy(e => int.Parse(e.Key, CultureInfo.InvariantCulture)))
            if (Check(setting, $"{setting.DisplayName}[{key}]", raw, raw.Value, problems)) items.Add(raw.Value ?? "");
        return items;
    }

    private static object BindMap(SettingDescriptor setting, IReadOnlyDictionary<string, EffectiveValue> values, List<string> problems)
    {
        var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, raw) in Elements(setting, values))
        {
            var display = $"{setting.DisplayName}.{name}";
            if (!SettingConverter.TryConvert(raw.Value, typeof(double), out var value) || value is null)
                problems.Add($"{raw.Source}: {display} = '{raw.Value}' is not valid; expected {SettingConverter.Describe(typeof(double))}{Allowed(setting)}.");
            else if (Check(setting, display, raw, value, problems)) map[name] = (double)value;
        }
        return map;
    }

    private static IEnumerable<(string Key, EffectiveValue Raw)> Elements(SettingDescriptor setting, IReadOnlyDictionary<string, EffectiveValue> values) =>
        values.Where(kv => kv.Key.StartsWith(setting.Path + ":", StringComparison.OrdinalIgnoreCase))
              .Select(kv => (kv.Key[(setting.Path.Length + 1)..], kv.Value));

    /// <summary>Applies the property's [Range] / [AllowedValues] (to each element for lists and maps).</summary>
    private static bool Check(SettingDescriptor setting, string display, EffectiveValue raw, object? value, List<string> problems)
    {
        if (value is null) return true;
        var range = setting.Property.GetCustomAttribute<RangeAttribute>();
        if (range is not null && !range.IsValid(value))
        {
            problems.Add($"{raw.Source}: {display} = {raw.Value} is out of range; allowed {Format(range.Minimum)} to {Format(range.Maximum)}.");
            return false;
        }
        var allowed = setting.Property.GetCustomAttribute<AllowedValuesAttribute>();
        if (allowed is not null && !allowed.Values.Any(v => string.Equals(v?.ToString(), value.ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            var nearest = NameSuggester.Nearest(value.ToString()!, allowed.Values.Select(v => v!.ToString()!));
            problems.Add($"{raw.Source}: {display} = '{raw.Value}' is not allowed; use one of {string.Join(", ", allowed.Values)} (did you mean '{nearest}'?).");
            return false;
        }
        return true;
    }

    /// <summary>Allowed-value strings are stored in their documented spelling ("AdamW" → "adamw").</summary>
    private static object? Canonical(SettingDescriptor setting, object? value) =>
        value is string s && setting.Property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed
            ? allowed.Values.First(v => string.Equals(v?.ToString(), s, StringComparison.OrdinalIgnoreCase))
            : value;

    private static string Allowed(SettingDescriptor setting)
    {
        var range = setting.Property.GetCustomAttribute<RangeAttribute>();
        return range is null ? "" : $" in {Format(range.Minimum)}..{Format(range.Maximum)}";
    }

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
