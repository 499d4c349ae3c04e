using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Fathom.Core.Tables;
using Fathom.Serving.ParquetWriting;
using ColumnChunk = Parquet.Meta.ColumnChunk;
using ParquetEncoding = Parquet.Meta.Encoding;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Encodes one row group's column chunks straight from the <see cref="LogSegment"/>s' arrays, without gathering them
/// first: numbers and times as PLAIN values, texts as PLAIN or, when values repeat in runs (a many-row request's id,
/// the model version), as a dictionary with RLE runs of indices; nulls as RLE / bit-packed definition levels. Pages are
/// Snappy-compressed by <see cref="ColumnChunkWriter"/>: it cost less than writing the bytes it saves (docs/benchmarks.md,
/// "Prediction log, session 8"). One instance per writer thread: its buffers are reused.
/// </summary>
internal sealed class LogColumnEncoder
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly PageBuffer _data = new();
    private readonly PageBuffer _dictionary = new();
    private readonly ColumnChunkWriter _chunks = new();
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private bool[] _defined = [];
    private int[] _runIndexes = [];
    private int[] _runLengths = [];

    /// <summary>A required INT64 timestamp (microseconds, UTC) per row.</summary>
    public ColumnChunk Times(Stream file, string name, IReadOnlyList<LogSegment> segments, Func<LogSegment, DateTime[]> column, int rows)
    {
        _data.Reset();
        foreach (var segment in segments)
        {
            var times = column(segment).AsSpan(0, segment.Count);
            var target = MemoryMarshal.Cast<byte, long>(_data.GetSpan(times.Length * 8))[..times.Length];
            for (var r = 0; r < times.Length; r++) target[r] = Micros(times[r].Ticks);
            _data.Advance(times.Length * 8);
        }
        return _chunks.Write(file, name, Parquet.Meta.Type.INT64, rows, [], 0, _data.Written, ParquetEncoding.PLAIN);
    }

    /// <summary>An optional DOUBLE column; NaN is null.</summary>
    public ColumnChunk Numbers(Stream file, string name, IReadOnlyList<LogSegment> segments, int field, int rows)
    {
        _data.Reset();
        var missing = 0;
        foreach (var segment in segments)
            foreach (var value in ((double[])segment.Values(field)).AsSpan(0, segment.Count))
                if (double.IsNaN(value)) missing++;
        if (missing > 0)
        {
            var row = 0;
            foreach (var segment in segments)
                foreach (var value in ((double[])segment.Values(field)).AsSpan(0, segment.Count)) _defined[row++] = !double.IsNaN(value);
        }
        Levels(rows, missing);
        foreach (var segment in segments)
        {
            var values = ((double[])segment.Values(field)).AsSpan(0, segment.Count);
            if (missing == 0)
            {
                _data.Write(MemoryMarshal.AsBytes(values));
                continue;
            }
            foreach (var value in values)
            {
                if (double.IsNaN(value)) continue;
                BinaryPrimitives.WriteDoubleLittleEndian(_data.GetSpan(8), value);
                _data.Advance(8);
            }
        }
        return _chunks.Write(file, name, Parquet.Meta.Type.DOUBLE, rows, [], 0, _data.Written, ParquetEncoding.PLAIN);
    }

    /// <summary>An optional INT64 timestamp column (microseconds, UTC) from ticks; <see cref="TimestampColumn.MissingTicks"/> is null.</summary>
    public ColumnChunk Ticks(Stream file, string name, IReadOnlyList<LogSegment> segments, int field, int rows)
    {
        _data.Reset();
        var missing = 0;
        var row = 0;
        foreach (var segment in segments)
            foreach (var ticks in ((long[])segment.Values(field)).AsSpan(0, segment.Count))
            {
                var present = ticks != TimestampColumn.MissingTicks;
                _defined[row++] = present;
                missing += present ? 0 : 1;
            }
        Levels(rows, missing);
        foreach (var segment in segments)
            foreach (var ticks in ((long[])segment.Values(field)).AsSpan(0, segment.Count))
            {
                if (ticks == TimestampColumn.MissingTicks) continue;
                BinaryPrimitives.WriteInt64LittleEndian(_data.GetSpan(8), Micros(ticks));
                _data.Advance(8);
            }
        return _chunks.Write(file, name, Parquet.Meta.Type.INT64, rows, [], 0, _data.Written, ParquetEncoding.PLAIN);
    }

    /// <summary>One text repeated on every row (the model's name): a one-entry dictionary and a single run.</summary>
    public ColumnChunk Constant(Stream file, string name, string value, int rows)
    {
        _data.Reset();
        _dictionary.Reset();
        Levels(rows, 0);
        PlainText(_dictionary, value);
        _data.GetSpan(1)[0] = 1;
        _data.Advance(1);
        RleHybrid.Run(_data, 0, rows, 1);
        return _chunks.Write(file, name, Parquet.Meta.Type.BYTE_ARRAY, rows, _dictionary.Written, 1, _data.Written, ParquetEncoding.RLE_DICTIONARY);
    }

    /// <summary>
    /// An optional UTF-8 column; null is null. Dictionary-encoded when values come in runs of four or more on average,
    /// plain otherwise: single-row requests' ids are all distinct, and hashing them only to write them plain would be
    /// wasted. Runs are counted by reference (a request's rows share its strings): comparing the characters of
    /// neighbouring ids, which share a long prefix, was most of the encoding's time for single-row requests.
    /// </summary>
    public ColumnChunk Texts(Stream file, string name, IReadOnlyList<LogSegment> segments, Func<LogSegment, string?[]> column, int rows)
    {
        _data.Reset();
        var missing = 0;
        var runs = 0;
        string? previous = null;
        var row = 0;
        foreach (var segment in segments)
            foreach (var value in column(segment).AsSpan(0, segment.Count))
            {
                _defined[row++] = value is not null;
                if (value is null) missing++;
                else if (!ReferenceEquals(value, previous)) runs++;
                if (value is not null) previous = value;
            }
        Levels(rows, missing);
        if (runs == 0 || runs * 4 > rows - missing)
        {
            foreach (var segment in segments)
                foreach (var value in column(segment).AsSpan(0, segment.Count))
                    if (value is not null) PlainText(_data, value);
            return _chunks.Write(file, name, Parquet.Meta.Type.BYTE_ARRAY, rows, [], 0, _data.Written, ParquetEncoding.PLAIN);
        }
        var distinct = DictionaryRuns(segments, column, out var valueRuns);
        _data.GetSpan(1)[0] = (byte)RleHybrid.BitWidth(distinct - 1);
        _data.Advance(1);
        var valueBytes = (RleHybrid.BitWidth(distinct - 1) + 7) / 8;
        for (var r = 0; r < valueRuns; r++) RleHybrid.Run(_data, _runIndexes[r], _runLengths[r], valueBytes);
        return _chunks.Write(file, name, Parquet.Meta.Type.BYTE_ARRAY, rows, _dictionary.Written, distinct, _data.Written, ParquetEncoding.RLE_DICTIONARY);
    }

    /// <summary>Makes room for a row group of <paramref name="rows"/> rows.</summary>
    public void Reserve(int rows)
    {
        if (_defined.Length >= rows) return;
        _defined = new bool[rows];
        _runIndexes = new int[rows];
        _runLengths = new int[rows];
    }

    /// <summary>Fills the dictionary page and the runs of indices (equal neighbours merged); returns the dictionary's size.</summary>
    private int DictionaryRuns(IReadOnlyList<LogSegment> segments, Func<LogSegment, string?[]> column, out int runs)
    {
        _dictionary.Reset();
        _indexes.Clear();
        var run = -1;
        string? previous = null;
        foreach (var segment in segments)
            foreach (var value in column(segment).AsSpan(0, segment.Count))
            {
                if (value is null) continue;
                if (run >= 0 && (ReferenceEquals(value, previous) || string.Equals(value, previous, StringComparison.Ordinal)))
                {
                    _runLengths[run]++;
                    continue;
                }
                if (!_indexes.TryGetValue(value, out var index))
                {
                    index = _indexes.Count;
                    _indexes.Add(value, index);
                    PlainText(_dictionary, value);
                }
                run++;
                _runIndexes[run] = index;
                _runLengths[run] = 1;
                previous = value;
            }
        runs = run + 1;
        return _indexes.Count;
    }

    /// <summary>The page's definition levels (bit width 1) behind their 4-byte length: one run when nothing is missing.</summary>
    private void Levels(int rows, int missing)
    {
        var at = _data.ReserveLength();
        if (missing == 0) RleHybrid.Run(_data, 1, rows, 1);
        else RleHybrid.BitPackedBits(_data, _defined.AsSpan(0, rows));
        _data.PatchLength(at);
    }

    private static void PlainText(PageBuffer page, string value)
    {
        var span = page.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        page.Advance(4 + length);
    }

    private static long Micros(long ticks) => (ticks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;
}
