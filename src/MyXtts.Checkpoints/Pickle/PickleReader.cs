using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MyXtts.Checkpoints.Pickle;

/// <summary>
/// A restricted pickle interpreter (protocols 0–5, the opcodes Python emits for plain data and PyTorch state dicts).
/// It never imports or calls anything itself: every global goes through <see cref="IPickleEnvironment.ResolveGlobal"/>,
/// which allows only data constructors, and instance-building opcodes (INST, OBJ, extension codes, out-of-band buffers)
/// are refused. Values: None → null, bool, int → long (or <see cref="BigInteger"/>), float → double, str → string,
/// bytes → byte[], list → <see cref="List{T}"/> of object?, tuple → <see cref="PickleTuple"/>, dict → <see cref="PickleDict"/>,
/// set → <see cref="HashSet{T}"/> of object?, plus whatever the environment's constructors return (tensors).
/// </summary>
public sealed class PickleReader
{
    private readonly Stream _stream;
    private readonly string _file;
    private readonly IPickleEnvironment _environment;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];

    private PickleReader(Stream stream, string file, IPickleEnvironment environment)
    {
        _stream = stream;
        _file = file;
        _environment = environment;
    }

    /// <summary>Reads one pickle from the current position of <paramref name="stream"/> up to and including its STOP opcode.</summary>
    /// <param name="stream">Positioned at the pickle; left just after it (legacy checkpoints hold several pickles in a row).</param>
    /// <param name="file">The file name used in error messages.</param>
    /// <param name="environment">The allowlist of globals and the persistent-id resolver.</param>
    public static object? Read(Stream stream, string file, IPickleEnvironment environment) =>
        new PickleReader(stream, file, environment).Run();

    private object? Run()
    {
        while (true)
        {
            int op = _stream.ReadByte();
            if (op < 0) throw Format("the pickle ends before its STOP opcode (file truncated?)");
            if (op == PickleOpcodes.Stop)
            {
                if (_stack.Count != 1) throw Format($"STOP with {_stack.Count} values on the stack");
                return _stack[0];
            }
            Execute((byte)op);
        }
    }

    private void Execute(byte op)
    {
        switch (op)
        {
            case PickleOpcodes.Proto: ReadByte(); break;   // any protocol: unknown opcodes fail below
            case PickleOpcodes.Frame: ReadBytes(8); break; // a framing hint only
            case PickleOpcodes.Mark: _marks.Push(_stack.Count); break;
            case PickleOpcodes.Pop: Pop(); break;
            case PickleOpcodes.PopMark: PopMark(); break;
            case PickleOpcodes.Dup: Push(Peek()); break;
            case PickleOpcodes.None: Push(null); break;
            case PickleOpcodes.NewTrue: Push(true); break;
            case PickleOpcodes.NewFalse: Push(false); break;
            case PickleOpcodes.Int: Push(ParseTextInt(ReadLine())); break;
            case PickleOpcodes.BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break;
            case PickleOpcodes.BinInt1: Push((long)ReadByte()); break;
            case PickleOpcodes.BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break;
            case PickleOpcodes.Long: Push(Normalize(BigInteger.Parse(ReadLine().TrimEnd('L'), CultureInfo.InvariantCulture))); break;
            case PickleOpcodes.Long1: Push(ReadLittleEndianInteger(ReadByte())); break;
            case PickleOpcodes.Long4: Push(ReadLittleEndianInteger(ReadLength(4))); break;
            case PickleOpcodes.Float: Push(double.Parse(ReadLine(), CultureInfo.InvariantCulture)); break;
            case PickleOpcodes.BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break;
            case PickleOpcodes.String: Push(ParseQuotedString(ReadLine())); break;
            case PickleOpcodes.BinString: Push(Encoding.Latin1.GetString(ReadBytes(ReadLength(4)))); break;
            case PickleOpcodes.ShortBinString: Push(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break;
            case PickleOpcodes.BinBytes: Push(ReadBytes(ReadLength(4))); break;
            case PickleOpcodes.ShortBinBytes: Push(ReadBytes(ReadByte())); break;
            case PickleOpcodes.BinBytes8: Push(ReadBytes(ReadLength(8))); break;
            case PickleOpcodes.ByteArray8: Push(ReadBytes(ReadLength(8))); break;
            case PickleOpcodes.Unicode: Push(DecodeRawUnicodeEscape(ReadLine())); break;
            case PickleOpcodes.BinUnicode: Push(Encoding.UTF8.GetString(ReadBytes(ReadLength(4)))); break;
            case PickleOpcodes.ShortBinUnicode: Push(Encoding.UTF8.GetString(ReadBytes(ReadByte()))); break;
            case PickleOpcodes.BinUnicode8: Push(Encoding.UTF8.GetString(ReadBytes(ReadLength(8)))); break;
            case PickleOpcodes.EmptyList: Push(new List<object?>()); break;
            case PickleOpcodes.List: Push(PopMark()); break;
            case PickleOpcodes.Append: AppendTo(Peek(1), [Pop()]); break;
            case PickleOpcodes.Appends: { var items = PopMark(); AppendTo(Peek(), items); break; }
            case PickleOpcodes.EmptyTuple: Push(PickleTuple.Empty); break;
            case PickleOpcodes.Tuple: Push(new PickleTuple(PopMark())); break;
            case PickleOpcodes.Tuple1: Push(PopTuple(1)); break;
            case PickleOpcodes.Tuple2: Push(PopTuple(2)); break;
            case PickleOpcodes.Tuple3: Push(PopTuple(3)); break;
            case PickleOpcodes.EmptyDict: Push(new PickleDict()); break;
            case PickleOpcodes.Dict: { var dict = new PickleDict(); SetItems(dict, PopMark()); Push(dict); break; }
            case PickleOpcodes.SetItem: { var value = Pop(); var key = Pop(); SetItems(Peek(), [key, value]); break; }
            case PickleOpcodes.SetItems: { var items = PopMark(); SetItems(Peek(), items); break; }
            case PickleOpcodes.EmptySet: Push(new HashSet<object?>()); break;
            case PickleOpcodes.AddItems: { var items = PopMark(); AddTo(Peek(), items); break; }
            case PickleOpcodes.FrozenSet: Push(new HashSet<object?>(PopMark())); break;
            case PickleOpcodes.Get: Push(Recall(ParseMemoIndex(ReadLine()))); break;
            case PickleOpcodes.BinGet: Push(Recall(ReadByte())); break;
            case PickleOpcodes.LongBinGet: Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))); break;
            case PickleOpcodes.Put: _memo[ParseMemoIndex(ReadLine())] = Peek(); break;
            case PickleOpcodes.BinPut: _memo[ReadByte()] = Peek(); break;
            case PickleOpcodes.LongBinPut: _memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))] = Peek(); break;
            case PickleOpcodes.Memoize: _memo[_memo.Count] = Peek(); break;
            case PickleOpcodes.Global: Push(_environment.ResolveGlobal(ReadLine(), ReadLine())); break;
            case PickleOpcodes.StackGlobal: { var name = Pop(); var module = Pop(); Push(_environment.ResolveGlobal(AsString(module), AsString(name))); break; }
            case PickleOpcodes.Reduce: { var args = Pop(); var callable = Pop(); Push(Call(callable, args)); break; }
            case PickleOpcodes.NewObj: { var args = Pop(); var cls = Pop(); Push(Call(cls, args)); break; }
            case PickleOpcodes.NewObjEx: { var kwargs = Pop(); var args = Pop(); var cls = Pop(); RequireNoKeywords(cls, kwargs); Push(Call(cls, args)); break; }
            case PickleOpcodes.Build: { var state = Pop(); Build(Peek(), state); break; }
            case PickleOpcodes.PersId: Push(_environment.PersistentLoad(ReadLine())); break;
            case PickleOpcodes.BinPersId: Push(_environment.PersistentLoad(Pop())); break;
            case PickleOpcodes.Inst: throw CheckpointSecurityException.ForGlobal(_file, $"{ReadLine()}.{ReadLine()}");
            case PickleOpcodes.Obj: { var items = PopMark(); throw CheckpointSecurityException.ForGlobal(_file, items.Count > 0 ? PickleText.Describe(items[0]) : "an object constructor"); }
            case PickleOpcodes.Ext1 or PickleOpcodes.Ext2 or PickleOpcodes.Ext4:
                throw CheckpointSecurityException.ForGlobal(_file, "a copyreg extension code (a registered class)");
            case PickleOpcodes.NextBuffer or PickleOpcodes.ReadOnlyBuffer:
                throw Format("the pickle uses out-of-band buffers (protocol 5 PickleBuffer), which a saved file cannot carry");
            default: throw Format($"unknown pickle opcode 0x{op:x2} at byte {_stream.Position - 1}");
        }
    }

    private object? Call(object? callable, object? args)
    {
        if (callable is not PickleGlobal global)
            throw CheckpointSecurityException.ForGlobal(_file, $"a call of {PickleText.Describe(callable)}");
        if (args is not PickleTuple tuple) throw Format($"'{global.Name}' is called with {PickleText.TypeName(args)} arguments instead of a tuple");
        return global.Construct(tuple, _file);
    }

    private void RequireNoKeywords(object? cls, object? kwargs)
    {
        if (kwargs is PickleDict { Count: > 0 })
            throw Format($"NEWOBJ_EX with keyword arguments for {PickleText.Describe(cls)} is not supported");
    }

    private void Build(object? target, object? state)
    {
        // Plain objects restore their __dict__ from the state; for an OrderedDict state dict that is `_metadata`.
        if (target is PickleDict dict && state is PickleDict attributes)
        {
            foreach (var (key, value) in attributes) dict.Attributes[AsString(key)] = value;
            return;
        }
        if (state is null) return;
        throw Format($"BUILD sets state {PickleText.Describe(state)} on {PickleText.Describe(target)}, which plain data never needs");
    }

    private void AppendTo(object? target, List<object?> items)
    {
        if (target is not List<object?> list) throw Format($"APPEND(S) on {PickleText.TypeName(target)} instead of a list");
        list.AddRange(items);
    }

    private void AddTo(object? target, List<object?> items)
    {
        if (target is not HashSet<object?> set) throw Format($"ADDITEMS on {PickleText.TypeName(target)} instead of a set");
        foreach (var item in items) set.Add(item);
    }

    private void SetItems(object? target, List<object?> items)
    {
        if (target is not PickleDict dict) throw Format($"SETITEM(S) on {PickleText.TypeName(target)} instead of a dict");
        if (items.Count % 2 != 0) throw Format("SETITEMS with an odd number of values");
        for (int i = 0; i < items.Count; i += 2)
            dict.Set(items[i] ?? throw Format("a dict key is None, which this reader does not support"), items[i + 1]);
    }

    private PickleTuple PopTuple(int count)
    {
        if (_stack.Count < count) throw Format("stack underflow");
        var items = _stack.GetRange(_stack.Count - count, count);
        _stack.RemoveRange(_stack.Count - count, count);
        return new PickleTuple(items);
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Format("an opcode needs a MARK but none is set");
        int start = _marks.Pop();
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private void Push(object? value) => _stack.Add(value);

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? Peek(int depth = 0)
    {
        if (_stack.Count <= depth || (_marks.Count > 0 && _stack.Count - depth <= _marks.Peek()))
            throw Format("stack underflow");
        return _stack[^(depth + 1)];
    }

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw Format($"memo index {index} was never stored");

    private string AsString(object? value) => value as string ?? throw Format($"expected a str, found {PickleText.Describe(value)}");

    private byte ReadByte()
    {
        int b = _stream.ReadByte();
        return b < 0 ? throw Format("the pickle is truncated") : (byte)b;
    }

    private int ReadLength(int width)
    {
        var bytes = ReadBytes(width);
        ulong length = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (length > int.MaxValue || (_stream.CanSeek && (long)length > _stream.Length - _stream.Position))
            throw Format($"a length of {length} bytes runs past the end of the pickle");
        return (int)length;
    }

    private byte[] ReadBytes(int count)
    {
        if (_stream.CanSeek && count > _stream.Length - _stream.Position) throw Format("the pickle is truncated");
        var bytes = new byte[count];
        _stream.ReadExactly(bytes);
        return bytes;
    }

    private string ReadLine()
    {
        var bytes = new List<byte>();
        for (byte b = ReadByte(); b != (byte)'\n'; b = ReadByte())
        {
            if (bytes.Count > 1 << 20) throw Format("a text line in the pickle is longer than 1 MiB");
            bytes.Add(b);
        }
        return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
    }

    private object ReadLittleEndianInteger(int count)
    {
        var bytes = ReadBytes(count);
        return Normalize(new BigInteger(bytes, isUnsigned: false, isBigEndian: false));
    }

    private static object Normalize(BigInteger value) => value >= long.MinValue && value <= long.MaxValue ? (long)value : value;

    private object ParseTextInt(string text) => text switch
    {
        "00" => false,   // protocol 0 spells booleans as INT "00" / "01"
        "01" => true,
        _ => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : throw Format($"INT opcode with text '{text}'"),
    };

    private long ParseMemoIndex(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : throw Format($"memo index '{text}'");

    private string ParseQuotedString(string text)
    {
        if (text.Length < 2 || text[0] != text[^1] || (text[0] != '\'' && text[0] != '"'))
            throw Format("STRING opcode without quotes");
        return System.Text.RegularExpressions.Regex.Unescape(text[1..^1]);
    }

    private static string DecodeRawUnicodeEscape(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})", m =>
            char.ConvertFromUtf32(int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, NumberStyles.HexNumber)));

    private CheckpointFormatException Format(string problem) =>
        new($"'{Path.GetFileName(_file)}' is not a valid pickle: {problem}.");
}
