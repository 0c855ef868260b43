namespace MyXtts.Core.Runtime;

/// <summary>The requested device, precision or thread settings cannot be used here. The message names the key and the fix.</summary>
public sealed class RuntimeSetupException(string message) : Exception(message);
