using MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Embedding;

/// <summary>
/// Coqui's <c>compute_embedding(x, num_frames=250, num_eval=10)</c> for one clip: 10 windows of 250 hops at
/// <c>int</c>-truncated <c>linspace</c> offsets (the whole clip when shorter), embedded with <c>inference</c> (l2-normed)
/// and averaged — the mean is <b>not</b> renormalised. Windows that start at the same offset are embedded once.
/// </summary>
internal static class WindowedEmbedding
{
    public const int NumFrames = 250, NumEval = 10;

    /// <summary>The distinct window offsets and how many of the 10 windows start at each.</summary>
    public static (long Offset, int Count)[] Offsets(long length, long windowLength)
    {
        long span = length - windowLength;
        double step = span / (double)(NumEval - 1);
        // numpy.linspace: i * step, the last element exactly the end; then int() truncates each.
        return Enumerable.Range(0, NumEval)
            .Select(i => i == NumEval - 1 ? span : (long)(i * step))
            .GroupBy(o => o).Select(g => (g.Key, g.Count())).ToArray();
    }

    /// <summary>The window length for a clip: 250 × hop samples (torch front end), else 250 — capped at the clip.</summary>
    public static long WindowLength(long length, int hopLength, bool inSamples) => Math.Min(length, inSamples ? (long)NumFrames * hopLength : NumFrames);

    /// <summary>
    /// For a waveform network: [T] clip → [proj_dim]. The reference's quirk for feature networks (<c>x</c> is
    /// [1, mels, T], so the windows slice the mel axis and all ten are the full input) is <see cref="WholeInput"/>.
    /// </summary>
    public static Tensor Waveform(CoquiSpeakerNetwork network, Tensor clip, int hopLength)
    {
        using var scope = NewDisposeScope();
        long length = clip.shape[0], window = WindowLength(length, hopLength, inSamples: true);
        var offsets = Offsets(length, window);
        var windows = stack(offsets.Select(o => clip.narrow(0, o.Offset, window)));      // [distinct, window]
        var embeddings = network.Inference(windows);                                       // [distinct, D]
        var counts = tensor(offsets.Select(o => (float)o.Count).ToArray(), device: clip.device).unsqueeze(1);
        return ((embeddings * counts).sum(dim: 0) / NumEval).MoveToOuterDisposeScope();
    }

    /// <summary>For a feature network: [mels, frames] → [proj_dim], the l2-normed embedding of the whole input.</summary>
    public static Tensor WholeInput(CoquiSpeakerNetwork network, Tensor features)
    {
        using var scope = NewDisposeScope();
        return network.Inference(features.unsqueeze(0))[0].MoveToOuterDisposeScope();
    }
}
