namespace MyXtts.Abstractions.Plugins;

/// <summary>
/// Marks a class as a MyXtts plugin and gives it the name users select it by (<c>--plugin NAME</c>).
/// The kind (speaker encoder, vocoder, loss term, profiler, metrics sink) is inferred from the contract the
/// class implements, so the name is the only thing a plugin declares about itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PluginAttribute(string name) : Attribute
{
    /// <summary>Unique across all kinds; lower snake case (<c>^[a-z][a-z0-9_]*$</c>); "none" is reserved.</summary>
    public string Name { get; } = name;

    /// <summary>One line shown by <c>myxtts plugins list</c>.</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// Optional options type, bound from the configuration section <c>plugins:&lt;name&gt;</c> and handed to the
    /// plugin's constructor. Unknown keys in that section are errors.
    /// </summary>
    public Type? Options { get; init; }
}
