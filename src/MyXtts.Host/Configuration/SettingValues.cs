using System.Globalization;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>Reads typed values out of <see cref="MyXttsSettings"/> and writes them as configuration strings.</summary>
public static class SettingValues
{
    /// <summary>The typed value of one setting (a scalar, a list or a map).</summary>
    public static object? Read(MyXttsSettings settings, SettingDescriptor setting) =>
        setting.Property.GetValue(setting.Section.GetValue(settings));

    /// <summary>The invariant configuration spelling: <c>true</c>, <c>0.0001</c>, enum names in lower case.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Every key of <paramref name="settings"/> as raw entries (lists as <c>key:i</c>, maps as <c>key:name</c>); nulls omitted.</summary>
    public static IEnumerable<(string Key, string Value)> Flatten(MyXttsSettings settings)
    {
        foreach (var setting in SettingsSchema.Instance.Settings)
        {
            var value = Read(settings, setting);
            switch (setting.Shape)
            {
                case SettingShape.List:
                    var i = 0;
                    foreach (var item in (System.Collections.IEnumerable)value!) yield return ($"{setting.Path}:{i++}", Format(item)!);
                    break;
                case SettingShape.Map:
                    foreach (var (name, item) in (IReadOnlyDictionary<string, double>)value!) yield return ($"{setting.Path}:{name}", Format(item)!);
                    break;
                default:
                    if (Format(value) is { } text) yield return (setting.Path, text);
                    break;
            }
        }
    }
}
