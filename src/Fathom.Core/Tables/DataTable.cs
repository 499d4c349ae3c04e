using Fathom.Core.Errors;

namespace Fathom.Core.Tables;

/// <summary>An ordered set of equally long, uniquely named columns.</summary>
public sealed class DataTable
{
    /// <summary>Up to this many columns, names are found by a linear scan: no dictionary per table (a scoring request makes one).</summary>
    private const int ScanColumns = 16;

    private readonly Column[] _columns;
    private readonly Dictionary<string, Column>? _byName;

    public DataTable(IEnumerable<Column> columns)
    {
        _columns = columns.ToArray();
        if (_columns.Length > ScanColumns) _byName = new Dictionary<string, Column>(_columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            var name = _columns[i].Name;
            if (_byName is null ? IndexOf(name, i) >= 0 : !_byName.TryAdd(name, _columns[i]))
                throw FathomException.InvalidParameter($"Column '{name}' appears more than once.");
        }
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        var uneven = _columns.FirstOrDefault(c => c.Length != RowCount);
        if (uneven is not null)
            throw FathomException.InvalidParameter(
                $"Column '{uneven.Name}' has {uneven.Length} rows but column '{_columns[0].Name}' has {RowCount}.");
    }

    public int RowCount { get; }

    public IReadOnlyList<Column> Columns => _columns;

    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    public bool Contains(string name) => TryGetColumn(name, out _);

    public Column this[string name] => TryGetColumn(name, out var column)
        ? column
        : throw FathomException.InvalidParameter($"There is no column '{name}'.");

    public bool TryGetColumn(string name, out Column column)
    {
        if (_byName is not null) return _byName.TryGetValue(name, out column!);
        var index = IndexOf(name, _columns.Length);
        column = index >= 0 ? _columns[index] : null!;
        return index >= 0;
    }

    private int IndexOf(string name, int before)
    {
        for (var i = 0; i < before; i++)
            if (string.Equals(_columns[i].Name, name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>A new table with the given rows of every column, in that order.</summary>
    public DataTable Take(ReadOnlySpan<int> rows)
    {
        var taken = new Column[_columns.Length];
        for (var i = 0; i < _columns.Length; i++) taken[i] = _columns[i].Take(rows);
        return new DataTable(taken);
    }

    /// <summary>The rows whose index satisfies <paramref name="keep"/>, in order.</summary>
    public DataTable Where(Func<int, bool> keep)
    {
        var rows = new List<int>();
        for (var row = 0; row < RowCount; row++) if (keep(row)) rows.Add(row);
        return Take(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }
}
