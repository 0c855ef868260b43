using System.Reflection;

namespace MyXtts.Host.Configuration;

/// <summary>How a setting is spelled in configuration sources.</summary>
public enum SettingShape
{
    /// <summary>One value: <c>section:key</c>.</summary>
    Scalar,
    /// <summary>A list: <c>section:key:0</c>, <c>section:key:1</c>... or <c>section:key</c> = "a,b". A layer that sets
    /// any element replaces the whole list from lower layers.</summary>
    List,
    /// <summary>Named values: <c>section:key:&lt;name&gt;</c>, merged name by name across layers.</summary>
    Map,
}

/// <summary>One known configuration key, found by reflection on the settings records.</summary>
public sealed record SettingDescriptor(string Path, PropertyInfo Section, PropertyInfo Property, SettingShape Shape, Type ValueType)
{
    /// <summary>The dotted name users see: <c>training.learning_rate</c>.</summary>
    public string DisplayName => Path.Replace(':', '.');

    /// <summary>The environment variable that sets it: <c>MYXTTS_TRAINING__LEARNING_RATE</c>.</summary>
    public string EnvironmentName => EnvironmentLayer.Prefix + Path.Replace(":", "__").ToUpperInvariant();
}
