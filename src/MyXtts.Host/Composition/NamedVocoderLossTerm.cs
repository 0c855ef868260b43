using MyXtts.Abstractions.Vocoders.Training;

namespace MyXtts.Host.Composition;

/// <summary>A selected vocoder loss term and the name its weight and logs are keyed by.</summary>
public sealed record NamedVocoderLossTerm(string Name, IVocoderLossTerm Term);
