using MyXtts.Plugins.SpeakerEncoders.Resemblyzer.Modules;
using static TorchSharp.torch;

namespace MyXtts.Plugins.SpeakerEncoders.Resemblyzer.FrontEnd;

/// <summary>
/// Resemblyzer's <c>embed_utterance</c> for a padded batch: each clip is cut into partial windows, all partials of all
/// clips go through the network in one batch, and each clip's embedding is the mean of its partial embeddings divided
/// by its L2 norm.
/// </summary>
internal sealed class UtteranceEmbedder(VoiceEncoderNetwork network, ResemblyzerMel mel, ResemblyzerOptions options)
{
    /// <summary>The windows of each clip, from the valid lengths.</summary>
    public IReadOnlyList<(int Start, int Stop)>[] SlicesFor(long[] lengths) =>
        lengths.Select(n => PartialSlices.Compute(n, options.PartialRate, options.MinCoverage)).ToArray();

    /// <summary>[B, T] waveforms at 16 kHz with [B] valid lengths → [B, 256] embeddings, in the caller's dispose scope.</summary>
    public Tensor Embed(Tensor waveforms, Tensor lengths)
    {
        long[] valid = ValidLengths(waveforms, lengths);
        var slices = SlicesFor(valid);
        long width = valid.Select((n, b) => PartialSlices.PaddedLength(n, slices[b])).Max();
        using var scope = NewDisposeScope();
        var lengthsOnDevice = tensor(valid, device: waveforms.device);
        var wav = ZeroPastLengths(waveforms.to(ScalarType.Float32), lengthsOnDevice);
        if (options.NormalizeVolume) wav = VolumeNormalizer.IncreaseOnly(wav, lengthsOnDevice, options.TargetDbfs);
        wav = width > wav.shape[1] ? nn.functional.pad(wav, [0, width - wav.shape[1]]) : wav[.., ..(int)width];
        var mels = mel.Forward(wav);                                            // [B, F, 40]
        var partials = stack(PartialMels(mels, slices));                        // [K, 160, 40]
        var partialEmbeds = network.call(partials);                              // [K, 256]
        var mean = matmul(AveragingMatrix(slices, waveforms.device), partialEmbeds);   // [B, 256]
        return (mean / mean.norm(1, keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>Every clip's partial mels, in clip order: mel[b, start:stop] for each window.</summary>
    public static IEnumerable<Tensor> PartialMels(Tensor mels, IReadOnlyList<(int Start, int Stop)>[] slices) =>
        slices.SelectMany((clip, b) => clip.Select(s => mels[b].narrow(0, s.Start, s.Stop - s.Start)));

    private static long[] ValidLengths(Tensor waveforms, Tensor lengths)
    {
        if (waveforms.dim() != 2 || lengths.dim() != 1 || lengths.shape[0] != waveforms.shape[0])
            throw new ArgumentException(
                $"Embed takes waveforms [batch, samples] and lengths [batch]; got [{string.Join(", ", waveforms.shape)}] and " +
                $"[{string.Join(", ", lengths.shape)}].");
        using var cpu = lengths.to(ScalarType.Int64).cpu();
        long[] valid = cpu.data<long>().ToArray();
        if (valid.Any(n => n <= 0 || n > waveforms.shape[1]))
            throw new ArgumentException(
                $"Each length must lie in 1..{waveforms.shape[1]} (the padded width); got [{string.Join(", ", valid)}].");
        return valid;
    }

    private static Tensor ZeroPastLengths(Tensor waveforms, Tensor lengths)
    {
        var positions = arange(waveforms.shape[1], device: waveforms.device).unsqueeze(0);   // [1, T]
        return where(positions < lengths.unsqueeze(1), waveforms, zeros_like(waveforms));
    }

    // [B, K] with 1/k_b over clip b's own partials: one matmul averages every clip.
    private static Tensor AveragingMatrix(IReadOnlyList<(int Start, int Stop)>[] slices, Device device)
    {
        int total = slices.Sum(s => s.Count), column = 0;
        var weights = new float[slices.Length * total];
        for (int b = 0; b < slices.Length; b++)
            for (int k = 0; k < slices[b].Count; k++) weights[b * total + column++] = 1f / slices[b].Count;
        return tensor(weights, [slices.Length, total]).to(device);
    }
}
