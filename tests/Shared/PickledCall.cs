using System.Text;

namespace MyXtts.Tests.Shared;

/// <summary>Hand-assembled legacy-format pickles, for refusal tests.</summary>
public static class PickledCall
{
    /// <summary>
    /// Protocol 2: <c>posix.system(command)</c> — what <c>torch.load</c> of an untrusted file would run (GLOBAL, the
    /// argument tuple, REDUCE, STOP).
    /// </summary>
    public static byte[] PosixSystem(string command)
    {
        var bytes = new List<byte> { 0x80, 0x02 };                         // PROTO 2
        bytes.AddRange(Encoding.ASCII.GetBytes("cposix\nsystem\n"));       // GLOBAL
        var arg = Encoding.UTF8.GetBytes(command);
        bytes.Add((byte)'X');                                               // BINUNICODE
        bytes.AddRange(BitConverter.GetBytes(arg.Length));
        bytes.AddRange(arg);
        bytes.Add(0x85);                                                    // TUPLE1
        bytes.Add((byte)'R');                                               // REDUCE
        bytes.Add((byte)'.');                                               // STOP
        return [.. bytes];
    }
}
