namespace MyXtts.Host.Speakers;

/// <summary>A problem with the input of <c>myxtts embed</c> (weights, audio, threshold); the message says what to fix.</summary>
public sealed class EmbedException(string message, Exception? inner = null) : Exception(message, inner);
