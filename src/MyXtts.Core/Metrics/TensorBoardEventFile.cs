using System.Buffers.Binary;
using Google.Protobuf;
using Tensorboard;
using TorchSharp.Utils;

namespace MyXtts.Core.Metrics;

/// <summary>
/// One TensorBoard event file (<c>events.out.tfevents.&lt;seconds&gt;.&lt;host&gt;.&lt;pid&gt;.&lt;n&gt;.myxtts</c>): TFRecord framing
/// (uint64 length, masked CRC-32C of the length, the serialized <see cref="Event"/>, masked CRC-32C of the bytes) around
/// TorchSharp's generated TensorBoard protobuf messages. The file stays open and each event is flushed, so TensorBoard
/// reads a live run and a killed run keeps everything written before the kill.
/// </summary>
internal sealed class TensorBoardEventFile : IDisposable
{
    private static int _files;
    private readonly FileStream _stream;

    public TensorBoardEventFile(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        Path = System.IO.Path.Combine(directory, $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _files)}.myxtts");
        _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        Write(new Event { FileVersion = "brain.Event:2", WallTime = Seconds(now) });
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    /// <summary>Appends one event holding <paramref name="summary"/> at <paramref name="step"/>, stamped with the current time.</summary>
    public void Write(long step, Summary summary) => Write(new Event { Step = step, WallTime = Seconds(DateTimeOffset.UtcNow), Summary = summary });

    private void Write(Event evnt)
    {
        var data = evnt.ToByteArray();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.LongLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8].ToArray()));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        _stream.Write(header);
        _stream.Write(data);
        _stream.Write(footer);
        _stream.Flush();
    }

    /// <summary>TFRecord's masked CRC-32C: rotate right by 15 bits and add a constant.</summary>
    internal static uint MaskedCrc(byte[] data)
    {
        var crc = CRC32C.process(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }

    /// <summary>Seconds since the Unix epoch as a double (TensorBoard's wall time), to the millisecond.</summary>
    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    public void Dispose() => _stream.Dispose();
}
