using System.Diagnostics;
using MyXtts.Abstractions.Audio;
using MyXtts.Abstractions.Vocoders;
using TorchSharp;

/// <summary>
/// A vocoder that adds up the time its inner vocoder spends in <see cref="Synthesize"/>, so the synthesizer's total can
/// be split into acoustic model and vocoder (CPU ops are synchronous: the call's wall time is the vocoder's work).
/// </summary>
internal sealed class TimedVocoder(string name, IVocoder inner) : IVocoder
{
    private readonly Stopwatch _clock = new();

    public string Name { get; } = name;

    /// <summary>Seconds spent in the inner vocoder since the last <see cref="Reset"/>.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    public void Reset() => _clock.Reset();

    public MelSettings Mel => inner.Mel;

    public void LoadWeights(string path) => inner.LoadWeights(path);

    public torch.Tensor Synthesize(torch.Tensor logMel)
    {
        _clock.Start();
        try { return inner.Synthesize(logMel); }
        finally { _clock.Stop(); }
    }

    public void Dispose() => inner.Dispose();
}
