using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Audio.Resampling;

/// <summary>
/// Band-limited polyphase resampling (windowed sinc, as torchaudio.functional.resample) as one strided conv1d, so it
/// runs wherever the waveform lives (CPU or GPU). Rates are reduced by their gcd; the output has
/// <c>ceil(n · new / old)</c> samples. Kernels are cached per rate pair, device and dtype; dispose the resampler to free them.
/// </summary>
public sealed class SincResampler : IDisposable
{
    private readonly ConcurrentDictionary<(int Orig, int New, string Device, ScalarType Type), Lazy<(Tensor Kernel, int Width)>> _kernels = new();

    /// <summary>Creates a resampler; <paramref name="options"/> default to torchaudio's (Hann, width 6, rolloff 0.99).</summary>
    public SincResampler(ResamplerOptions? options = null)
    {
        Options = options ?? new ResamplerOptions();
        Options.Validate();
    }

    /// <summary>The filter settings.</summary>
    public ResamplerOptions Options { get; }

    /// <summary>Output length for <paramref name="samples"/> input samples: ceil(n · to / from).</summary>
    public static long OutputLength(long samples, int fromRate, int toRate)
    {
        int g = Gcd(fromRate, toRate);
        long orig = fromRate / g, @new = toRate / g;
        return (samples * @new + orig - 1) / orig;
    }

    /// <summary>
    /// Resamples the last dimension of <paramref name="waveform"/> ([..., T], float32 or float64) from
    /// <paramref name="fromRate"/> to <paramref name="toRate"/> Hz. Returns a new tensor in the caller's dispose scope
    /// (an alias of the input when the rates are equal).
    /// </summary>
    public Tensor Resample(Tensor waveform, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRate, 1);
        if (!waveform.is_floating_point())
            throw new ArgumentException($"Resampling needs a float32/float64 waveform, got {waveform.dtype}.", nameof(waveform));
        if (fromRate == toRate) return waveform.alias();
        int g = Gcd(fromRate, toRate);
        int orig = fromRate / g, @new = toRate / g;
        var (kernel, width) = Kernel(orig, @new, waveform.device, waveform.dtype);
        using var scope = NewDisposeScope();
        var shape = waveform.shape;
        long length = shape[^1];
        var flat = waveform.reshape(-1, length);                                     // [N, T]
        var padded = nn.functional.pad(flat, [width, width + orig]);                 // [N, T + 2·width + orig]
        var phases = nn.functional.conv1d(padded.unsqueeze(1), kernel, stride: orig); // [N, new, frames]
        var interleaved = phases.transpose(1, 2).reshape(flat.shape[0], -1);        // [N, frames · new]
        var output = interleaved[.., ..(int)OutputLength(length, fromRate, toRate)];
        var outShape = shape.ToArray();
        outShape[^1] = output.shape[1];
        return output.reshape(outShape).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Resamples mono float samples on the CPU.</summary>
    public float[] Resample(float[] samples, int fromRate, int toRate)
    {
        if (fromRate == toRate) return (float[])samples.Clone();
        using var scope = NewDisposeScope();
        return Resample(tensor(samples), fromRate, toRate).data<float>().ToArray();
    }

    /// <summary>Frees the cached kernels.</summary>
    public void Dispose()
    {
        foreach (var lazy in _kernels.Values)
            if (lazy.IsValueCreated) lazy.Value.Kernel.Dispose();
        _kernels.Clear();
    }

    private (Tensor Kernel, int Width) Kernel(int orig, int @new, Device device, ScalarType type) =>
        _kernels.GetOrAdd((orig, @new, device.ToString(), type), key => new(() =>
        {
            // Lazy: concurrent first calls build the kernel once instead of leaking a duplicate.
            var (weights, taps, width) = SincKernel.Build(key.Orig, key.New, Options);
            var kernel = tensor(weights, [key.New, 1, taps], type, device).DetachFromDisposeScope();   // cached: outlives the caller's scope
            return (kernel, width);
        })).Value;

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
