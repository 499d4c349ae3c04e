using System.Numerics;
using Fathom.Core.Errors;
using Parquet;
using Parquet.Schema;

namespace Fathom.Core.Tables.Readers;

/// <summary>
/// Reads a Parquet file into typed columns: numbers (any width, nullable or not) as doubles, strings and booleans
/// as categories, dates and timestamps as UTC ticks. Columns are read in parallel, each through its own reader
/// (one file handle per column), straight into one pre-sized array.
/// </summary>
internal static class ParquetTableReader
{
    public static async Task<DataTable> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        DataField[] fields;
        long[] groupRows;
        await using (var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken))
        {
            fields = reader.Schema.DataFields;
            var nested = fields.FirstOrDefault(f => f.IsArray || f.Path.ToList().Count > 1);
            if (nested is not null)
                throw FathomException.InvalidParameter($"{path}: column '{nested.Path}' is nested or a list; only flat columns can be read.");
            groupRows = Enumerable.Range(0, reader.RowGroupCount).Select(i => reader.RowGroups[i].RowCount).ToArray();
        }
        var total = groupRows.Sum();
        if (total > Array.MaxLength) throw FathomException.InvalidParameter($"{path}: {total} rows is more than one table holds.");
        var columns = await Task.WhenAll(fields.Select(f => Task.Run(() => ReadColumnAsync(path, f, (int)total, cancellationToken), cancellationToken)));
        return new DataTable(columns);
    }

    private static async Task<Column> ReadColumnAsync(string path, DataField field, int total, CancellationToken ct)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: ct);
        var sink = ColumnSink.For(field, total, path);
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            await sink.ReadAsync(group, offset, count, ct);
            offset += count;
        }
        return sink.Build();
    }

    private abstract class ColumnSink(DataField field)
    {
        protected DataField Field { get; } = field;

        public abstract Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct);

        public abstract Column Build();

        public static ColumnSink For(DataField field, int total, string path) => field.ClrType switch
        {
            var t when t == typeof(double) => new NumberSink<double>(field, total, false),
            var t when t == typeof(float) => new NumberSink<float>(field, total, false),
            var t when t == typeof(decimal) => new NumberSink<decimal>(field, total, false),
            var t when t == typeof(long) => new NumberSink<long>(field, total, true),
            var t when t == typeof(int) => new NumberSink<int>(field, total, true),
            var t when t == typeof(short) => new NumberSink<short>(field, total, true),
            var t when t == typeof(sbyte) => new NumberSink<sbyte>(field, total, true),
            var t when t == typeof(ulong) => new NumberSink<ulong>(field, total, true),
            var t when t == typeof(uint) => new NumberSink<uint>(field, total, true),
            var t when t == typeof(ushort) => new NumberSink<ushort>(field, total, true),
            var t when t == typeof(byte) => new NumberSink<byte>(field, total, true),
            var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => new TextSink(field),
            var t when t == typeof(bool) => new BoolSink(field, total),
            var t when t == typeof(DateTime) => new TimeSink<DateTime>(field, total, d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime().Ticks : d.Ticks),
            var t when t == typeof(DateTimeOffset) => new TimeSink<DateTimeOffset>(field, total, d => d.UtcTicks),
            var t when t == typeof(DateOnly) => new TimeSink<DateOnly>(field, total, d => d.DayNumber * TimeSpan.TicksPerDay),
            _ => throw FathomException.InvalidParameter($"{path}: column '{field.Name}' has type {field.ClrType.Name}, which cannot be read as a number, text or timestamp."),
        };
    }

    private sealed class NumberSink<T>(DataField field, int total, bool integral) : ColumnSink(field) where T : struct, INumberBase<T>
    {
        private readonly double[] _values = new double[total];

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            if (Field.IsNullable)
            {
                var buffer = new T?[count];
                await group.ReadAsync<T>(Field, buffer.AsMemory(), null, ct);
                for (var i = 0; i < count; i++) _values[offset + i] = buffer[i] is { } v ? double.CreateTruncating(v) : double.NaN;
            }
            else
            {
                var buffer = new T[count];
                await group.ReadAsync<T>(Field, buffer.AsMemory(), null, ct);
                for (var i = 0; i < count; i++) _values[offset + i] = double.CreateTruncating(buffer[i]);
            }
        }

        public override Column Build() => new NumericColumn(Field.Name, _values, integral);
    }

    private sealed class TextSink(DataField field) : ColumnSink(field)
    {
        private readonly ColumnBuilder _builder = new(field.Name);

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            // Read as character memory, not strings: a repeated category is looked up by span and never allocated.
            var buffer = new ReadOnlyMemory<char>?[count];
            await group.ReadAsync<ReadOnlyMemory<char>>(Field, buffer.AsMemory(), null, ct);
            foreach (var value in buffer)
            {
                if (value is { } text) _builder.AddText(text.Span);
                else _builder.AddMissing();
            }
        }

        public override Column Build()
        {
            _builder.Fix(ColumnKind.Categorical);
            return _builder.Build();
        }
    }

    private sealed class BoolSink(DataField field, int total) : ColumnSink(field)
    {
        private readonly int[] _codes = new int[total];

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            var buffer = new bool?[count];
            if (Field.IsNullable) await group.ReadAsync<bool>(Field, buffer.AsMemory(), null, ct);
            else
            {
                var plain = new bool[count];
                await group.ReadAsync<bool>(Field, plain.AsMemory(), null, ct);
                for (var i = 0; i < count; i++) buffer[i] = plain[i];
            }
            for (var i = 0; i < count; i++) _codes[offset + i] = buffer[i] is { } b ? (b ? 1 : 0) : CategoricalColumn.MissingCode;
        }

        public override Column Build() => new CategoricalColumn(Field.Name, _codes, ["false", "true"]);
    }

    private sealed class TimeSink<T>(DataField field, int total, Func<T, long> toTicks) : ColumnSink(field) where T : struct
    {
        private readonly long[] _ticks = new long[total];

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            if (Field.IsNullable)
            {
                var buffer = new T?[count];
                await group.ReadAsync<T>(Field, buffer.AsMemory(), null, ct);
                for (var i = 0; i < count; i++) _ticks[offset + i] = buffer[i] is { } v ? toTicks(v) : TimestampColumn.MissingTicks;
            }
            else
            {
                var buffer = new T[count];
                await group.ReadAsync<T>(Field, buffer.AsMemory(), null, ct);
                for (var i = 0; i < count; i++) _ticks[offset + i] = toTicks(buffer[i]);
            }
        }

        public override Column Build() => new TimestampColumn(Field.Name, _ticks);
    }
}
