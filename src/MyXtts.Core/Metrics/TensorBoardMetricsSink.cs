using Google.Protobuf;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Audio.Wav;
using Tensorboard;

namespace MyXtts.Core.Metrics;

/// <summary>
/// TensorBoard event files in <c>&lt;run&gt;/tensorboard</c>: one scalar series per name (<c>train/mel_loss</c>,
/// <c>train/w_mel_loss</c>, <c>train/lr</c>, <c>train/grad_norm</c>…), PNG images (Images tab: mel and alignment
/// plots) and WAV audio (Audio tab: validation samples). View with <c>tensorboard --logdir runs</c>.
/// Events go through <see cref="TensorBoardEventFile"/> with TorchSharp's TensorBoard protobuf messages rather than
/// TorchSharp's <c>SummaryWriter</c>: that writer has no audio and no encoded-image call (its <c>add_img</c> decodes a file
/// through SkiaSharp 2.88 APIs), stores wall time as a float (128 s resolution today), and a second file beside it
/// in the same folder would stop TensorBoard's live reload of the first (it follows only the newest file).
/// </summary>
[Plugin("tensorboard", Summary = "TensorBoard event files in <run>/tensorboard: scalars, mel/alignment images, audio samples (built-in)")]
public sealed class TensorBoardMetricsSink(RunContext run) : IMetricsSink
{
    /// <summary>The folder in the run folder.</summary>
    public const string FolderName = "tensorboard";

    private readonly TensorBoardEventFile _file = new(Path.Combine(run.RunDirectory, FolderName));

    /// <summary>The event-file folder.</summary>
    public string LogDirectory => Path.GetDirectoryName(_file.Path)!;

    public void WriteScalars(long step, IReadOnlyDictionary<string, double> scalars)
    {
        var summary = new Summary();
        foreach (var (name, value) in scalars) summary.Value.Add(new Summary.Types.Value { Tag = name, SimpleValue = (float)value });
        _file.Write(step, summary);
    }

    public void WriteImage(long step, string name, ReadOnlyMemory<byte> png)
    {
        var (width, height) = PngSize(png.Span);
        var image = new Summary.Types.Image { Width = width, Height = height, Colorspace = 4, EncodedImageString = ByteString.CopyFrom(png.Span) };   // 4 = RGBA
        _file.Write(step, new Summary { Value = { new Summary.Types.Value { Tag = name, Image = image } } });
    }

    public void WriteAudio(long step, string name, ReadOnlyMemory<float> samples, int sampleRate)
    {
        var wav = WavWriter.Encode(samples.Span, sampleRate);
        var audio = new Summary.Types.Audio
        {
            SampleRate = sampleRate, NumChannels = 1, LengthFrames = samples.Length, ContentType = "audio/wav",
            EncodedAudioString = ByteString.CopyFrom(wav),
        };
        _file.Write(step, new Summary { Value = { new Summary.Types.Value { Tag = name, Audio = audio } } });
    }

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian).</summary>
    private static (int Width, int Height) PngSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || png[1] != (byte)'P' || png[2] != (byte)'N' || png[3] != (byte)'G')
            throw new ArgumentException($"TensorBoard images must be PNG bytes; got {png.Length} bytes that are not a PNG.", nameof(png));
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[16..]), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[20..]));
    }

    public void Dispose() => _file.Dispose();
}
