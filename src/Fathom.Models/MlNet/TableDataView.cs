using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.MlNet;

/// <summary>
/// An <see cref="IDataView"/> over a row range of a Fathom table, typed as the model's saved input schema.
/// <see cref="Bind"/> copies the range of each column into buffers the view owns and reuses (one block copy per
/// column, no per-row object), so one transformed view, with its compiled pipeline, serves call after call.
/// Schema columns the table does not have (such as the training label) read as missing/default values.
/// Not thread-safe: each caller rents its own view.
/// </summary>
internal sealed class TableDataView(DataViewSchema schema) : IDataView
{
    private readonly ColumnBuffer[] _buffers = Enumerable.Range(0, schema.Count).Select(_ => new ColumnBuffer()).ToArray();
    private int _count;

    public DataViewSchema Schema { get; } = schema;

    public bool CanShuffle => false;

    /// <summary>Points the view at rows [offset, offset + count) of the given columns (indexed like the schema; null where absent).</summary>
    public void Bind(Column?[] columns, int offset, int count)
    {
        _count = count;
        for (var i = 0; i < _buffers.Length; i++) _buffers[i].Load(columns[i], offset, count);
    }

    public long? GetRowCount() => _count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _count);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>One column's bound rows, in arrays grown on demand and kept for the next call.</summary>
    private sealed class ColumnBuffer
    {
        public double[] Numbers = [];
        public int[] Codes = [];
        public long[] Ticks = [];
        public ReadOnlyMemory<char>[] Labels = [];
        public bool[] Truth = [];
        public ColumnKind? Kind;

        public void Load(Column? column, int offset, int count)
        {
            Kind = column?.Kind;
            switch (column)
            {
                case NumericColumn n:
                    Grow(ref Numbers, count);
                    n.Values.Slice(offset, count).CopyTo(Numbers);
                    break;
                case CategoricalColumn c:
                    Grow(ref Codes, count);
                    c.Codes.Slice(offset, count).CopyTo(Codes);
                    Labels = c.Categories.Select(s => s.AsMemory()).ToArray();
                    Truth = c.Categories.Select(s => bool.TryParse(s, out var b) && b).ToArray();
                    break;
                case TimestampColumn t:
                    Grow(ref Ticks, count);
                    t.Ticks.Slice(offset, count).CopyTo(Ticks);
                    break;
            }
        }

        private static void Grow<T>(ref T[] buffer, int count)
        {
            if (buffer.Length < count) buffer = new T[Math.Max(count, buffer.Length * 2)];
        }
    }

    private sealed class Cursor(TableDataView view, int count) : DataViewRowCursor
    {
        private int _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= count) return false;
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            MakeGetter(column.Type, view._buffers[column.Index]) as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' is {column.Type}; a getter of {typeof(TValue).Name} was asked for.");

        private Delegate MakeGetter(DataViewType type, ColumnBuffer b)
        {
            // Capture the arrays, not the buffer object, so a getter keeps reading what was bound when it was made.
            var numbers = b.Kind == ColumnKind.Numeric ? b.Numbers : null;
            var codes = b.Kind == ColumnKind.Categorical ? b.Codes : null;
            var ticks = b.Kind == ColumnKind.Timestamp ? b.Ticks : null;
            var labels = b.Labels;
            var truth = b.Truth;
            var raw = type.RawType;
            return type switch
            {
                NumberDataViewType when raw == typeof(float) =>
                    (ValueGetter<float>)((ref float v) => v = numbers is null ? float.NaN : (float)numbers[_position]),
                NumberDataViewType when raw == typeof(double) =>
                    (ValueGetter<double>)((ref double v) => v = numbers is null ? double.NaN : numbers[_position]),
                NumberDataViewType when raw == typeof(int) =>
                    (ValueGetter<int>)((ref int v) => v = numbers is null ? 0 : (int)numbers[_position]),
                NumberDataViewType when raw == typeof(long) =>
                    (ValueGetter<long>)((ref long v) => v = numbers is null ? 0 : (long)numbers[_position]),
                BooleanDataViewType => codes is not null
                    ? (ValueGetter<bool>)((ref bool v) => v = codes[_position] >= 0 && truth[codes[_position]])
                    : (ValueGetter<bool>)((ref bool v) => v = numbers is not null && numbers[_position] != 0),
                TextDataViewType =>
                    (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                        v = codes is null || codes[_position] < 0 ? ReadOnlyMemory<char>.Empty : labels[codes[_position]]),
                DateTimeDataViewType =>
                    (ValueGetter<DateTime>)((ref DateTime v) =>
                        v = ticks is null || ticks[_position] == TimestampColumn.MissingTicks ? default : new DateTime(ticks[_position], DateTimeKind.Utc)),
                KeyDataViewType => (ValueGetter<uint>)((ref uint v) => v = 0),
                _ => throw FathomException.InvalidParameter($"ML.NET input type {type} cannot be read from a table column."),
            };
        }
    }
}
