using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Data;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over columnar arrays. ML.NET's own loaders materialize one object per row
/// (or re-parse text on every pass); this view hands out getters that index the arrays directly, so a pass over
/// millions of rows costs a few array reads per row and allocates nothing.
/// </summary>
internal sealed class ColumnarDataView : IDataView
{
    private readonly ViewColumn[] _columns;
    private readonly int[] _rows;
    private readonly int _rowCount;

    /// <param name="columns">The columns, each indexed by row of the underlying table.</param>
    /// <param name="rows">Which rows of the underlying table the view shows, in order (a split needs no copy).</param>
    public ColumnarDataView(IReadOnlyList<ViewColumn> columns, int[] rows)
    {
        _columns = [.. columns];
        _rows = rows;
        _rowCount = rows.Length;
        var builder = new DataViewSchema.Builder();
        foreach (var column in _columns) builder.AddColumn(column.Name, column.Type);
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    // Trainers that want shuffled rows (SDCA) read through ML.NET's cache instead.
    public bool CanShuffle => false;

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    // One cursor: the passes are memory-bound array reads, and a single cursor keeps row order stable for seeding.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ColumnarDataView _view;
        private readonly HashSet<int> _active;
        private readonly Delegate?[] _getters;
        private int _row = -1;

        public Cursor(ColumnarDataView view, HashSet<int> active)
        {
            _view = view;
            _active = active;
            _getters = new Delegate?[view._columns.Length];
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _row;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (_row + 1 >= _view._rowCount)
            {
                _row = _view._rowCount;
                return false;
            }
            _row++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested from this cursor.");
            var getter = _getters[column.Index] ??= _view._columns[column.Index].CreateGetter(() => _view._rows[_row]);
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
    }
}
