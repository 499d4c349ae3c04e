using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Writes waiting <see cref="LogSegment"/>s as one Parquet row group through arrays gathered once and reused for every
/// group of every file (the writer is single-threaded). Numbers go to Parquet as plain values plus definition levels
/// (<see cref="ParquetRowGroupWriter.WriteAllPartsAsync{T}"/>) rather than as a fresh <c>double?[]</c> per column:
/// boxing every value into a nullable and letting the library split it again was most of the log's CPU.
/// </summary>
internal sealed class LogRowGroupWriter
{
    private string?[] _texts = [];
    private DateTime[] _times = [];
    private double[] _numbers = [];
    private int[] _levels = [];
    private int[] _allDefined = [];

    public async Task WriteAsync(ParquetRowGroupWriter group, DataField[] fields, string modelName, IReadOnlyList<LogSegment> segments, int rows, CancellationToken ct)
    {
        Reserve(rows);
        await group.WriteAsync(fields[0], Gather(segments, s => s.RequestIds, _texts, rows)!);
        var offset = 0;
        foreach (var segment in segments)
        {
            segment.Timestamps.AsSpan(0, segment.Count).CopyTo(_times.AsSpan(offset));
            offset += segment.Count;
        }
        await group.WriteAsync(fields[1], (ReadOnlyMemory<DateTime>)_times.AsMemory(0, rows), cancellationToken: ct);
        Array.Fill(_texts, modelName, 0, rows);
        await group.WriteAsync(fields[2], new ArraySegment<string>(_texts!, 0, rows));
        await group.WriteAsync(fields[3], Gather(segments, s => s.Versions, _texts, rows)!);
        for (var c = 4; c < fields.Length; c++)
        {
            var index = c - 4;
            switch (segments[0].Values(index))
            {
                case double[]:
                    var numbers = GatherNumbers(segments, index, rows, out var defined);
                    await group.WriteAllPartsAsync<double>(fields[c], _numbers.AsMemory(0, defined), numbers, null, ct);
                    break;
                case long[]:
                    var ticks = GatherTimes(segments, index, rows, out var present);
                    await group.WriteAllPartsAsync<DateTime>(fields[c], _times.AsMemory(0, present), ticks, null, ct);
                    break;
                default:
                    await group.WriteAsync(fields[c], Gather(segments, s => (string?[])s.Values(index), _texts, rows)!);
                    break;
            }
        }
    }

    private void Reserve(int rows)
    {
        if (_texts.Length >= rows) return;
        _texts = new string?[rows];
        _times = new DateTime[rows];
        _numbers = new double[rows];
        _levels = new int[rows];
        _allDefined = new int[rows];
        Array.Fill(_allDefined, 1);
    }

    private static ArraySegment<string?> Gather(IReadOnlyList<LogSegment> segments, Func<LogSegment, string?[]> column, string?[] target, int rows)
    {
        var offset = 0;
        foreach (var segment in segments)
        {
            column(segment).AsSpan(0, segment.Count).CopyTo(target.AsSpan(offset));
            offset += segment.Count;
        }
        return new ArraySegment<string?>(target, 0, rows);
    }

    /// <summary>Gathers the column's present values into <c>_numbers</c> (NaN is missing); returns the definition levels.</summary>
    private ReadOnlyMemory<int> GatherNumbers(IReadOnlyList<LogSegment> segments, int index, int rows, out int defined)
    {
        defined = 0;
        foreach (var segment in segments)
        {
            foreach (var value in ((double[])segment.Values(index)).AsSpan(0, segment.Count))
            {
                _numbers[defined] = value;
                defined += double.IsNaN(value) ? 0 : 1;
            }
        }
        // Missing values are rare: only then is a second pass needed for the levels.
        if (defined == rows) return _allDefined.AsMemory(0, rows);
        var row = 0;
        foreach (var segment in segments)
            foreach (var value in ((double[])segment.Values(index)).AsSpan(0, segment.Count)) _levels[row++] = double.IsNaN(value) ? 0 : 1;
        return _levels.AsMemory(0, rows);
    }

    /// <summary>Gathers the column's present timestamps into <c>_times</c>; returns the definition levels.</summary>
    private ReadOnlyMemory<int> GatherTimes(IReadOnlyList<LogSegment> segments, int index, int rows, out int present)
    {
        present = 0;
        var row = 0;
        foreach (var segment in segments)
        {
            foreach (var ticks in ((long[])segment.Values(index)).AsSpan(0, segment.Count))
            {
                var isPresent = ticks != TimestampColumn.MissingTicks;
                _levels[row++] = isPresent ? 1 : 0;
                if (isPresent) _times[present++] = new DateTime(ticks, DateTimeKind.Utc);
            }
        }
        return _levels.AsMemory(0, rows);
    }
}
