using System.Numerics;
using System.Runtime.CompilerServices;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.Batch;

/// <summary>
/// Reads a Parquet file one row group at a time, so a file larger than memory streams through: numbers as doubles,
/// strings and booleans as categories, dates and timestamps as UTC ticks (the kinds Fathom.Core's reader gives).
/// </summary>
internal static class ParquetChunkReader
{
    public static async IAsyncEnumerable<DataTable> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await ParquetReader.CreateAsync(SynchronousFileStream.OpenRead(path), leaveStreamOpen: false, cancellationToken: ct);
        var fields = reader.Schema.DataFields;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var columns = new Column[fields.Length];
            for (var f = 0; f < fields.Length; f++) columns[f] = await ReadColumnAsync(group, fields[f], count, path, ct);
            yield return new DataTable(columns);
        }
    }

    private static Task<Column> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int count, string path, CancellationToken ct) => field.ClrType switch
    {
        var t when t == typeof(double) => Numbers<double>(group, field, count, false, ct),
        var t when t == typeof(float) => Numbers<float>(group, field, count, false, ct),
        var t when t == typeof(long) => Numbers<long>(group, field, count, true, ct),
        var t when t == typeof(int) => Numbers<int>(group, field, count, true, ct),
        var t when t == typeof(short) => Numbers<short>(group, field, count, true, ct),
        var t when t == typeof(byte) => Numbers<byte>(group, field, count, true, ct),
        var t when t == typeof(decimal) => Numbers<decimal>(group, field, count, false, ct),
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => Texts(group, field, count, ct),
        var t when t == typeof(bool) => Booleans(group, field, count, ct),
        var t when t == typeof(DateTime) => Times(group, field, count, ct),
        _ => throw FathomException.InvalidParameter($"{path}: column '{field.Name}' has type {field.ClrType.Name}, which cannot be read as a number, text or timestamp."),
    };

    private static async Task<Column> Numbers<T>(ParquetRowGroupReader group, DataField field, int count, bool integral, CancellationToken ct)
        where T : struct, INumberBase<T>
    {
        var values = new double[count];
        var buffer = new T?[count];
        if (field.IsNullable) await group.ReadAsync<T>(field, buffer.AsMemory(), null, ct);
        else
        {
            var plain = new T[count];
            await group.ReadAsync<T>(field, plain.AsMemory(), null, ct);
            for (var i = 0; i < count; i++) values[i] = double.CreateTruncating(plain[i]);
            return new NumericColumn(field.Name, values, integral);
        }
        for (var i = 0; i < count; i++) values[i] = buffer[i] is { } v ? double.CreateTruncating(v) : double.NaN;
        return new NumericColumn(field.Name, values, integral);
    }

    private static async Task<Column> Texts(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var buffer = new ReadOnlyMemory<char>?[count];
        await group.ReadAsync<ReadOnlyMemory<char>>(field, buffer.AsMemory(), null, ct);
        var codes = new int[count];
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        var categories = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (buffer[i] is not { } text)
            {
                codes[i] = CategoricalColumn.MissingCode;
                continue;
            }
            if (!lookup.TryGetValue(text.Span, out var code))
            {
                code = categories.Count;
                var s = text.ToString();
                dictionary.Add(s, code);
                categories.Add(s);
            }
            codes[i] = code;
        }
        return new CategoricalColumn(field.Name, codes, [.. categories]);
    }

    private static async Task<Column> Booleans(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var buffer = new bool?[count];
        await group.ReadAsync<bool>(field, buffer.AsMemory(), null, ct);
        return new CategoricalColumn(field.Name, buffer.Select(b => b is { } v ? (v ? 1 : 0) : CategoricalColumn.MissingCode).ToArray(), ["false", "true"]);
    }

    private static async Task<Column> Times(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var buffer = new DateTime?[count];
        await group.ReadAsync<DateTime>(field, buffer.AsMemory(), null, ct);
        return new TimestampColumn(field.Name, buffer.Select(d => d is { } v ? (v.Kind == DateTimeKind.Local ? v.ToUniversalTime().Ticks : v.Ticks) : TimestampColumn.MissingTicks).ToArray());
    }
}
