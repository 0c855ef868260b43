namespace MyXtts.Core.IO;

/// <summary>A <c>.npy</c> file that cannot be read: the message names the file and what is wrong with it.</summary>
public sealed class NpyFormatException(string message, Exception? inner = null) : Exception(message, inner);
