using MyXtts.Abstractions.Plugins;

namespace MyXtts.TestPlugins.Broken;

/// <summary>Marked as a plugin but implements no extension point.</summary>
[Plugin("no_contract")]
public sealed class NoContract
{
}
