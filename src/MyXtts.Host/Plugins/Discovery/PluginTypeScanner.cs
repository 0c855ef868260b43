using System.Reflection;
using MyXtts.Abstractions.Plugins;

namespace MyXtts.Host.Plugins.Discovery;

/// <summary>Reads the <c>[Plugin]</c> classes of one assembly into descriptors, one problem per class that is unusable.</summary>
public static class PluginTypeScanner
{
    /// <summary>Descriptors for the valid plugin classes; <paramref name="problems"/> receives the rest.</summary>
    public static IReadOnlyList<PluginDescriptor> Scan(PluginAssembly source, ICollection<PluginProblem> problems)
    {
        var found = new List<PluginDescriptor>();
        foreach (var type in LoadableTypes(source, problems))
        {
            PluginAttribute? attribute;
            try
            {
                attribute = type.GetCustomAttribute<PluginAttribute>(inherit: false);
            }
            catch (Exception e)
            {
                problems.Add(new PluginProblem(source.Path, $"Cannot read the [Plugin] attribute of {type.FullName}: {e.GetType().Name}: {e.Message}"));
                continue;
            }
            if (attribute is null) continue;
            var error = Validate(type, attribute, out var kind);
            if (error is null) found.Add(new PluginDescriptor(attribute.Name, kind, type, attribute.Summary, attribute.Options, source));
            else problems.Add(new PluginProblem(source.Path, $"Plugin '{attribute.Name}' ({type.FullName}) {error}", attribute.Name));
        }
        return found;
    }

    /// <summary>Every type of the assembly; when some fail to load, the loadable ones plus one problem naming the cause.</summary>
    private static IEnumerable<Type> LoadableTypes(PluginAssembly source, ICollection<PluginProblem> problems)
    {
        try
        {
            return source.Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var causes = e.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(3);
            problems.Add(new PluginProblem(source.Path,
                $"Some types could not be loaded ({string.Join("; ", causes)}). A dependency is missing or was built for another version; " +
                "rebuild the plugin against this host's packages and keep its private dependencies in its folder."));
            return e.Types.Where(t => t is not null).Select(t => t!);
        }
    }

    /// <summary>Why the class cannot be a plugin, or null (then <paramref name="kind"/> is its kind).</summary>
    private static string? Validate(Type type, PluginAttribute attribute, out PluginKind kind)
    {
        kind = default;
        if (attribute.Name == PluginNames.None)
            return $"uses the reserved name '{PluginNames.None}' (it means \"no plugin\"). Choose another name.";
        if (!PluginNames.IsValid(attribute.Name))
            return "has an invalid name: names are lower snake case, 1-64 characters, matching ^[a-z][a-z0-9_]*$ (e.g. 'mel_l1'). Rename it.";
        if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters)
            return "must be a concrete, non-generic class. Put [Plugin] on the class the host should construct.";

        var kinds = PluginKinds.Implemented(type);
        if (kinds.Count == 0)
            return $"implements no extension point. Implement one of {PluginKinds.ContractList}.";
        if (kinds.Count > 1)
            return $"implements {kinds.Count} extension points ({string.Join(", ", kinds.Select(PluginKinds.DisplayName))}); " +
                   "a plugin class has exactly one kind. Split it into one class per kind.";
        kind = kinds[0];

        if (attribute.Options is { } options && (!options.IsClass || options.IsAbstract || options.GetConstructor(Type.EmptyTypes) is null))
            return $"declares Options = {options.FullName}, which needs to be a concrete class with a public parameterless constructor " +
                   "so it can be bound from configuration.";
        return null;
    }
}
