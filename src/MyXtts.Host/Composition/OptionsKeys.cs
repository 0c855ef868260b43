using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MyXtts.Host.Composition;

/// <summary>
/// The keys an options type accepts, by <c>[ConfigurationKeyName]</c> or property name, checked through nested
/// option objects. Done here rather than with the binder's ErrorOnUnknownConfiguration, which rejects keys given
/// by <c>[ConfigurationKeyName]</c> and does not list the valid keys.
/// </summary>
public static class OptionsKeys
{
    /// <summary>Keys the binder can set on <paramref name="type"/>: writable properties and complex read-only ones.</summary>
    public static IReadOnlyList<string> Valid(Type type) => Bindable(type).Select(p => p.Key).ToArray();

    /// <summary>A key with no property to bind to, and the keys valid at its level.</summary>
    public sealed record UnknownKey(string Path, IReadOnlyList<string> ValidThere)
    {
        public override string ToString() =>
            $"'{Path}' (valid there: {(ValidThere.Count == 0 ? "none" : string.Join(", ", ValidThere))})";
    }

    /// <summary>Keys under <paramref name="section"/> that <paramref name="type"/> (or a nested options object) has no property for.</summary>
    public static IReadOnlyList<UnknownKey> Unknown(IConfigurationSection section, Type type)
    {
        var properties = Bindable(type).ToDictionary(p => p.Key, p => p.Property.PropertyType, StringComparer.OrdinalIgnoreCase);
        var unknown = new List<UnknownKey>();
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var propertyType)) unknown.Add(new UnknownKey(child.Path, Valid(type)));
            else if (IsNestedOptions(propertyType)) unknown.AddRange(Unknown(child, propertyType));
        }
        return unknown;
    }

    private static IEnumerable<(string Key, PropertyInfo Property)> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .Where(p => p.SetMethod is { IsPublic: true } || !IsScalar(p.PropertyType))
            .Select(p => (p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name, p));

    private static bool IsScalar(Type type) => type.IsValueType || type == typeof(string);

    /// <summary>A class of its own settings (not a scalar, collection or dictionary, whose keys are data).</summary>
    private static bool IsNestedOptions(Type type) => !IsScalar(type) && !typeof(IEnumerable).IsAssignableFrom(type);
}
