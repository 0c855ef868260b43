using System.Buffers.Binary;
using System.Text;

namespace MyXtts.Checkpoints.Tests.TestSupport;

/// <summary>Writes pickle opcodes by hand, so tests can build exactly the (valid, hostile or broken) pickles they need.</summary>
public sealed class PickleBuilder
{
    private readonly MemoryStream _bytes = new();

    /// <summary>Any raw bytes.</summary>
    public PickleBuilder Raw(params byte[] bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    /// <summary>PROTO n.</summary>
    public PickleBuilder Proto(byte version = 2) => Raw(0x80, version);

    /// <summary>GLOBAL "module\nname\n".</summary>
    public PickleBuilder Global(string module, string name) => Raw((byte)'c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    /// <summary>BINUNICODE.</summary>
    public PickleBuilder Str(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        return Raw((byte)'X').Raw(length).Raw(utf8);
    }

    /// <summary>BININT (32-bit) or LONG1 for larger values.</summary>
    public PickleBuilder Int(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            return Raw((byte)'J').Raw(bytes);
        }
        var wide = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(wide, value);
        return Raw(0x8a, 8).Raw(wide);
    }

    /// <summary>A tuple of ints: MARK ints TUPLE.</summary>
    public PickleBuilder IntTuple(params long[] values)
    {
        Mark();
        foreach (var v in values) Int(v);
        return Tuple();
    }

    /// <summary>MARK.</summary>
    public PickleBuilder Mark() => Raw((byte)'(');

    /// <summary>TUPLE (from the mark).</summary>
    public PickleBuilder Tuple() => Raw((byte)'t');

    /// <summary>EMPTY_TUPLE.</summary>
    public PickleBuilder EmptyTuple() => Raw((byte)')');

    /// <summary>EMPTY_DICT.</summary>
    public PickleBuilder EmptyDict() => Raw((byte)'}');

    /// <summary>REDUCE.</summary>
    public PickleBuilder Reduce() => Raw((byte)'R');

    /// <summary>SETITEM.</summary>
    public PickleBuilder SetItem() => Raw((byte)'s');

    /// <summary>SETITEMS (from the mark).</summary>
    public PickleBuilder SetItems() => Raw((byte)'u');

    /// <summary>BINPERSID.</summary>
    public PickleBuilder BinPersId() => Raw((byte)'Q');

    /// <summary>NONE.</summary>
    public PickleBuilder None() => Raw((byte)'N');

    /// <summary>NEWTRUE / NEWFALSE.</summary>
    public PickleBuilder Bool(bool value) => Raw(value ? (byte)0x88 : (byte)0x89);

    /// <summary>STOP.</summary>
    public PickleBuilder Stop() => Raw((byte)'.');

    /// <summary>The bytes so far.</summary>
    public byte[] Build() => _bytes.ToArray();
}
