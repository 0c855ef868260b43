using System.Reflection;
using Microsoft.Extensions.Configuration;
using MyXtts.Abstractions.Configuration;

namespace MyXtts.Host.Configuration;

/// <summary>
/// Every key of <see cref="MyXttsSettings"/>, read from the <c>[ConfigurationKeyName]</c> attributes, so adding a
/// property to a settings record is all it takes to add a key. Sections named in <see cref="PassThroughSections"/>
/// belong to other components (plugin options) and are not checked here.
/// </summary>
public sealed class SettingsSchema
{
    public static SettingsSchema Instance { get; } = new();

    /// <summary><c>plugins:&lt;name&gt;:*</c> is validated by the plugin catalog against each plugin's options type.</summary>
    public static IReadOnlyList<string> PassThroughSections { get; } = ["plugins"];

    private readonly Dictionary<string, SettingDescriptor> _byPath = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<SettingDescriptor> Settings { get; }

    private SettingsSchema()
    {
        var settings = new List<SettingDescriptor>();
        foreach (var section in typeof(MyXttsSettings).GetProperties())
            foreach (var property in section.PropertyType.GetProperties().Where(p => p.CanWrite))
            {
                var path = $"{KeyName(section)}:{KeyName(property)}";
                var (shape, valueType) = ShapeOf(property.PropertyType);
                settings.Add(new SettingDescriptor(path, section, property, shape, valueType));
            }
        Settings = settings;
        foreach (var s in settings) _byPath.Add(s.Path, s);
    }

    /// <summary>Finds the setting a raw key addresses: the setting itself, a list index or a map name (<paramref name="element"/>).</summary>
    public bool TryResolve(string key, out SettingDescriptor setting, out string? element)
    {
        setting = null!;
        element = null;
        var parts = key.Split(':');
        if (parts.Length < 2 || parts.Length > 3 || !_byPath.TryGetValue($"{parts[0]}:{parts[1]}", out var found)) return false;
        if (parts.Length == 3)
        {
            var valid = found.Shape switch
            {
                SettingShape.List => int.TryParse(parts[2], out var index) && index >= 0,
                SettingShape.Map => parts[2].Length > 0,
                _ => false,
            };
            if (!valid) return false;
            element = parts[2];
        }
        setting = found;
        return true;
    }

    public static bool IsPassThrough(string key) =>
        PassThroughSections.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase));

    public static bool IsSection(string key) =>
        typeof(MyXttsSettings).GetProperties().Any(p => KeyName(p).Equals(key, StringComparison.OrdinalIgnoreCase));

    internal static string KeyName(PropertyInfo p) => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{p.DeclaringType?.Name}.{p.Name} has no [ConfigurationKeyName]; every settings property needs its snake_case key.");

    private static (SettingShape, Type) ShapeOf(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            return (SettingShape.List, type.GetGenericArguments()[0]);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            return (SettingShape.Map, type.GetGenericArguments()[1]);
        return (SettingShape.Scalar, type);
    }
}
