using MyXtts.Abstractions.Losses;

namespace MyXtts.Host.Composition;

/// <summary>A selected loss term and the name its weight and logs are keyed by.</summary>
public sealed record NamedLossTerm(string Name, ILossTerm Term);
