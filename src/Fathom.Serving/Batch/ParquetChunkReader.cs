using System.Buffers;
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
    /// <param name="undecoded">
    /// Asked before each row group with the file's column names: those that need not be decoded (they become
    /// <see cref="UndecodedColumn"/>s); null decodes every column.
    /// </param>
    public static async IAsyncEnumerable<DataTable> ReadAsync(string path, Func<IReadOnlyList<string>, IReadOnlySet<string>>? undecoded,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = await ParquetReader.CreateAsync(SynchronousFileStream.OpenRead(path), leaveStreamOpen: false, cancellationToken: ct);
        var fields = reader.Schema.DataFields;
        var names = fields.Select(f => f.Name).ToArray();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var skipped = undecoded?.Invoke(names);
            var columns = new Column[fields.Length];
            for (var f = 0; f < fields.Length; f++)
                columns[f] = skipped?.Contains(fields[f].Name) == true ? Undecoded(fields[f], count, path) : await ReadColumnAsync(group, fields[f], count, path, ct);
            yield return new DataTable(columns);
        }
    }

    /// <summary>A column read past: its kind is the one decoding would give, and an unreadable type fails as decoding would.</summary>
    private static UndecodedColumn Undecoded(DataField field, int count, string path) => field.ClrType switch
    {
        var t when t == typeof(double) || t == typeof(float) || t == typeof(long) || t == typeof(int) || t == typeof(short)
            || t == typeof(byte) || t == typeof(decimal) => new UndecodedColumn(field.Name, ColumnKind.Numeric, count),
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) || t == typeof(bool) => new UndecodedColumn(field.Name, ColumnKind.Categorical, count),
        var t when t == typeof(DateTime) => new UndecodedColumn(field.Name, ColumnKind.Timestamp, count),
        _ => throw Unreadable(field, path),
    };

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
        _ => throw Unreadable(field, path),
    };

    private static FathomException Unreadable(DataField field, string path) =>
        FathomException.InvalidParameter($"{path}: column '{field.Name}' has type {field.ClrType.Name}, which cannot be read as a number, text or timestamp.");

    // The decode buffers are rented: a 272k-row group needs several MB per column, and fresh arrays of that size
    // each chunk land on the large object heap and drive gen-2 collections.
    private static async Task<Column> Numbers<T>(ParquetRowGroupReader group, DataField field, int count, bool integral, CancellationToken ct)
        where T : struct, INumberBase<T>
    {
        var values = new double[count];
        if (!field.IsNullable)
        {
            var plain = ArrayPool<T>.Shared.Rent(count);
            try
            {
                await group.ReadAsync<T>(field, plain.AsMemory(0, count), null, ct);
                for (var i = 0; i < count; i++) values[i] = double.CreateTruncating(plain[i]);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(plain);
            }
            return new NumericColumn(field.Name, values, integral);
        }
        var buffer = ArrayPool<T?>.Shared.Rent(count);
        try
        {
            await group.ReadAsync<T>(field, buffer.AsMemory(0, count), null, ct);
            for (var i = 0; i < count; i++) values[i] = buffer[i] is { } v ? double.CreateTruncating(v) : double.NaN;
        }
        finally
        {
            ArrayPool<T?>.Shared.Return(buffer);
        }
        return new NumericColumn(field.Name, values, integral);
    }

    private static async Task<Column> Texts(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var buffer = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(count);
        try
        {
            await group.ReadAsync<ReadOnlyMemory<char>>(field, buffer.AsMemory(0, count), null, ct);
            return Categorical(field.Name, buffer.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static CategoricalColumn Categorical(string name, ReadOnlySpan<ReadOnlyMemory<char>?> texts)
    {
        var codes = new int[texts.Length];
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        var categories = new List<string>();
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is not { } text)
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
        return new CategoricalColumn(name, codes, [.. categories]);
    }

    private static async Task<Column> Booleans(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var buffer = new bool?[count];
        await group.ReadAsync<bool>(field, buffer.AsMemory(), null, ct);
        return new CategoricalColumn(field.Name, buffer.Select(b => b is { } v ? (v ? 1 : 0) : CategoricalColumn.MissingCode).ToArray(), ["false", "true"]);
    }

    private static async Task<Column> Times(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var buffer = ArrayPool<DateTime?>.Shared.Rent(count);
        try
        {
            await group.ReadAsync<DateTime>(field, buffer.AsMemory(0, count), null, ct);
            var ticks = new long[count];
            for (var i = 0; i < count; i++)
                ticks[i] = buffer[i] is { } v ? (v.Kind == DateTimeKind.Local ? v.ToUniversalTime().Ticks : v.Ticks) : TimestampColumn.MissingTicks;
            return new TimestampColumn(field.Name, ticks);
        }
        finally
        {
            ArrayPool<DateTime?>.Shared.Return(buffer);
        }
    }
}
