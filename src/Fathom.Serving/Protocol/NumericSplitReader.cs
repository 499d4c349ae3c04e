using System.Runtime.CompilerServices;
using System.Text;
using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>
/// The request nearly every client of a numeric model sends, read with a plain scan of the bytes instead of the JSON
/// reader: <c>{"dataframe_split": {"columns": [the model's input names], "data": [[numbers], ...]}}</c>, as pandas'
/// <c>to_json(orient="split")</c> and MLflow's client write it, with whitespace wherever JSON allows it. The reader's
/// tokens, the column accumulators and transcoding each name to compare it were a tenth of a single-row request's CPU.
/// <para>
/// Anything else returns null and goes to <see cref="ScoringJsonParser"/> as before: other keys or key order, an
/// <c>index</c>, <c>params</c>, escapes, text, null, numbers with an exponent or more than 15 digits, a name the model
/// does not take, a repeated name, rows of another width, no rows, and every malformed body. What is accepted is
/// therefore read into the same table the one-pass parse builds (the signature's name strings, values converted by
/// <see cref="ShortDecimal"/>, a column integral when all its numbers are), and every other body is answered as it was.
/// </para>
/// </summary>
internal static class NumericSplitReader
{
    private const int MaxColumns = 512;

    private static readonly ConditionalWeakTable<IReadOnlyList<string>, byte[][]> Utf8Names = new();

    public static DataTable? TryRead(ReadOnlySpan<byte> json, IReadOnlyList<string>? inputNames)
    {
        if (inputNames is not { Count: > 0 and <= MaxColumns }) return null;
        var names = Utf8Names.GetValue(inputNames, static n => [.. n.Select(Encoding.UTF8.GetBytes)]);
        var scan = new JsonScan(json);
        if (!scan.Take('{') || !scan.TakeKey("dataframe_split"u8) || !scan.Take('{') || !scan.TakeKey("columns"u8) || !scan.Take('[')) return null;

        Span<int> order = stackalloc int[names.Length];
        var width = 0;
        do
        {
            if (width == names.Length || !scan.TakeName(names, width, out var index) || order[..width].Contains(index)) return null;
            order[width++] = index;
        } while (scan.Take(','));
        if (!scan.Take(']') || !scan.Take(',') || !scan.TakeKey("data"u8) || !scan.Take('[')) return null;

        var values = ScratchArrays<double>.Rent(width);
        try
        {
            Span<bool> integral = stackalloc bool[width];
            integral.Fill(true);
            var rows = 0;
            do
            {
                if (!scan.Take('[')) return null;
                if ((rows + 1) * width > values.Length)
                {
                    var grown = ScratchArrays<double>.Rent(values.Length * 2);
                    values.AsSpan(0, rows * width).CopyTo(grown);
                    ScratchArrays<double>.Return(values);
                    values = grown;
                }
                for (var c = 0; c < width; c++)
                {
                    if ((c > 0 && !scan.Take(',')) || !scan.TakeNumber(out values[rows * width + c], out var whole)) return null;
                    integral[c] &= whole;
                }
                if (!scan.Take(']')) return null;
                rows++;
            } while (scan.Take(','));
            if (!scan.Take(']') || !scan.Take('}') || !scan.Take('}') || !scan.AtEnd()) return null;

            var columns = new Column[width];
            for (var c = 0; c < width; c++)
            {
                var column = new double[rows];
                for (var r = 0; r < rows; r++) column[r] = values[r * width + c];
                columns[c] = new NumericColumn(inputNames[order[c]], column, integral[c]);
            }
            return new DataTable(columns);
        }
        finally
        {
            ScratchArrays<double>.Return(values);
        }
    }

    /// <summary>A forward scan of strict JSON pieces; every method skips the whitespace before what it takes.</summary>
    private ref struct JsonScan(ReadOnlySpan<byte> json)
    {
        private readonly ReadOnlySpan<byte> _json = json;
        private int _at;

        public bool Take(char c)
        {
            SkipWhitespace();
            if (_at >= _json.Length || _json[_at] != c) return false;
            _at++;
            return true;
        }

        /// <summary>An object key spelled exactly <paramref name="key"/> (no escapes) and its colon.</summary>
        public bool TakeKey(ReadOnlySpan<byte> key)
        {
            SkipWhitespace();
            if (_at + key.Length + 2 > _json.Length || _json[_at] != '"' || !_json.Slice(_at + 1, key.Length).SequenceEqual(key)
                || _json[_at + 1 + key.Length] != '"') return false;
            _at += key.Length + 2;
            return Take(':');
        }

        /// <summary>A string equal to one of <paramref name="names"/> (tried from <paramref name="hint"/>), without escapes.</summary>
        public bool TakeName(byte[][] names, int hint, out int index)
        {
            index = -1;
            if (!Take('"')) return false;
            var end = _json[_at..].IndexOfAny((byte)'"', (byte)'\\');
            if (end < 0 || _json[_at + end] != '"') return false;
            var text = _json.Slice(_at, end);
            _at += end + 1;
            // A control character is not allowed raw in a JSON string, whatever a signature's name holds.
            if (text.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0) return false;
            if (hint < names.Length && text.SequenceEqual(names[hint])) index = hint;
            else
            {
                for (var i = 0; i < names.Length && index < 0; i++)
                    if (text.SequenceEqual(names[i])) index = i;
            }
            // Equal to a name's UTF-8 bytes: valid UTF-8, so a valid JSON string.
            return index >= 0;
        }

        /// <summary>A JSON number in the grammar's own form (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?</c>) that <see cref="ShortDecimal"/> converts.</summary>
        public bool TakeNumber(out double value, out bool integral)
        {
            value = 0;
            integral = true;
            SkipWhitespace();
            var start = _at;
            if (_at < _json.Length && _json[_at] == '-') _at++;
            if (_at >= _json.Length || !char.IsAsciiDigit((char)_json[_at])) return false;
            if (_json[_at++] != '0') SkipDigits();
            if (_at < _json.Length && _json[_at] == '.')
            {
                _at++;
                var fraction = _at;
                SkipDigits();
                if (_at == fraction) return false;
            }
            // An exponent, or a digit after a leading zero, is left to the JSON reader (to convert or to reject).
            if (_at < _json.Length && (_json[_at] is (byte)'e' or (byte)'E' || char.IsAsciiDigit((char)_json[_at]))) return false;
            return ShortDecimal.TryParse(_json[start.._at], out value, out integral);
        }

        public bool AtEnd()
        {
            SkipWhitespace();
            return _at == _json.Length;
        }

        private void SkipDigits()
        {
            while (_at < _json.Length && char.IsAsciiDigit((char)_json[_at])) _at++;
        }

        private void SkipWhitespace()
        {
            while (_at < _json.Length && _json[_at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') _at++;
        }
    }
}
