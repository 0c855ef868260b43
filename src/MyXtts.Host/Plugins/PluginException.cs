namespace MyXtts.Host.Plugins;

/// <summary>
/// A plugin cannot be used for this run: unknown name, conflicting selection, bad options, or a constructor that
/// threw. Raised while composing a run, before any work starts; the message says what to change.
/// </summary>
public sealed class PluginException(string message, Exception? inner = null) : Exception(message, inner);
