using Fathom.Core.Errors;

namespace Fathom.Core.Tables;

/// <summary>An ordered set of equally long, uniquely named columns.</summary>
public sealed class DataTable
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, Column> _byName;

    public DataTable(IEnumerable<Column> columns)
    {
        _columns = columns.ToArray();
        _byName = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            if (!_byName.TryAdd(column.Name, column))
                throw FathomException.InvalidParameter($"Column '{column.Name}' appears more than once.");
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

    public bool Contains(string name) => _byName.ContainsKey(name);

    public Column this[string name] => _byName.TryGetValue(name, out var column)
        ? column
        : throw FathomException.InvalidParameter($"There is no column '{name}'.");

    public bool TryGetColumn(string name, out Column column) => _byName.TryGetValue(name, out column!);

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
