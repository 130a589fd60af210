using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NeuroExercises.Core.Npy;

/// <summary>Reads the magic, version and header dictionary of an .npy stream (a Python literal, parsed, never evaluated).</summary>
internal static class NpyHeaderParser
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the header; the stream is left at the first data byte.</summary>
    public static NpyHeader Read(Stream stream, string source)
    {
        var prefix = new byte[8];
        var got = ReadFully(stream, prefix);
        if (got < 8 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new DataFormatException(source, got < 8
                ? $"file is {got} bytes long, too short for the 8-byte NPY magic and version: not an .npy file or truncated"
                : "bad magic at byte offset 0 (expected \\x93NUMPY): not an .npy file or corrupted; re-save it with numpy.save");
        }

        int major = prefix[6], minor = prefix[7];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new DataFormatException(source, $"NPY format version {major}.{minor} at byte offset 6 is not supported (1.0, 2.0 and 3.0 are); re-save it with numpy.save"),
        };
        var lenBuf = new byte[lengthBytes];
        if (ReadFully(stream, lenBuf) < lengthBytes)
        {
            throw new DataFormatException(source, "file ends inside the header length at byte offset 8: truncated");
        }

        long headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(lenBuf) : BinaryPrimitives.ReadUInt32LittleEndian(lenBuf);
        if (headerLength > 1 << 24)
        {
            throw new DataFormatException(source, $"header length {headerLength} at byte offset 8 is implausible: corrupted file");
        }

        if (stream.CanSeek && headerLength > stream.Length - stream.Position)
        {
            throw new DataFormatException(source, $"header length {headerLength} at byte offset 8 runs past the end of the file ({stream.Length - stream.Position} bytes remain): truncated or corrupted; re-save it with numpy.save");
        }

        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerLength)
        {
            throw new DataFormatException(source, $"file ends inside the {headerLength}-byte header that starts at byte offset {8 + lengthBytes}: truncated");
        }

        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        var dataOffset = 8 + lengthBytes + headerLength;
        return ParseDictionary(text, source, dataOffset);
    }

    /// <summary>Parses "{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }".</summary>
    public static NpyHeader ParseDictionary(string text, string source, long dataOffset)
    {
        var parser = new LiteralParser(text, source);
        var value = parser.ParseTop();
        if (value is not Dictionary<string, object?> dict)
        {
            throw new DataFormatException(source, $"header is not a Python dict: '{text.Trim()}'");
        }

        if (!dict.TryGetValue("descr", out var descrObj) || !dict.TryGetValue("fortran_order", out var fortranObj) || !dict.TryGetValue("shape", out var shapeObj))
        {
            throw new DataFormatException(source, $"header lacks one of 'descr', 'fortran_order', 'shape': '{text.Trim()}'");
        }

        if (descrObj is not string descr)
        {
            throw new DataFormatException(source, $"dtype {Describe(descrObj)} is a structured (record) dtype, which is not supported; save each field as its own array");
        }

        if (fortranObj is not bool fortran)
        {
            throw new DataFormatException(source, $"'fortran_order' is {Describe(fortranObj)}, expected True or False");
        }

        if (shapeObj is not List<object?> shapeItems || shapeItems.Any(i => i is not long n || n < 0))
        {
            throw new DataFormatException(source, $"'shape' is {Describe(shapeObj)}, expected a tuple of non-negative integers");
        }

        return new NpyHeader(descr, fortran, shapeItems.Select(i => (long)i!).ToArray(), dataOffset);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"'{s}'",
        List<object?> l => "[" + string.Join(", ", l.Select(Describe)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>A parser for the Python literals NumPy writes: dicts, tuples, lists, strings, ints, True/False/None.</summary>
    private sealed class LiteralParser(string text, string source)
    {
        private int _pos;

        public object? ParseTop()
        {
            var v = ParseValue();
            SkipSpace();
            if (_pos != text.Length)
            {
                throw Error("unexpected text after the dict");
            }

            return v;
        }

        private object? ParseValue()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error("header ends early");
            }

            var c = text[_pos];
            switch (c)
            {
                case '{':
                    return ParseDict();
                case '(':
                    return ParseSequence(')');
                case '[':
                    return ParseSequence(']');
                case '\'':
                case '"':
                    return ParseString();
                default:
                    if (char.IsDigit(c) || c == '-')
                    {
                        return ParseInt();
                    }

                    if (TryWord("True"))
                    {
                        return true;
                    }

                    if (TryWord("False"))
                    {
                        return false;
                    }

                    if (TryWord("None"))
                    {
                        return null;
                    }

                    throw Error($"unexpected character '{c}'");
            }
        }

        private Dictionary<string, object?> ParseDict()
        {
            _pos++;
            var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    _pos++;
                    return dict;
                }

                if (ParseValue() is not string key)
                {
                    throw Error("dict key is not a string");
                }

                SkipSpace();
                Expect(':');
                dict[key] = ParseValue();
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                }
                else if (Peek() != '}')
                {
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private List<object?> ParseSequence(char close)
        {
            _pos++;
            var items = new List<object?>();
            while (true)
            {
                SkipSpace();
                if (Peek() == close)
                {
                    _pos++;
                    return items;
                }

                items.Add(ParseValue());
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                }
                else if (Peek() != close)
                {
                    throw Error($"expected ',' or '{close}'");
                }
            }
        }

        private string ParseString()
        {
            var quote = text[_pos++];
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }

            Expect(quote);
            return sb.ToString();
        }

        private long ParseInt()
        {
            var start = _pos;
            if (text[_pos] == '-')
            {
                _pos++;
            }

            while (_pos < text.Length && char.IsDigit(text[_pos]))
            {
                _pos++;
            }

            // NumPy on Python 2 wrote long suffixes: (3L, 4L).
            var digits = text[start.._pos];
            if (_pos < text.Length && text[_pos] == 'L')
            {
                _pos++;
            }

            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw Error($"integer '{digits}' is out of range");
        }

        private bool TryWord(string word)
        {
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) == 0)
            {
                _pos += word.Length;
                return true;
            }

            return false;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private DataFormatException Error(string what) =>
            new(source, $"header dict is malformed at character {_pos} ({what}): '{text.Trim()}'");
    }
}
