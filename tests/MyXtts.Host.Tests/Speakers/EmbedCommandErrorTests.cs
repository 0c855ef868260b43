using System.Text;
using MyXtts.Host.Tests.Plugins;

namespace MyXtts.Host.Tests.Speakers;

/// <summary><c>myxtts embed</c>'s error paths: each needs no fixture checkpoint and must say what is wrong and how to fix it.</summary>
public sealed class EmbedCommandErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbedRun _embed;
    private readonly string _tone;

    public EmbedCommandErrorTests()
    {
        _embed = new EmbedRun(_dir.Combine("runs"));
        _tone = TestClips.Tone(_dir.Path, "tone.wav", 180);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_unknown_encoder_type_fails_before_any_work_and_suggests_the_nearest_name()
    {
        var result = _embed.Invoke("--speaker-encoder-type", "ecapa", "--speaker-encoder-path", _tone, _tone);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("model.speaker_encoder_type = 'ecapa' (flag --speaker-encoder-type)", result.Error);
        Assert.Contains("Did you mean 'ecapa_tdnn'?", result.Error);
        Assert.False(Directory.Exists(_dir.Combine("runs")));
    }

    [Fact]
    public void A_plugin_of_another_kind_is_not_accepted_as_speaker_encoder()
    {
        var result = _embed.Invoke("--speaker-encoder-type", "griffin_lim", "--speaker-encoder-path", _tone, _tone);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'griffin_lim' is a vocoder, not a speaker encoder", result.Error);
    }

    [Fact]
    public void A_missing_checkpoint_file_is_reported_with_its_path_and_the_flag()
    {
        var missing = _dir.Combine("nowhere", "embedding_model.ckpt");

        var result = _embed.Invoke("--speaker-encoder-path", missing, _tone);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Speaker encoder checkpoint '{missing}' (model.speaker_encoder_path, flag --speaker-encoder-path) does not exist", result.Error);
    }

    [Fact]
    public void Without_a_checkpoint_the_command_asks_for_speaker_encoder_path()
    {
        var result = _embed.Invoke(_tone);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No weights for speaker encoder 'ecapa_tdnn': give --speaker-encoder-path FILE", result.Error);
    }

    [Fact]
    public void An_unreadable_audio_file_is_reported_with_the_file_and_the_cause()
    {
        var bad = _dir.Combine("notes.wav");
        File.WriteAllText(bad, "these are not samples");

        var result = _embed.Invoke("--speaker-encoder-path", _tone, _tone, bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Cannot read audio file {bad}: ", result.Error);
    }

    [Fact]
    public void A_checkpoint_that_carries_code_is_refused_with_the_security_message_and_never_run()
    {
        var evil = _dir.Combine("evil.ckpt");
        var marker = _dir.Combine("pwned");
        File.WriteAllBytes(evil, PosixSystemPickle("touch " + marker));

        var result = _embed.Invoke("--speaker-encoder-path", evil, _tone);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Refused an unsafe checkpoint for speaker encoder 'ecapa_tdnn'", result.Error);
        Assert.Contains("which is code, not data", result.Error);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Verify_needs_exactly_two_files()
    {
        var result = _embed.Invoke("--speaker-encoder-path", _tone, "--verify", _tone, _tone, _tone);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--verify compares exactly two files; 3 given", result.Error);
    }

    [Fact]
    public void A_threshold_without_verify_is_rejected_rather_than_ignored()
    {
        var result = _embed.Invoke("--speaker-encoder-path", _tone, "--threshold", "0.5", _tone, _tone);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--threshold only applies to --verify", result.Error);
    }

    /// <summary>Protocol-2 pickle of <c>posix.system(command)</c>: what <c>torch.load</c> of an untrusted file would run.</summary>
    private static byte[] PosixSystemPickle(string command)
    {
        var bytes = new List<byte> { 0x80, 0x02 };                          // PROTO 2
        bytes.AddRange(Encoding.ASCII.GetBytes("cposix\nsystem\n"));        // GLOBAL
        var arg = Encoding.UTF8.GetBytes(command);
        bytes.Add((byte)'X');                                               // BINUNICODE
        bytes.AddRange(BitConverter.GetBytes(arg.Length));
        bytes.AddRange(arg);
        bytes.AddRange([0x85, (byte)'R', (byte)'.']);                       // TUPLE1, REDUCE, STOP
        return [.. bytes];
    }
}
