using System.Buffers.Binary;
using MyXtts.Abstractions.Metrics;
using MyXtts.Abstractions.Plugins;
using MyXtts.Core.Metrics;
using MyXtts.Core.Reporting.Images;
using Tensorboard;

namespace MyXtts.Core.Tests.Metrics;

public sealed class TensorBoardMetricsSinkTests
{
    [Fact]
    public void Scalars_images_and_audio_are_framed_events_with_valid_checksums_and_the_fields_tensorboard_reads()
    {
        using var dir = new TempDirectory();
        var png = MelImage.Png(new float[80, 20]);
        var audio = Enumerable.Range(0, 2205).Select(i => (float)(0.5 * Math.Sin(i * 0.1))).ToArray();
        using (IMetricsSink sink = new TensorBoardMetricsSink(new RunContext(dir.Path, "r1")))
        {
            sink.WriteScalars(3, new Dictionary<string, double> { ["train/mel_loss"] = 0.5, ["train/lr"] = 1e-4 });
            sink.WriteImage(4, "samples/a/mel", png);
            sink.WriteAudio(4, "samples/a/audio", audio, 22050);
        }

        var events = ReadEvents(Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, TensorBoardMetricsSink.FolderName), "events.out.tfevents.*")));

        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.True(events[0].WallTime > 1.7e9, "wall time is seconds since the Unix epoch");
        var scalars = events[1].Summary.Value.ToDictionary(v => v.Tag, v => v.SimpleValue);
        Assert.Equal((3L, 0.5f, 1e-4f), (events[1].Step, scalars["train/mel_loss"], scalars["train/lr"]));
        var image = Assert.Single(events[2].Summary.Value);
        Assert.Equal(("samples/a/mel", 4L), (image.Tag, events[2].Step));
        Assert.Equal(png, image.Image.EncodedImageString.ToByteArray());
        Assert.True(image.Image.Width > 0 && image.Image.Height > 0);
        var sound = Assert.Single(events[3].Summary.Value).Audio;
        Assert.Equal((22050f, 1L, 2205L, "audio/wav"), (sound.SampleRate, sound.NumChannels, sound.LengthFrames, sound.ContentType));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(sound.EncodedAudioString.ToByteArray(), 0, 4));
    }

    [Fact]
    public void The_record_checksum_is_tfrecords_masked_crc32c()
    {
        // CRC-32C("123456789") = 0xE3069283 (RFC 3720 check value); masked: rotate right 15, add 0xA282EAD8.
        Assert.Equal(0xC78AB0E5u, TensorBoardEventFile.MaskedCrc("123456789"u8.ToArray()));
    }

    [Fact]
    public void A_sink_without_image_support_ignores_images_and_audio()
    {
        using var dir = new TempDirectory();
        using IMetricsSink sink = new JsonlMetricsSink(new RunContext(dir.Path, "r1"));

        sink.WriteImage(1, "samples/a/mel", new byte[] { 1, 2, 3 });
        sink.WriteAudio(1, "samples/a/audio", new float[10], 22050);

        Assert.Equal(0, new FileInfo(Path.Combine(dir.Path, JsonlMetricsSink.FileName)).Length);
    }

    /// <summary>Reads TFRecord framing back, checking both masked CRC-32Cs of every record.</summary>
    private static List<Event> ReadEvents(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            Assert.Equal(TensorBoardEventFile.MaskedCrc(bytes[offset..(offset + 8)]), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8)));
            var data = bytes[(offset + 12)..(offset + 12 + length)];
            Assert.Equal(TensorBoardEventFile.MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + length)));
            events.Add(Event.Parser.ParseFrom(data));
            offset += 12 + length + 4;
        }
        return events;
    }
}
