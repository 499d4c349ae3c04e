using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Models.MlNet;

/// <summary>
/// An <see cref="IDataView"/> over a row range of a Fathom table, typed as the model's saved input schema.
/// <see cref="Bind"/> copies the range of each column into buffers the view owns and reuses (one block copy per
/// column, no per-row object). Rows are read either through cursors or through one long-lived <see cref="TableRow"/>
/// that a compiled row mapper keeps (ML.NET's PredictionEngine pattern), so a call need not rebuild the pipeline.
/// Schema columns the table does not have (such as the training label) read as missing/default values.
/// Not thread-safe: each caller rents its own view.
/// </summary>
internal sealed class TableDataView(DataViewSchema schema) : IDataView
{
    private readonly ColumnBuffer[] _buffers = Enumerable.Range(0, schema.Count).Select(_ => new ColumnBuffer()).ToArray();
    private int _count;

    public DataViewSchema Schema { get; } = schema;

    public bool CanShuffle => false;

    public int Count => _count;

    /// <summary>Points the view at rows [offset, offset + count) of the given columns (indexed like the schema; null where absent).</summary>
    public void Bind(Column?[] columns, int offset, int count)
    {
        _count = count;
        for (var i = 0; i < _buffers.Length; i++) _buffers[i].Load(columns[i], offset, count);
    }

    public long? GetRowCount() => _count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>A row that a row mapper reads from for the view's whole life; <see cref="TableRow.MoveTo"/> selects the bound row.</summary>
    public TableRow CreateRow() => new(this);

    private Delegate MakeGetter(DataViewSchema.Column column, RowIndex at)
    {
        // Getters read through the buffer object, so a getter made once keeps working after later binds grow it.
        var b = _buffers[column.Index];
        var raw = column.Type.RawType;
        return column.Type switch
        {
            NumberDataViewType when raw == typeof(float) =>
                (ValueGetter<float>)((ref float v) => v = b.Kind == ColumnKind.Numeric ? (float)b.Numbers[at.Index] : float.NaN),
            NumberDataViewType when raw == typeof(double) =>
                (ValueGetter<double>)((ref double v) => v = b.Kind == ColumnKind.Numeric ? b.Numbers[at.Index] : double.NaN),
            NumberDataViewType when raw == typeof(int) =>
                (ValueGetter<int>)((ref int v) => v = b.Kind == ColumnKind.Numeric ? (int)b.Numbers[at.Index] : 0),
            NumberDataViewType when raw == typeof(long) =>
                (ValueGetter<long>)((ref long v) => v = b.Kind == ColumnKind.Numeric ? (long)b.Numbers[at.Index] : 0),
            BooleanDataViewType => (ValueGetter<bool>)((ref bool v) => v = b.Kind switch
            {
                ColumnKind.Categorical => b.Codes[at.Index] >= 0 && b.Truth[b.Codes[at.Index]],
                ColumnKind.Numeric => b.Numbers[at.Index] != 0,
                _ => false,
            }),
            TextDataViewType =>
                (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                    v = b.Kind != ColumnKind.Categorical || b.Codes[at.Index] < 0 ? ReadOnlyMemory<char>.Empty : b.Labels[b.Codes[at.Index]]),
            DateTimeDataViewType =>
                (ValueGetter<DateTime>)((ref DateTime v) =>
                    v = b.Kind != ColumnKind.Timestamp || b.Ticks[at.Index] == TimestampColumn.MissingTicks ? default : new DateTime(b.Ticks[at.Index], DateTimeKind.Utc)),
            KeyDataViewType => (ValueGetter<uint>)((ref uint v) => v = 0),
            _ => throw FathomException.InvalidParameter($"ML.NET input type {column.Type} cannot be read from a table column."),
        };
    }

    private ValueGetter<TValue> Getter<TValue>(DataViewSchema.Column column, RowIndex at) =>
        MakeGetter(column, at) as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; a getter of {typeof(TValue).Name} was asked for.");

    /// <summary>The bound row a row or cursor is on.</summary>
    private sealed class RowIndex
    {
        public int Index;
    }

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
                    if (Labels.Length != c.Categories.Count || !SameLabels(c.Categories))
                    {
                        Labels = c.Categories.Select(s => s.AsMemory()).ToArray();
                        Truth = c.Categories.Select(s => bool.TryParse(s, out var t) && t).ToArray();
                    }
                    break;
                case TimestampColumn t:
                    Grow(ref Ticks, count);
                    t.Ticks.Slice(offset, count).CopyTo(Ticks);
                    break;
            }
        }

        private bool SameLabels(IReadOnlyList<string> categories)
        {
            for (var i = 0; i < categories.Count; i++)
                if (!Labels[i].Span.SequenceEqual(categories[i])) return false;
            return true;
        }

        private static void Grow<T>(ref T[] buffer, int count)
        {
            if (buffer.Length < count) buffer = new T[Math.Max(count, buffer.Length * 2)];
        }
    }

    /// <summary>The long-lived input row of a row mapper. Its position only grows, so ML.NET's per-position caches never serve a stale value.</summary>
    internal sealed class TableRow(TableDataView view) : DataViewRow
    {
        private readonly RowIndex _at = new();
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public void MoveTo(int row)
        {
            _at.Index = row;
            _position++;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => view.Getter<TValue>(column, _at);
    }

    private sealed class Cursor(TableDataView view) : DataViewRowCursor
    {
        private readonly RowIndex _at = new() { Index = -1 };

        public override long Position => _at.Index;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (_at.Index + 1 >= view._count) return false;
            _at.Index++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_at.Index, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => view.Getter<TValue>(column, _at);
    }
}
