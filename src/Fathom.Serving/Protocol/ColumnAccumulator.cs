using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>
/// One column of a scoring request while it is parsed. Unlike the file readers' builder it starts tiny (most requests
/// carry one row) and fixes its kind on the first non-missing value; a value of another kind is reported by the
/// caller, which knows the row.
/// </summary>
internal sealed class ColumnAccumulator(string name)
{
    private ColumnKind? _kind;
    private int _count;
    private double[] _numbers = [];
    private bool _integral = true;
    private int[] _codes = [];
    private Dictionary<string, int>? _dictionary;
    private List<string>? _categories;

    public string Name { get; } = name;

    public ColumnKind? Kind => _kind;

    public int Count => _count;

    public void AddMissing()
    {
        // Until the kind is known a missing value is recorded as both NaN and code -1; Build keeps the right one.
        Grow(ref _numbers);
        Grow(ref _codes);
        _numbers[_count] = double.NaN;
        _codes[_count] = CategoricalColumn.MissingCode;
        _count++;
    }

    /// <returns>false when the column already holds text.</returns>
    public bool TryAddNumber(double value, bool integral)
    {
        if (_kind == ColumnKind.Categorical) return false;
        _kind = ColumnKind.Numeric;
        Grow(ref _numbers);
        _numbers[_count++] = value;
        _integral &= integral;
        return true;
    }

    /// <returns>false when the column already holds numbers.</returns>
    public bool TryAddText(ReadOnlySpan<char> value)
    {
        if (_kind == ColumnKind.Numeric) return false;
        if (_kind is null)
        {
            _kind = ColumnKind.Categorical;
            _dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
            _categories = [];
        }
        var lookup = _dictionary!.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var code))
        {
            code = _categories!.Count;
            var text = value.ToString();
            _dictionary.Add(text, code);
            _categories.Add(text);
        }
        Grow(ref _codes);
        _codes[_count++] = code;
        return true;
    }

    public Column Build()
    {
        // A column of nothing but missing values is numeric, as pandas reads it (float64 NaN).
        return _kind == ColumnKind.Categorical
            ? new CategoricalColumn(Name, Trim(_codes), [.. _categories!])
            : new NumericColumn(Name, Trim(_numbers), _integral && _kind is not null);
    }

    private void Grow<T>(ref T[] array)
    {
        if (_count < array.Length) return;
        Array.Resize(ref array, Math.Max(4, array.Length * 2));
    }

    private T[] Trim<T>(T[] array)
    {
        if (array.Length != _count) Array.Resize(ref array, _count);
        return array;
    }
}
