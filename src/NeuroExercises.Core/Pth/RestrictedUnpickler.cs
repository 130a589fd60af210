using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace NeuroExercises.Core.Pth;

/// <summary>
/// Interprets the pickle of a PyTorch state dict without running anything: only the opcodes a dict of tensors needs,
/// and only the globals in <see cref="AllowedGlobals"/>, which are never resolved to code but mapped to the values
/// below (OrderedDict → a dict, _rebuild_tensor_v2 → a <see cref="TensorRef"/>, storage classes → a storage type).
/// Anything else stops the read with a <see cref="DataFormatException"/> before any later byte is looked at.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private const string Refusal = "the file is refused because unpickling it could run code; only state dicts of tensors (torch.save(model.state_dict(), path)) are read";

    private static readonly HashSet<(string Module, string Name)> AllowedGlobals =
    [
        ("collections", "OrderedDict"),
        ("torch._utils", "_rebuild_tensor_v2"),
        ("torch._utils", "_rebuild_parameter"),
        .. PthStorageType.Known.Keys.Select(k => ("torch", k)),
    ];

    private static readonly object Mark = new();

    private readonly byte[] _data;
    private readonly string _source;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;

    private RestrictedUnpickler(byte[] data, int start, string source)
    {
        _data = data;
        _pos = start;
        _source = source;
    }

    /// <summary>Interprets <paramref name="pickle"/> and returns the top-level object.</summary>
    /// <param name="pickle">The bytes of data.pkl.</param>
    /// <param name="source">File and member for messages.</param>
    /// <returns>Dicts as <see cref="Dictionary{TKey, TValue}"/> in insertion order, tuples, lists, strings, longs, bools, null, tensor references.</returns>
    public static object? Load(byte[] pickle, string source) => new RestrictedUnpickler(pickle, 0, source).Run();

    /// <summary>Interprets one pickle that starts at <paramref name="start"/> (the legacy format chains several).</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="start">Byte offset of the pickle.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="end">Byte offset just after its STOP opcode.</param>
    /// <returns>The top-level object, as <see cref="Load(byte[], string)"/>.</returns>
    public static object? Load(byte[] data, int start, string source, out int end)
    {
        var unpickler = new RestrictedUnpickler(data, start, source);
        var result = unpickler.Run();
        end = unpickler._pos;
        return result;
    }

    private object? Run()
    {
        while (true)
        {
            if (_pos >= _data.Length)
            {
                throw Error(_pos, "pickle ends without a STOP opcode: the file is truncated");
            }

            var at = _pos;
            var op = _data[_pos++];
            switch (op)
            {
                case 0x80: // PROTO
                    var proto = ReadByte();
                    if (proto > 5)
                    {
                        throw Error(at, $"pickle protocol {proto} is not supported");
                    }

                    break;
                case 0x95: // FRAME: an 8-byte length hint, the frame's bytes follow inline.
                    Take(8);
                    break;
                case (byte)'.': // STOP
                    return Pop(at);
                case (byte)'(': // MARK
                    _marks.Push(_stack.Count);
                    _stack.Add(Mark);
                    break;
                case (byte)'}': // EMPTY_DICT
                    _stack.Add(new Dictionary<object, object?>());
                    break;
                case (byte)']': // EMPTY_LIST
                    _stack.Add(new List<object?>());
                    break;
                case (byte)')': // EMPTY_TUPLE
                    _stack.Add(new PickleTuple([]));
                    break;
                case (byte)'t': // TUPLE
                    _stack.Add(new PickleTuple(PopToMark(at)));
                    break;
                case 0x85: // TUPLE1
                case 0x86: // TUPLE2
                case 0x87: // TUPLE3
                    var n = op - 0x84;
                    var items = new object?[n];
                    for (var i = n - 1; i >= 0; i--)
                    {
                        items[i] = Pop(at);
                    }

                    _stack.Add(new PickleTuple(items));
                    break;
                case (byte)'J': // BININT
                    _stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                    break;
                case (byte)'K': // BININT1
                    _stack.Add((long)ReadByte());
                    break;
                case (byte)'M': // BININT2
                    _stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
                    break;
                case 0x8a: // LONG1
                    var bytes = Take(ReadByte());
                    var big = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
                    _stack.Add(big >= long.MinValue && big <= long.MaxValue ? (long)big : big);
                    break;
                case (byte)'G': // BINFLOAT
                    _stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8)));
                    break;
                case (byte)'X': // BINUNICODE
                    _stack.Add(ReadUtf8(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    _stack.Add(ReadUtf8(ReadByte(), at));
                    break;
                case 0x8d: // BINUNICODE8
                    _stack.Add(ReadUtf8(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)), at));
                    break;
                case 0x88: // NEWTRUE
                    _stack.Add(true);
                    break;
                case 0x89: // NEWFALSE
                    _stack.Add(false);
                    break;
                case (byte)'N': // NONE
                    _stack.Add(null);
                    break;
                case (byte)'q': // BINPUT
                    _memo[ReadByte()] = Peek(at);
                    break;
                case (byte)'r': // LONG_BINPUT
                    _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(at);
                    break;
                case 0x94: // MEMOIZE
                    _memo[_memo.Count] = Peek(at);
                    break;
                case (byte)'h': // BINGET
                    _stack.Add(Recall(ReadByte(), at));
                    break;
                case (byte)'j': // LONG_BINGET
                    _stack.Add(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at));
                    break;
                case (byte)'s': // SETITEM
                {
                    var value = Pop(at);
                    var key = Pop(at);
                    SetItems(Peek(at), [key, value], at);
                    break;
                }

                case (byte)'u': // SETITEMS
                {
                    var pairs = PopToMark(at);
                    SetItems(Peek(at), pairs, at);
                    break;
                }

                case (byte)'a': // APPEND
                {
                    var value = Pop(at);
                    AsList(Peek(at), at).Add(value);
                    break;
                }

                case (byte)'e': // APPENDS
                {
                    var values = PopToMark(at);
                    AsList(Peek(at), at).AddRange(values);
                    break;
                }

                case (byte)'c': // GLOBAL
                {
                    var module = ReadLine(at);
                    var name = ReadLine(at);
                    _stack.Add(CheckGlobal(module, name, at));
                    break;
                }

                case 0x93: // STACK_GLOBAL
                {
                    var name = Pop(at) as string ?? throw Error(at, "STACK_GLOBAL name is not a string");
                    var module = Pop(at) as string ?? throw Error(at, "STACK_GLOBAL module is not a string");
                    _stack.Add(CheckGlobal(module, name, at));
                    break;
                }

                case (byte)'R': // REDUCE
                {
                    var args = Pop(at) as PickleTuple ?? throw Error(at, "REDUCE arguments are not a tuple");
                    var callable = Pop(at);
                    _stack.Add(Reduce(callable, args, at));
                    break;
                }

                case (byte)'b': // BUILD: state for the object below (OrderedDict's _metadata); kept out, nothing is set.
                    Pop(at);
                    Peek(at);
                    break;
                case (byte)'Q': // BINPERSID
                    _stack.Add(PersistentLoad(Pop(at), at));
                    break;
                default:
                    throw Error(at, $"pickle opcode 0x{op:x2} ('{(op is >= 0x20 and < 0x7f ? (char)op : '?')}') is not one a state dict of tensors uses; {Refusal}");
            }
        }
    }

    private PickleGlobal CheckGlobal(string module, string name, int at) =>
        AllowedGlobals.Contains((module, name))
            ? new PickleGlobal(module, name)
            : throw Error(at, $"pickle global '{module} {name}' is not allowed; {Refusal}");

    private object Reduce(object? callable, PickleTuple args, int at)
    {
        switch (callable)
        {
            case PickleGlobal { Module: "collections", Name: "OrderedDict" } when args.Items.Count == 0:
                return new Dictionary<object, object?>();
            case PickleGlobal { Name: "_rebuild_tensor_v2" }:
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
                if (args.Items.Count < 4 || args.Items[0] is not StorageRef storage || args.Items[1] is not long offset
                    || Longs(args.Items[2]) is not { } size || Longs(args.Items[3]) is not { } stride || size.Length != stride.Length)
                {
                    throw Error(at, "torch._utils._rebuild_tensor_v2 has arguments other than (storage, offset, size, stride, …)");
                }

                return new TensorRef(storage, offset, size, stride);
            case PickleGlobal { Name: "_rebuild_parameter" } when args.Items.Count >= 1 && args.Items[0] is TensorRef tensor:
                return tensor;
            default:
                throw Error(at, $"REDUCE calls {callable ?? "None"} with {args.Items.Count} arguments, which a state dict of tensors does not do; {Refusal}");
        }
    }

    private StorageRef PersistentLoad(object? pid, int at)
    {
        // ('storage', torch.FloatStorage, key, location, numel), and in the legacy format a sixth item, view metadata (None).
        if (pid is PickleTuple { Items: ["storage", PickleGlobal { Module: "torch" } type, string key, string location, long count, ..] items }
            && (items.Count == 5 || (items.Count == 6 && items[5] is null))
            && PthStorageType.Known.TryGetValue(type.Name, out var storageType) && count >= 0)
        {
            return new StorageRef(storageType, key, location, count);
        }

        throw Error(at, "persistent id is not ('storage', torch.<Type>Storage, key, location, numel)");
    }

    private static long[]? Longs(object? value) =>
        value is PickleTuple t && t.Items.All(i => i is long) ? t.Items.Select(i => (long)i!).ToArray() : null;

    private void SetItems(object? target, IReadOnlyList<object?> pairs, int at)
    {
        if (target is not Dictionary<object, object?> dict)
        {
            throw Error(at, "SETITEM(S) on something that is not a dict");
        }

        if (pairs.Count % 2 != 0)
        {
            throw Error(at, "SETITEMS has an odd number of items");
        }

        for (var i = 0; i < pairs.Count; i += 2)
        {
            dict[pairs[i] ?? throw Error(at, "dict key None is not supported")] = pairs[i + 1];
        }
    }

    private List<object?> AsList(object? target, int at) =>
        target as List<object?> ?? throw Error(at, "APPEND(S) on something that is not a list");

    private object? Pop(int at)
    {
        if (_stack.Count == 0 || ReferenceEquals(_stack[^1], Mark))
        {
            throw Error(at, "pickle stack underflow: the file is corrupted");
        }

        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? Peek(int at) =>
        _stack.Count == 0 || ReferenceEquals(_stack[^1], Mark) ? throw Error(at, "pickle stack underflow: the file is corrupted") : _stack[^1];

    private List<object?> PopToMark(int at)
    {
        if (_marks.Count == 0)
        {
            throw Error(at, "opcode needs a MARK but there is none: the file is corrupted");
        }

        var start = _marks.Pop();
        var items = _stack.GetRange(start + 1, _stack.Count - start - 1);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private object? Recall(long index, int at) =>
        _memo.TryGetValue(index, out var value) ? value : throw Error(at, $"memo entry {index} is read before it is written: the file is corrupted");

    private byte ReadByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count > _data.Length - _pos)
        {
            throw Error(_pos, $"pickle ends inside an opcode argument ({count} bytes wanted): the file is truncated");
        }

        var span = _data.AsSpan(_pos, (int)count);
        _pos += (int)count;
        return span;
    }

    private string ReadUtf8(ulong length, int at) =>
        length > (ulong)(_data.Length - _pos) ? throw Error(at, "string runs past the end of the pickle: the file is truncated") : Encoding.UTF8.GetString(Take((long)length));

    private string ReadLine(int at)
    {
        var end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0)
        {
            throw Error(at, "GLOBAL name has no end of line: the file is truncated");
        }

        var text = Encoding.UTF8.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return text;
    }

    private DataFormatException Error(int offset, string problem) => new(_source, $"byte offset {offset} of the pickle: {problem}");
}
