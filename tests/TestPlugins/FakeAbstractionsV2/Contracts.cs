namespace MyXtts.Abstractions.Plugins
{
    /// <summary>The v2 spelling of the plugin marker (same name, incompatible assembly).</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PluginAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
    }
}

namespace MyXtts.Abstractions.Losses
{
    /// <summary>A v2 loss contract that v1 hosts do not know.</summary>
    public interface ILossTerm
    {
        double Compute(IReadOnlyDictionary<string, double> inputs);
    }
}
